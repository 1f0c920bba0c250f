"""What each proxied route is: family, permission, upstream path, streaming default, counters.

Pure data plus the two request-body rewrites the gateway makes (everything else is forwarded
byte for byte): seed 002's ``{"model", "prompt"}`` on ``/api/chat`` becomes one user message,
and a streamed OpenAI completion asks upstream for ``stream_options.include_usage``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

import orjson

from ollama_gateway.core.errors import Family
from ollama_gateway.core.permissions import Permission
from ollama_gateway.gateway.openai_compat import openai_counts, with_stream_usage
from ollama_gateway.gateway.streaming import ollama_counts


class Kind(Enum):
    GENERATION = "generation"  # admission, a node slot, usage with tokens
    MANAGE = "manage"  # pull/push/create/copy/delete: the chosen node(s), no slot


#: (payload, original body, streaming) -> (body to send, client asked for stream usage)
Rewrite = Callable[[dict[str, Any], bytes, bool], tuple[bytes, bool]]


@dataclass(frozen=True, slots=True)
class RouteSpec:
    name: str
    family: Family
    upstream_path: bytes
    permission: Permission | None
    kind: Kind = Kind.GENERATION
    #: ``None``: never streams; ``True``: streams unless ``"stream": false`` (Ollama);
    #: ``False``: streams only with ``"stream": true`` (OpenAI).
    stream_default: bool | None = None
    counts: Callable[[bytes], tuple[int, int]] | None = None
    rewrite: Rewrite | None = None
    #: Request fields naming the model, first present wins (Ollama's deprecated ``name``).
    model_fields: tuple[str, ...] = ("model",)
    method: bytes = b"POST"

    def streaming(self, payload: dict[str, Any]) -> bool:
        if self.stream_default is None:
            return False
        if self.stream_default:
            return payload.get("stream") is not False
        return payload.get("stream") is True


def _chat_prompt(payload: dict[str, Any], body: bytes, stream: bool) -> tuple[bytes, bool]:
    """Seed 002's ``{"model", "prompt"[, "system"]}`` as Ollama's ``messages``."""
    if "messages" in payload or "prompt" not in payload:
        return body, False
    rewritten = {k: v for k, v in payload.items() if k not in ("prompt", "system")}
    messages = []
    if isinstance(payload.get("system"), str):
        messages.append({"role": "system", "content": payload["system"]})
    messages.append({"role": "user", "content": payload["prompt"]})
    rewritten["messages"] = messages
    return orjson.dumps(rewritten), False


def _stream_usage(payload: dict[str, Any], body: bytes, stream: bool) -> tuple[bytes, bool]:
    return with_stream_usage(payload) if stream else (body, True)


_O, _AI = Family.OLLAMA, Family.OPENAI
_GEN = Permission.GENERATE

GENERATE = RouteSpec(
    "/api/generate", _O, b"/api/generate", _GEN, stream_default=True, counts=ollama_counts
)
CHAT = RouteSpec(
    "/api/chat",
    _O,
    b"/api/chat",
    _GEN,
    stream_default=True,
    counts=ollama_counts,
    rewrite=_chat_prompt,
)
EMBED = RouteSpec("/api/embed", _O, b"/api/embed", _GEN, counts=ollama_counts)
EMBEDDINGS = RouteSpec("/api/embeddings", _O, b"/api/embeddings", _GEN, counts=ollama_counts)
OPENAI_CHAT = RouteSpec(
    "/v1/chat/completions",
    _AI,
    b"/v1/chat/completions",
    _GEN,
    stream_default=False,
    counts=openai_counts,
    rewrite=_stream_usage,
)
OPENAI_COMPLETIONS = RouteSpec(
    "/v1/completions",
    _AI,
    b"/v1/completions",
    _GEN,
    stream_default=False,
    counts=openai_counts,
    rewrite=_stream_usage,
)
OPENAI_EMBEDDINGS = RouteSpec("/v1/embeddings", _AI, b"/v1/embeddings", _GEN, counts=openai_counts)

_MANAGE = Permission.MODELS_MANAGE
_NAMED = ("model", "name")
PULL = RouteSpec(
    "/api/pull", _O, b"/api/pull", _MANAGE, Kind.MANAGE, stream_default=True, model_fields=_NAMED
)
PUSH = RouteSpec(
    "/api/push", _O, b"/api/push", _MANAGE, Kind.MANAGE, stream_default=True, model_fields=_NAMED
)
CREATE = RouteSpec(
    "/api/create",
    _O,
    b"/api/create",
    _MANAGE,
    Kind.MANAGE,
    stream_default=True,
    model_fields=_NAMED,
)
COPY = RouteSpec("/api/copy", _O, b"/api/copy", _MANAGE, Kind.MANAGE, model_fields=("source",))
DELETE = RouteSpec(
    "/api/delete",
    _O,
    b"/api/delete",
    Permission.MODELS_DELETE,
    Kind.MANAGE,
    model_fields=_NAMED,
    method=b"DELETE",
)
