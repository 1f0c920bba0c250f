"""Content logging: the prompt and answer text of a request, kept while ``log_content`` is on.

Off by default, and then free: the gateway asks :func:`content_cap` once per generation request
and does nothing else.  On, it costs the request path little: the request body is already in
hand, and the answer's bytes are appended to a list as they are relayed (complete bodies at
once), both cut to ``LOG_CONTENT_MAX_BYTES``, which bounds the memory a request holds.  Turning
those bytes into text (reading the NDJSON, SSE or JSON the model answered in) happens in the
usage writer, off the request path (:meth:`ContentCapture.texts`).  The text is stored in
``usage_contents``, next to the request's usage record, and shown by ``GET
/api/admin/logs/{id}``.

This module imports no SQLAlchemy: the gateway's hot path depends on it.
"""

from __future__ import annotations

from typing import Any

import orjson

__all__ = ["ContentCapture", "content_cap"]


def content_cap(state: Any) -> int | None:
    """The bytes to keep of each prompt and answer, or ``None`` while content logging is off.

    The one place the switch is read: ``state`` is ``app.state``, whose ``settings`` are the
    effective ones (stored overrides included).
    """
    settings = state.settings
    return settings.log_content_max_bytes if settings.log_content else None


class ContentCapture:
    """The raw bytes of one request's prompt and answer, each cut to ``cap``."""

    __slots__ = ("_chunks", "_room", "cap", "prompt", "truncated")

    def __init__(self, prompt: bytes, cap: int) -> None:
        self.cap = cap
        self.prompt = prompt[:cap]
        self.truncated = len(prompt) > cap
        self._chunks: list[bytes] = []
        self._room = cap

    def feed(self, chunk: bytes) -> bytes:
        """Keep what fits of ``chunk``; return it unchanged (a relay sniffer)."""
        room = self._room
        if room > 0:
            if len(chunk) > room:
                self._chunks.append(chunk[:room])
                self.truncated = True
                self._room = 0
            else:
                self._chunks.append(chunk)
                self._room = room - len(chunk)
        elif chunk:
            self.truncated = True
        return chunk

    def texts(self) -> tuple[str, str]:
        """``(prompt, answer)`` as text (called by the usage writer, not per request)."""
        return _clean(_prompt_text(self.prompt)), _clean(_answer_text(b"".join(self._chunks)))


def _clean(text: str) -> str:
    return text.replace("\x00", "\ufffd")


def _loads(data: bytes) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return None


def _prompt_text(body: bytes) -> str:
    """The prompt of an Ollama, OpenAI or Anthropic request body; the raw body otherwise (cut,
    or not a known shape)."""
    payload = _loads(body)
    if not isinstance(payload, dict):
        return body.decode(errors="replace")
    parts: list[str] = []
    system = payload.get("system")
    if isinstance(system, str) and system:
        parts.append(f"system: {system}")
    for message in payload.get("messages") or []:
        if isinstance(message, dict):
            parts.append(f"{message.get('role', '?')}: {_text_of(message.get('content'))}")
    for field in ("prompt", "input"):
        value = payload.get(field)
        if value is not None:
            parts.append(_text_of(value))
    return "\n".join(parts) if parts else body.decode(errors="replace")


def _text_of(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(_text_of(item) for item in value)
    if isinstance(value, dict):
        return _text_of(value.get("text", ""))
    return "" if value is None else str(value)


def _answer_text(data: bytes) -> str:
    """The generated text of a complete JSON answer, an NDJSON stream or an SSE stream."""
    whole = _loads(data)
    if whole is not None:
        return _piece(whole)
    pieces = []
    for raw in data.split(b"\n"):
        line = raw.strip()
        if line.startswith(b"data:"):
            line = line[5:].strip()
        if not line or line == b"[DONE]":
            continue
        item = _loads(line)
        if item is None:  # the line cut by the cap, or not JSON
            pieces.append(line.decode(errors="replace"))
        else:
            pieces.append(_piece(item))
    return "".join(pieces)


def _piece(item: Any) -> str:
    """The text in one answer object: Ollama ``response`` / ``message.content``, OpenAI
    ``choices[].message.content`` / ``delta.content`` / ``text``, Anthropic ``delta.text``."""
    if not isinstance(item, dict):
        return ""
    if isinstance(item.get("response"), str):
        return str(item["response"])
    message = item.get("message")
    if isinstance(message, dict):
        return _text_of(message.get("content"))
    texts = []
    for choice in item.get("choices") or []:
        if isinstance(choice, dict):
            inner = choice.get("message") or choice.get("delta") or {}
            texts.append(_text_of(inner.get("content")) if isinstance(inner, dict) else "")
            if isinstance(choice.get("text"), str):
                texts.append(choice["text"])
    delta = item.get("delta")
    if isinstance(delta, dict) and isinstance(delta.get("text"), str):
        texts.append(delta["text"])
    if isinstance(item.get("content"), list):
        texts.append(_text_of(item["content"]))
    return "".join(texts)
