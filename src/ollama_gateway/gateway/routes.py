"""What each proxied route is: family, permission, upstream path, streaming default, counters.

Pure data plus the two request-body rewrites the gateway makes: seed 002's ``{"model",
"prompt"}`` on ``/api/chat`` becomes one user message, and a streamed OpenAI completion asks
upstream for ``stream_options.include_usage``.  Every other body is forwarded as the gateway
parsed it (``dispatch.parse_body``), re-serialised, so that upstream reads exactly what was
checked.

:data:`UPSTREAM_FIELDS` lists the request fields Ollama decodes (``api/types.go``, and
``openai/openai.go`` and ``anthropic/anthropic.go`` for ``/v1``; the union over every route).
Go's ``encoding/json`` matches object keys to struct fields case-insensitively (``"Model"``,
``"MODEL"``, even ``"\u017ftream"`` with a long s, are ``model``/``stream``) and keeps the last
one, so the gateway refuses a body with a key that folds onto one of these fields without being
spelled exactly like it.
``options`` is a ``map[string]any`` upstream, matched exactly (``Options.FromMap``): its keys
need no such check; ``stream_options`` is a struct (:data:`NESTED_FIELDS`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

import orjson

from ollama_gateway.core.errors import Family
from ollama_gateway.core.permissions import Permission
from ollama_gateway.gateway.engines.anthropic import anthropic_counts
from ollama_gateway.gateway.openai_compat import openai_counts, with_stream_usage
from ollama_gateway.gateway.schemas import check_messages
from ollama_gateway.gateway.streaming import ollama_counts


class Kind(Enum):
    GENERATION = "generation"  # admission, a node slot, usage with tokens
    MANAGE = "manage"  # pull/push/create/copy/delete: the chosen node(s), no slot


#: Top-level request fields that Ollama decodes into a struct (module docstring).
UPSTREAM_FIELDS: frozenset[str] = frozenset(
    {
        # native: generate, chat, embed, embeddings, show, pull, push, create, copy, delete
        "model", "name", "prompt", "suffix", "system", "template", "context", "stream", "raw",
        "format", "keep_alive", "images", "options", "think", "truncate", "shift", "logprobs",
        "top_logprobs", "messages", "tools", "input", "dimensions", "verbose", "insecure",
        "username", "password", "from", "files", "adapters", "license", "parameters",
        "quantize", "quantization", "modelfile", "path", "renderer", "parser", "requires",
        "info", "source", "destination", "width", "height", "steps", "_debug_render_only",
        # OpenAI-compatible: chat/completions, completions, embeddings
        "stream_options", "max_tokens", "max_completion_tokens", "seed", "stop",
        "temperature", "frequency_penalty", "presence_penalty", "top_p", "response_format",
        "tool_choice", "reasoning", "reasoning_effort", "encoding_format", "user", "n",
        "echo", "best_of", "logit_bias", "debug_render_only",
        # Anthropic-compatible: /v1/messages (Ollama's anthropic layer, also encoding/json)
        "top_k", "stop_sequences", "thinking", "metadata",
    }
)  # fmt: skip
#: Fields of nested structs the gateway reads itself (the usage it asks upstream for).
NESTED_FIELDS: dict[str, frozenset[str]] = {"stream_options": frozenset({"include_usage"})}

#: (payload, original body, streaming) -> (body to send, client asked for stream usage); the
#: body given back unchanged (``is``) means "no rewrite": the caller serialises the payload.
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
    #: Refuses a body that is not what the route documents (routes whose body is not passed to
    #: an Ollama that checks it itself: ``/v1/messages`` may be translated).
    check: Callable[[dict[str, Any]], None] | None = None
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
MESSAGES = RouteSpec(
    "/v1/messages",
    Family.ANTHROPIC,
    b"/v1/messages",
    _GEN,
    stream_default=False,
    counts=anthropic_counts,
    check=check_messages,
)

#: The permission of each route answered by ``dispatch.local`` (listings and model facts;
#: management routes check their ``RouteSpec.permission``); absent: any authenticated caller.
LOCAL_PERMISSIONS: dict[str, Permission] = dict.fromkeys(
    ("/api/tags", "/api/show", "/api/ps", "/v1/models", "/v1/models/{model}"),
    Permission.MODELS_VIEW,
)

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
