"""Ollama's ``/api/chat`` and ``/api/generate`` spoken to an OpenAI-compatible server.

Pure functions, no I/O: :func:`chat_request` and :func:`generate_request` turn an Ollama request
body into an OpenAI ``/v1/chat/completions`` body (``/v1/completions`` for a ``raw`` generate);
:func:`ollama_reply` turns the server's complete answer back into Ollama's, with Ollama's counts
and durations.  The streamed answer is re-framed by ``engines.stream``.

What maps to what:

* messages: ``images`` (base64) become ``image_url`` content parts with a data URL; an
  assistant's ``tool_calls`` (arguments as an object) become OpenAI tool calls (arguments as a
  JSON string, with ids); a ``tool`` message gets the ``tool_call_id`` of the call it answers;
* ``format``: ``"json"`` becomes ``response_format: json_object``, a JSON schema a
  ``json_schema`` response format;
* ``options``: ``temperature``, ``top_p``, ``seed``, ``stop``, ``frequency_penalty``,
  ``presence_penalty``, and ``num_predict`` as ``max_tokens`` (Ollama's -1 and -2, "no limit",
  are left out);
* ``tools`` are the same shape on both sides; ``think`` becomes ``reasoning_effort``.

Durations come from the server's ``timings`` when it gives them (llama.cpp does), else from the
gateway's own clock: ``total_duration`` from the request's start, ``prompt_eval_duration`` up to
the first token, ``eval_duration`` the rest.
"""

from __future__ import annotations

import base64
import binascii
import time
from datetime import UTC, datetime
from typing import Any

import orjson

_FINISH = {"stop": "stop", "length": "length", "tool_calls": "stop", "content_filter": "stop"}
_OPTION_NAMES = ("temperature", "top_p", "seed", "stop", "frequency_penalty", "presence_penalty")
_EFFORT = {True: "medium", "low": "low", "medium": "medium", "high": "high", "max": "high"}
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def now_iso() -> str:
    """Ollama's ``created_at``: RFC 3339 with nanoseconds' worth of digits, UTC."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def image_url(data: str) -> str:
    """A data URL for a base64 image (its type read from its first bytes; PNG when unknown)."""
    if data.startswith("data:"):
        return data
    try:
        head = base64.b64decode(data[:24] + "=" * (-len(data[:24]) % 4), validate=False)
    except (binascii.Error, ValueError):
        head = b""
    mime = next((m for magic, m in _MAGIC if head.startswith(magic)), None)
    if mime is None and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        mime = "image/webp"
    return f"data:{mime or 'image/png'};base64,{data}"


def _content(text: Any, images: Any) -> Any:
    if not isinstance(images, list) or not images:
        return text if isinstance(text, str) else ""
    parts: list[dict[str, Any]] = []
    if isinstance(text, str) and text:
        parts.append({"type": "text", "text": text})
    for image in images:
        if isinstance(image, str):
            parts.append({"type": "image_url", "image_url": {"url": image_url(image)}})
    return parts


def _tool_calls(calls: list[Any], ids: list[str]) -> list[dict[str, Any]]:
    translated = []
    for call in calls:
        function = call.get("function") if isinstance(call, dict) else None
        if not isinstance(function, dict):
            continue
        arguments = function.get("arguments", {})
        call_id = str(call.get("id") or f"call_{len(ids)}")
        ids.append(call_id)
        translated.append(
            {
                "id": call_id,
                "type": "function",
                "function": {
                    "name": str(function.get("name", "")),
                    "arguments": arguments
                    if isinstance(arguments, str)
                    else orjson.dumps(arguments).decode(),
                },
            }
        )
    return translated


def messages(ollama_messages: Any, system: Any = None) -> list[dict[str, Any]]:
    """Ollama chat messages as OpenAI's (see the module docstring)."""
    out: list[dict[str, Any]] = []
    if isinstance(system, str) and system:
        out.append({"role": "system", "content": system})
    pending: list[str] = []  # ids of tool calls not answered yet, in order
    for message in ollama_messages if isinstance(ollama_messages, list) else ():
        if not isinstance(message, dict):
            continue
        role = message.get("role", "user")
        item: dict[str, Any] = {"role": role}
        item["content"] = _content(message.get("content", ""), message.get("images"))
        calls = message.get("tool_calls")
        if role == "assistant" and isinstance(calls, list) and calls:
            item["tool_calls"] = _tool_calls(calls, pending)
        if role == "tool":
            call_id = message.get("tool_call_id")
            if not call_id:
                call_id = pending.pop(0) if pending else f"call_{len(out)}"
            elif call_id in pending:
                pending.remove(call_id)
            item["tool_call_id"] = str(call_id)
            if message.get("tool_name"):
                item["name"] = str(message["tool_name"])
        out.append(item)
    return out


def _sampling(payload: dict[str, Any], body: dict[str, Any]) -> None:
    options = payload.get("options")
    if isinstance(options, dict):
        for name in _OPTION_NAMES:
            if options.get(name) is not None:
                body[name] = options[name]
        limit = options.get("num_predict")
        if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0:
            body["max_tokens"] = limit
    fmt = payload.get("format")
    if fmt == "json":
        body["response_format"] = {"type": "json_object"}
    elif isinstance(fmt, dict):
        body["response_format"] = {
            "type": "json_schema",
            "json_schema": {"name": "response", "schema": fmt, "strict": True},
        }
    think = payload.get("think")
    effort = _EFFORT.get(think) if isinstance(think, bool | str) else None
    if effort is not None:
        body["reasoning_effort"] = effort


def _streamed(payload: dict[str, Any], body: dict[str, Any]) -> None:
    if payload.get("stream") is not False:
        body["stream"] = True
        body["stream_options"] = {"include_usage": True}


def chat_request(payload: dict[str, Any]) -> bytes:
    """An Ollama ``/api/chat`` body as an OpenAI ``/v1/chat/completions`` body."""
    body: dict[str, Any] = {
        "model": payload["model"],
        "messages": messages(payload.get("messages")),
    }
    if isinstance(payload.get("tools"), list) and payload["tools"]:
        body["tools"] = payload["tools"]
    _sampling(payload, body)
    _streamed(payload, body)
    return orjson.dumps(body)


def generate_request(payload: dict[str, Any]) -> tuple[bytes, bytes]:
    """(path, body) of an Ollama ``/api/generate`` for an OpenAI server: a chat completion of
    the prompt (the server applies the model's template, as Ollama does), or a plain
    ``/v1/completions`` of the prompt as it is when ``raw`` is set."""
    prompt = payload.get("prompt") if isinstance(payload.get("prompt"), str) else ""
    body: dict[str, Any] = {"model": payload["model"]}
    if payload.get("raw") is True:
        path = b"/v1/completions"
        body["prompt"] = prompt
        if isinstance(payload.get("suffix"), str):
            body["suffix"] = payload["suffix"]
    else:
        path = b"/v1/chat/completions"
        user = {"role": "user", "content": prompt, "images": payload.get("images")}
        body["messages"] = messages([user], payload.get("system"))
    _sampling(payload, body)
    _streamed(payload, body)
    return path, orjson.dumps(body)


class Clock:
    """The gateway's timing of one translated exchange (nanoseconds, Ollama's unit)."""

    __slots__ = ("first_token", "started")

    def __init__(self) -> None:
        self.started = time.perf_counter_ns()
        self.first_token: int | None = None

    def token(self) -> None:
        if self.first_token is None:
            self.first_token = time.perf_counter_ns()

    def durations(self, timings: Any = None) -> dict[str, int]:
        now = time.perf_counter_ns()
        total = now - self.started
        if isinstance(timings, dict) and "predicted_ms" in timings:
            prompt = int(float(timings.get("prompt_ms") or 0) * 1e6)
            evaluation = int(float(timings.get("predicted_ms") or 0) * 1e6)
        else:
            first = self.first_token or now
            prompt, evaluation = first - self.started, now - first
        return {
            "total_duration": total,
            "load_duration": 0,
            "prompt_eval_duration": prompt,
            "eval_duration": evaluation,
        }


def final_fields(usage: Any, finish: Any, clock: Clock, timings: Any = None) -> dict[str, Any]:
    """The fields of Ollama's final chunk: ``done``, ``done_reason``, counts, durations."""
    usage = usage if isinstance(usage, dict) else {}
    return {
        "done": True,
        "done_reason": _FINISH.get(str(finish), "stop"),
        **clock.durations(timings),
        "prompt_eval_count": int(usage.get("prompt_tokens") or 0),
        "eval_count": int(usage.get("completion_tokens") or 0),
    }


def ollama_tool_calls(calls: Any) -> list[dict[str, Any]]:
    """OpenAI tool calls (arguments as a JSON string) as Ollama's (arguments as an object)."""
    out = []
    for call in calls if isinstance(calls, list) else ():
        function = call.get("function") if isinstance(call, dict) else None
        if not isinstance(function, dict):
            continue
        arguments = function.get("arguments")
        if isinstance(arguments, str):
            try:
                arguments = orjson.loads(arguments) if arguments.strip() else {}
            except orjson.JSONDecodeError:
                arguments = {"_raw": arguments}
        out.append(
            {
                "id": call.get("id"),
                "function": {"name": function.get("name", ""), "arguments": arguments or {}},
            }
        )
    return out


def ollama_reply(answer: bytes, *, model: str, generate: bool, clock: Clock) -> bytes:
    """A complete OpenAI completion as Ollama's complete ``/api/chat`` or ``/api/generate``."""
    data = orjson.loads(answer)
    choice = (data.get("choices") or [{}])[0]
    message = choice.get("message") or {}
    text = message.get("content") if "message" in choice else choice.get("text")
    reply: dict[str, Any] = {"model": model, "created_at": now_iso()}
    if generate:
        reply["response"] = text or ""
        if message.get("reasoning_content"):
            reply["thinking"] = message["reasoning_content"]
    else:
        out: dict[str, Any] = {"role": "assistant", "content": text or ""}
        if message.get("reasoning_content"):
            out["thinking"] = message["reasoning_content"]
        calls = ollama_tool_calls(message.get("tool_calls"))
        if calls:
            out["tool_calls"] = calls
        reply["message"] = out
    clock.token()
    reply.update(
        final_fields(data.get("usage"), choice.get("finish_reason"), clock, data.get("timings"))
    )
    return orjson.dumps(reply)


def ollama_error(answer: bytes) -> bytes:
    """An OpenAI error body (``{"error": {"message": ...}}`` or text) as Ollama's."""
    try:
        data = orjson.loads(answer)
    except orjson.JSONDecodeError:
        return orjson.dumps({"error": answer.decode(errors="replace").strip()[:500]})
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, dict):
        message = error.get("message") or error.get("type") or "upstream error"
    elif isinstance(error, str):
        message = error
    else:
        message = str(data)[:500]
    return orjson.dumps({"error": str(message)})
