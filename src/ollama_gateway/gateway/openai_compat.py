"""OpenAI-compatible specifics (pure functions): usage on streams, and ``/v1/models`` listings.

Ollama serves ``/v1`` itself, so requests are forwarded as they are, with one change: a streamed
``/v1/chat/completions`` or ``/v1/completions`` asks upstream for
``stream_options.include_usage`` so the gateway learns the token counts.  When the client had
not asked for it, the extra usage chunk (``"choices": []``) is taken out of the stream again by
:class:`UsageSniffer`, so clients that read ``chunk.choices[0]`` keep working.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from ollama_gateway.gateway.exchange import Exchange

_PROMPT = re.compile(rb'"prompt_tokens":\s*(\d+)')
_COMPLETION = re.compile(rb'"completion_tokens":\s*(\d+)')
_EMPTY_CHOICES = re.compile(rb'"choices":\s*\[\s*\]')


def openai_counts(data: bytes) -> tuple[int, int]:
    """(prompt, completion) tokens from an OpenAI ``usage`` object (absent means 0)."""
    prompt = _PROMPT.search(data)
    completion = _COMPLETION.search(data)
    return (
        int(prompt.group(1)) if prompt else 0,
        int(completion.group(1)) if completion else 0,
    )


def with_stream_usage(payload: dict[str, Any]) -> tuple[bytes, bool]:
    """The body to send upstream for a streamed completion, and whether the client asked
    for usage itself."""
    options = payload.get("stream_options")
    wanted = isinstance(options, dict) and options.get("include_usage") is True
    if wanted:
        return orjson.dumps(payload), True
    merged = dict(options) if isinstance(options, dict) else {}
    merged["include_usage"] = True
    return orjson.dumps({**payload, "stream_options": merged}), False


class UsageSniffer:
    """Reads the usage chunk of an SSE stream; drops it when the client did not ask for it."""

    __slots__ = ("_ex", "_strip")

    def __init__(self, ex: Exchange, *, strip: bool) -> None:
        self._ex = ex
        self._strip = strip

    def __call__(self, chunk: bytes) -> bytes:
        if b'"prompt_tokens"' not in chunk:
            return chunk
        kept: list[bytes] = []
        skip_blank = False
        for line in chunk.split(b"\n"):
            if skip_blank and not line:
                skip_blank = False
                continue
            skip_blank = False
            if line.startswith(b"data:") and b'"prompt_tokens"' in line:
                self._ex.prompt_tokens, self._ex.completion_tokens = openai_counts(line)
                if self._strip and _EMPTY_CHOICES.search(line):
                    skip_blank = True
                    continue
            kept.append(line)
        return b"\n".join(kept)


def _created(entry: dict[str, Any]) -> int:
    try:
        text = str(entry.get("modified_at") or "")
        return int(datetime.fromisoformat(text[:26].rstrip("Z")).timestamp()) if text else 0
    except ValueError:
        return 0


def model_object(name: str, entry: dict[str, Any]) -> dict[str, Any]:
    """A ``/v1/models`` entry as Ollama shapes it (``owned_by`` is the namespace)."""
    namespace = name.split("/")[-2] if name.count("/") else "library"
    return {"id": name, "object": "model", "created": _created(entry), "owned_by": namespace}


def model_list(entries: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    return {"object": "list", "data": [model_object(name, entry) for name, entry in entries]}
