"""An OpenAI server's streamed chat completion (SSE) re-framed as Anthropic's Messages events.

Fed the relay's chunks like ``engines.stream.SseToNdjson``; returns the events they make, in
the order Anthropic's clients expect: ``message_start`` first (with the input tokens once known:
0 until the usage chunk, as OpenAI sends usage last), a text block opened on the first text and
closed before any tool block, one ``tool_use`` block per tool call with its arguments as
``input_json_delta`` pieces, then ``message_delta`` (stop reason, usage) and ``message_stop``.
"""

from __future__ import annotations

from typing import Any

import orjson

from ollama_gateway.gateway.engines.anthropic import _STOP, _message_id, error_body, event


class OpenAiToAnthropicSse:
    __slots__ = (
        "_block",
        "_blocks",
        "_done",
        "_finish",
        "_model",
        "_partial",
        "_started",
        "_usage",
    )

    def __init__(self, *, model: str) -> None:
        self._model = model
        self._partial = b""
        self._started = False
        self._block: tuple[str, int] | None = None  # (what it holds, its index)
        self._blocks = 0  # content blocks opened so far
        self._finish: Any = None
        self._usage: dict[str, Any] = {}
        self._done = False

    def __call__(self, chunk: bytes) -> bytes:
        data = self._partial + chunk if self._partial else chunk
        lines = data.split(b"\n")
        self._partial = lines.pop()
        return b"".join(self._line(line.rstrip(b"\r")) for line in lines)

    def _line(self, line: bytes) -> bytes:
        if not line.startswith(b"data:") or self._done:
            return b""
        payload = line[5:].strip()
        if payload == b"[DONE]":
            return self._end()
        try:
            chunk = orjson.loads(payload)
        except orjson.JSONDecodeError:
            return b""
        if not isinstance(chunk, dict):
            return b""
        if "error" in chunk:
            self._done = True
            error = chunk["error"]
            message = error.get("message") if isinstance(error, dict) else error
            return b"event: error\ndata: " + error_body(str(message or "upstream error")) + b"\n\n"
        out = self._start()
        if chunk.get("usage"):
            self._usage = chunk["usage"]
        for choice in chunk.get("choices") or ():
            if isinstance(choice, dict):
                out += self._choice(choice)
        return out

    def _start(self) -> bytes:
        if self._started:
            return b""
        self._started = True
        message: dict[str, Any] = {
            "id": _message_id(),
            "type": "message",
            "role": "assistant",
            "model": self._model,
            "content": [],
            "stop_reason": None,
            "stop_sequence": None,
            "usage": {"input_tokens": 0, "output_tokens": 0},
        }
        return event("message_start", {"type": "message_start", "message": message})

    def _open(self, key: str, block: dict[str, Any]) -> bytes:
        out = self._close()
        index = self._blocks
        self._blocks += 1
        self._block = (key, index)
        out += event(
            "content_block_start",
            {"type": "content_block_start", "index": index, "content_block": block},
        )
        return out

    def _close(self) -> bytes:
        if self._block is None:
            return b""
        index = self._block[1]
        self._block = None
        return event("content_block_stop", {"type": "content_block_stop", "index": index})

    def _delta(self, delta: dict[str, Any]) -> bytes:
        assert self._block is not None
        index = self._block[1]
        return event(
            "content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta}
        )

    def _choice(self, choice: dict[str, Any]) -> bytes:
        out = b""
        if choice.get("finish_reason"):
            self._finish = choice["finish_reason"]
        delta = choice.get("delta") or {}
        text = delta.get("content")
        if text:
            if self._block is None or self._block[0] != "text":
                out += self._open("text", {"type": "text", "text": ""})
            out += self._delta({"type": "text_delta", "text": text})
        for call in delta.get("tool_calls") or ():
            out += self._tool(call)
        return out

    def _tool(self, call: Any) -> bytes:
        if not isinstance(call, dict):
            return b""
        out = b""
        key = f"tool:{int(call.get('index') or 0)}"
        function = call.get("function") or {}
        if self._block is None or self._block[0] != key:
            block: dict[str, Any] = {
                "type": "tool_use",
                "id": call.get("id") or "toolu_" + _message_id()[4:],
                "name": function.get("name") or "",
                "input": {},
            }
            out += self._open(key, block)
        if function.get("arguments"):
            out += self._delta({"type": "input_json_delta", "partial_json": function["arguments"]})
        return out

    def _end(self) -> bytes:
        self._done = True
        out = self._start() + self._close()
        usage = {
            "input_tokens": int(self._usage.get("prompt_tokens") or 0),
            "output_tokens": int(self._usage.get("completion_tokens") or 0),
        }
        stop = _STOP.get(str(self._finish), "end_turn")
        out += event(
            "message_delta",
            {
                "type": "message_delta",
                "delta": {"stop_reason": stop, "stop_sequence": None},
                "usage": usage,
            },
        )
        return out + event("message_stop", {"type": "message_stop"})
