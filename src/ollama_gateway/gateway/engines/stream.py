"""An OpenAI server's streamed completion (SSE) re-framed as Ollama's NDJSON stream.

:class:`SseToNdjson` is fed the relay's chunks (cut at line ends by the relay, but an event may
still span two chunks, and a line may hold a ``\\r``) and returns the NDJSON lines they make:

* a ``data:`` event with text (``delta.content``, ``text`` of a plain completion) becomes one
  line ``{"model", "created_at", "message": {"role": "assistant", "content"}, "done": false}``
  (``"response"`` instead of ``"message"`` for ``/api/generate``), reasoning text a
  ``thinking`` field;
* tool calls arrive in pieces (a name, then the arguments a few characters at a time, by
  index): they are put together and sent in one line when the completion finishes, as Ollama
  does;
* the usage chunk and ``finish_reason`` are remembered; ``data: [DONE]`` ends the stream with
  Ollama's final line (``done: true``, ``done_reason``, counts and durations), which the relay
  reads for metering like any Ollama stream;
* an error event becomes Ollama's in-band ``{"error": "..."}`` line;
* comments, ``event:``/``id:`` fields and blank lines make no output.
"""

from __future__ import annotations

from typing import Any

import orjson

from ollama_gateway.gateway.engines.chat import (
    Clock,
    final_fields,
    now_iso,
    ollama_tool_calls,
)


class SseToNdjson:
    __slots__ = (
        "_calls",
        "_clock",
        "_done",
        "_finish",
        "_generate",
        "_model",
        "_partial",
        "_timings",
        "_usage",
    )

    def __init__(self, *, model: str, generate: bool, clock: Clock | None = None) -> None:
        self._model = model
        self._generate = generate
        self._clock = clock or Clock()
        self._partial = b""
        self._usage: Any = None
        self._finish: Any = None
        self._timings: Any = None
        self._calls: dict[int, dict[str, Any]] = {}
        self._done = False

    @property
    def done(self) -> bool:
        """The stream ended (``[DONE]`` or an error line was produced)."""
        return self._done

    def __call__(self, chunk: bytes) -> bytes:
        data = self._partial + chunk if self._partial else chunk
        lines = data.split(b"\n")
        self._partial = lines.pop()  # "" when the chunk ended at a line end
        out = [line for raw in lines if (line := self._line(raw.rstrip(b"\r")))]
        return b"".join(out)

    def finish(self) -> bytes:
        """Whatever a stream that ended without ``[DONE]`` still owes (its last line)."""
        rest = self(b"\n") if self._partial else b""
        if self._done or self._finish is None:
            return rest
        return rest + self._final()

    def _line(self, line: bytes) -> bytes:
        if not line.startswith(b"data:") or self._done:
            return b""
        payload = line[5:].strip()
        if payload == b"[DONE]":
            return self._final()
        try:
            event = orjson.loads(payload)
        except orjson.JSONDecodeError:
            return b""
        if not isinstance(event, dict):
            return b""
        if "error" in event:
            self._done = True
            error = event["error"]
            message = error.get("message") if isinstance(error, dict) else error
            return orjson.dumps({"error": str(message or "upstream error")}) + b"\n"
        if event.get("usage"):
            self._usage = event["usage"]
        if event.get("timings"):
            self._timings = event["timings"]
        choices = event.get("choices") or ()
        return b"".join(self._choice(c) for c in choices if isinstance(c, dict))

    def _choice(self, choice: dict[str, Any]) -> bytes:
        if choice.get("finish_reason"):
            self._finish = choice["finish_reason"]
        delta = choice.get("delta")
        if isinstance(delta, dict):
            text = delta.get("content")
            thinking = delta.get("reasoning_content") or delta.get("reasoning")
            for call in delta.get("tool_calls") or ():
                self._merge_call(call)
        else:
            text, thinking = choice.get("text"), None
        if not text and not thinking:
            return b""
        self._clock.token()
        return self._chunk(text or "", thinking)

    def _merge_call(self, piece: Any) -> None:
        if not isinstance(piece, dict):
            return
        index = int(piece.get("index") or 0)
        call = self._calls.setdefault(index, {"id": None, "name": "", "arguments": ""})
        call["id"] = piece.get("id") or call["id"]
        function = piece.get("function") or {}
        call["name"] += function.get("name") or ""
        call["arguments"] += function.get("arguments") or ""

    def _chunk(self, text: str, thinking: str | None, **extra: Any) -> bytes:
        line: dict[str, Any] = {"model": self._model, "created_at": now_iso()}
        if self._generate:
            line["response"] = text
            if thinking:
                line["thinking"] = thinking
        else:
            message: dict[str, Any] = {"role": "assistant", "content": text}
            if thinking:
                message["thinking"] = thinking
            if extra.get("tool_calls"):
                message["tool_calls"] = extra.pop("tool_calls")
            line["message"] = message
        line["done"] = False
        line.update(extra)
        return orjson.dumps(line) + b"\n"

    def _final(self) -> bytes:
        self._done = True
        out = b""
        if self._calls and not self._generate:
            calls = [
                {"id": c["id"], "function": {"name": c["name"], "arguments": c["arguments"]}}
                for _i, c in sorted(self._calls.items())
            ]
            out = self._chunk("", None, tool_calls=ollama_tool_calls(calls))
        fields = final_fields(self._usage, self._finish, self._clock, self._timings)
        last = orjson.loads(self._chunk("", None))
        last.update(fields)
        return out + orjson.dumps(last) + b"\n"
