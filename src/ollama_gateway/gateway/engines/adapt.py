"""How one call is said to the node chosen for it, when that node does not speak it as it is.

The proxy asks :func:`adapt` once a node is picked (a request may fail over between nodes of
different kinds, so the decision is per node): ``None`` means "send as it is" (an Ollama node,
or an OpenAI node and an OpenAI route); otherwise an :class:`Adapted` gives the path and body to
send and how to turn the answer back into what the client asked for:

* ``reframe``: each relayed stream chunk (``engines.stream`` / ``engines.anthropic_stream``);
* ``reshape``: a complete 200 body; ``reshape_error``: a complete error body;
* ``content_type``: what the client gets instead of the node's.

Routes an OpenAI-compatible server has no equivalent for (pull, push, create, copy, delete,
blobs) raise :class:`NotImplementedByNode`, a 501 that says why.  Anthropic's ``/v1/messages``
passes through to a node that speaks it (``speaks_messages``) and is translated to a chat
completion for the others, whatever their kind.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import orjson

from ollama_gateway.core.errors import AppError
from ollama_gateway.gateway.engines import anthropic, chat, embed
from ollama_gateway.gateway.engines.anthropic_stream import OpenAiToAnthropicSse
from ollama_gateway.gateway.engines.stream import SseToNdjson

OLLAMA = "ollama"
OPENAI = "openai"
MESSAGES = b"/v1/messages"

_NDJSON = b"application/x-ndjson"
_JSON = b"application/json; charset=utf-8"
_SSE = b"text/event-stream"

Transform = Callable[[bytes], bytes]


class NotImplementedByNode(AppError):
    type = "not_implemented"
    status = 501


class Adapted(NamedTuple):
    path: bytes
    body: bytes | None
    reframe: Transform | None = None
    reshape: Transform | None = None
    reshape_error: Transform | None = None
    content_type: bytes | None = None


def adapt(
    kind: str, speaks_messages: bool, path: bytes, body: bytes | None, stream: bool
) -> Adapted | None:
    """What to send a node of ``kind`` for ``path`` (see the module docstring)."""
    if path == MESSAGES:
        return None if speaks_messages else _messages(body, stream)
    if kind == OLLAMA or path.startswith(b"/v1/"):
        return None
    payload = orjson.loads(body) if body else {}
    model = str(payload.get("model") or "")
    clock = chat.Clock()
    if path == b"/api/chat":
        return _generation(
            b"/v1/chat/completions",
            chat.chat_request(payload),
            model,
            stream,
            clock=clock,
            generate=False,
        )
    if path == b"/api/generate":
        upstream, sent = chat.generate_request(payload)
        return _generation(upstream, sent, model, stream, clock=clock, generate=True)
    if path == b"/api/embed":
        reshape = partial(embed.embed_reply, model=model, clock=clock)
        return Adapted(
            b"/v1/embeddings", embed.embed_request(payload), None, reshape, chat.ollama_error, _JSON
        )
    if path == b"/api/embeddings":
        return Adapted(
            b"/v1/embeddings",
            embed.embeddings_request(payload),
            None,
            embed.embeddings_reply,
            chat.ollama_error,
            _JSON,
        )
    raise NotImplementedByNode(
        f"{path.decode()} is not available on an OpenAI-compatible node: such servers have "
        "no API to pull, push, create, copy or delete models; manage them on the server itself"
    )


def _generation(
    path: bytes, body: bytes, model: str, stream: bool, *, clock: chat.Clock, generate: bool
) -> Adapted:
    if stream:
        reframe = SseToNdjson(model=model, generate=generate, clock=clock)
        return Adapted(path, body, reframe, None, chat.ollama_error, _NDJSON)
    reshape = partial(chat.ollama_reply, model=model, generate=generate, clock=clock)
    return Adapted(path, body, None, reshape, chat.ollama_error, _JSON)


def _anthropic_error(body: bytes) -> bytes:
    message = orjson.loads(chat.ollama_error(body))["error"]
    return anthropic.error_body(str(message))


def _messages(body: bytes | None, stream: bool) -> Adapted:
    payload = orjson.loads(body) if body else {}
    model = str(payload.get("model") or "")
    sent = orjson.dumps(anthropic.messages_to_openai(payload))
    if stream:
        reframe = OpenAiToAnthropicSse(model=model)
        return Adapted(b"/v1/chat/completions", sent, reframe, None, _anthropic_error, _SSE)
    reshape = partial(anthropic.openai_to_message, model=model)
    return Adapted(b"/v1/chat/completions", sent, None, reshape, _anthropic_error, _JSON)
