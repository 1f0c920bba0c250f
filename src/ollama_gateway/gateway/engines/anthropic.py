"""Anthropic's Messages API (``POST /v1/messages``) over an OpenAI chat completion.

Pure functions and one stream re-framer, used when the node serving the request does not speak
the Messages API itself (a node that does gets the request as it is):

* :func:`messages_to_openai`: the request: ``system`` becomes a system message; content blocks
  become text, ``image_url`` (base64 sources) parts, assistant ``tool_calls`` (``tool_use``)
  and ``tool`` messages (``tool_result``); ``tools`` and ``tool_choice`` become OpenAI's;
  ``max_tokens``, ``stop_sequences``, ``temperature`` and ``top_p`` carry over.
* :func:`openai_to_message`: a complete answer as an Anthropic ``message``.
* :class:`OpenAiToAnthropicSse`: a streamed answer as Anthropic's events (``message_start``,
  ``content_block_start``/``_delta``/``_stop`` for text and for each tool call,
  ``message_delta`` with the stop reason and usage, ``message_stop``).
* :func:`anthropic_counts`: (input, output) tokens of an Anthropic body or event, for metering.
"""

from __future__ import annotations

import re
import secrets
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from ollama_gateway.gateway.exchange import Exchange

_STOP = {"stop": "end_turn", "length": "max_tokens", "tool_calls": "tool_use"}
_INPUT = re.compile(rb'"input_tokens":\s*(\d+)')
_OUTPUT = re.compile(rb'"output_tokens":\s*(\d+)')


def anthropic_counts(data: bytes) -> tuple[int, int]:
    """(input, output) tokens in an Anthropic message or events (absent means 0): the largest
    ``input_tokens`` (``message_start`` may carry 0 before the count is known) and the last
    ``output_tokens`` (``message_delta`` carries the running total)."""
    inputs = _INPUT.findall(data)
    outputs = _OUTPUT.findall(data)
    return (max(map(int, inputs)) if inputs else 0, int(outputs[-1]) if outputs else 0)


class AnthropicUsage:
    """A relay sniffer reading the token counts of an Anthropic event stream (passed through
    or made by ``anthropic_stream``) as it goes; the chunks pass unchanged."""

    __slots__ = ("_ex",)

    def __init__(self, ex: Exchange) -> None:
        self._ex = ex

    def __call__(self, chunk: bytes) -> bytes:
        if b"_tokens" in chunk:
            prompt, completion = anthropic_counts(chunk)
            ex = self._ex
            ex.prompt_tokens = max(ex.prompt_tokens, prompt)
            ex.completion_tokens = max(ex.completion_tokens, completion)
        return chunk


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            str(b.get("text", ""))
            for b in content
            if isinstance(b, dict) and b.get("type") == "text"
        )
    return ""


def _part(block: dict[str, Any]) -> dict[str, Any] | None:
    kind = block.get("type")
    if kind == "text":
        return {"type": "text", "text": str(block.get("text", ""))}
    if kind == "image":
        source = block.get("source") or {}
        if source.get("type") == "base64":
            url = f"data:{source.get('media_type', 'image/png')};base64,{source.get('data', '')}"
        else:
            url = str(source.get("url", ""))
        return {"type": "image_url", "image_url": {"url": url}}
    return None


def _user(content: Any) -> list[dict[str, Any]]:
    """One user turn: its tool results first (as ``tool`` messages), then its text/images."""
    if isinstance(content, str):
        return [{"role": "user", "content": content}]
    out: list[dict[str, Any]] = []
    parts = []
    for block in content if isinstance(content, list) else ():
        if not isinstance(block, dict):
            continue
        if block.get("type") == "tool_result":
            result = _text(block.get("content"))
            if block.get("is_error"):
                result = f"error: {result}"
            out.append(
                {"role": "tool", "tool_call_id": str(block.get("tool_use_id")), "content": result}
            )
        elif (part := _part(block)) is not None:
            parts.append(part)
    if parts or not out:  # a turn with no text, image or tool result is still a turn ("")
        only_text = all(p["type"] == "text" for p in parts)
        out.append(
            {"role": "user", "content": "".join(p["text"] for p in parts) if only_text else parts}
        )
    return out


def _assistant(content: Any) -> dict[str, Any]:
    if isinstance(content, str):
        return {"role": "assistant", "content": content}
    message: dict[str, Any] = {"role": "assistant", "content": _text(content)}
    calls = [
        {
            "id": str(block.get("id")),
            "type": "function",
            "function": {
                "name": str(block.get("name")),
                "arguments": orjson.dumps(block.get("input") or {}).decode(),
            },
        }
        for block in (content if isinstance(content, list) else ())
        if isinstance(block, dict) and block.get("type") == "tool_use"
    ]
    if calls:
        message["tool_calls"] = calls
    return message


def _tool_choice(choice: Any) -> Any:
    kind = choice.get("type") if isinstance(choice, dict) else None
    if kind == "any":
        return "required"
    if kind == "tool":
        return {"type": "function", "function": {"name": choice.get("name")}}
    return kind if kind in ("auto", "none") else None


def _max_tokens(value: Any) -> int | None:
    """JSON's ``5.0`` is the integer 5 (an OpenAI server may want an int); past 64 bits, or not
    a number, none (the node's default)."""
    if isinstance(value, float) and value.is_integer() and value < 2**63:
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value < 2**63:
        return value
    return None


def messages_to_openai(payload: dict[str, Any]) -> dict[str, Any]:
    """An Anthropic Messages request as an OpenAI chat completion request."""
    messages: list[dict[str, Any]] = []
    system = _text(payload.get("system"))
    if system:
        messages.append({"role": "system", "content": system})
    for message in payload.get("messages") or ():
        if not isinstance(message, dict):
            continue
        if message.get("role") == "assistant":
            messages.append(_assistant(message.get("content")))
        else:
            messages.extend(_user(message.get("content")))
    body: dict[str, Any] = {"model": payload.get("model"), "messages": messages}
    if (limit := _max_tokens(payload.get("max_tokens"))) is not None:
        body["max_tokens"] = limit
    if payload.get("stop_sequences"):
        body["stop"] = payload["stop_sequences"]
    for name in ("temperature", "top_p"):
        if payload.get(name) is not None:
            body[name] = payload[name]
    tools = [
        {
            "type": "function",
            "function": {
                "name": t.get("name"),
                "description": t.get("description", ""),
                "parameters": t.get("input_schema") or {"type": "object"},
            },
        }
        for t in payload.get("tools") or ()
        if isinstance(t, dict) and t.get("name")
    ]
    if tools:
        body["tools"] = tools
        choice = _tool_choice(payload.get("tool_choice"))
        if choice is not None:
            body["tool_choice"] = choice
    if payload.get("stream") is True:
        body["stream"] = True
        body["stream_options"] = {"include_usage": True}
    return body


def _message_id() -> str:
    return "msg_" + secrets.token_hex(12)


def _tool_input(arguments: Any) -> Any:
    if isinstance(arguments, str):
        try:
            return orjson.loads(arguments) if arguments.strip() else {}
        except orjson.JSONDecodeError:
            return {"_raw": arguments}
    return arguments or {}


def openai_to_message(answer: bytes, *, model: str) -> bytes:
    """A complete OpenAI chat completion as an Anthropic ``message``."""
    data = orjson.loads(answer)
    choice = (data.get("choices") or [{}])[0]
    message = choice.get("message") or {}
    content: list[dict[str, Any]] = []
    if message.get("content"):
        content.append({"type": "text", "text": message["content"]})
    for call in message.get("tool_calls") or ():
        function = call.get("function") or {}
        content.append(
            {
                "type": "tool_use",
                "id": call.get("id") or "toolu_" + secrets.token_hex(8),
                "name": function.get("name", ""),
                "input": _tool_input(function.get("arguments")),
            }
        )
    usage = data.get("usage") or {}
    return orjson.dumps(
        {
            "id": _message_id(),
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": content,
            "stop_reason": _STOP.get(str(choice.get("finish_reason")), "end_turn"),
            "stop_sequence": None,
            "usage": {
                "input_tokens": int(usage.get("prompt_tokens") or 0),
                "output_tokens": int(usage.get("completion_tokens") or 0),
            },
        }
    )


def error_body(message: str, kind: str = "api_error") -> bytes:
    return orjson.dumps({"type": "error", "error": {"type": kind, "message": message}})


def event(name: str, data: dict[str, Any]) -> bytes:
    return b"event: " + name.encode() + b"\ndata: " + orjson.dumps(data) + b"\n\n"
