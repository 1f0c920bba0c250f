"""Titles written by a small model (``CHAT_TITLE_MODEL``), after a chat's first turn.

Runs in the background once the first answer is stored: it never delays nor fails the turn.
The request goes through the gateway like any other (``gateway.consume``; metered on the
user as route ``/api/chats/title``, not admitted against the user's limits).  The answer is cut
to ``AUTO_TITLE_MAX_LENGTH`` and replaces the automatic title only if the user has not typed one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import orjson

from ollama_gateway.core.errors import Family
from ollama_gateway.gateway import Exchange, UpstreamCall, consume

if TYPE_CHECKING:
    from ollama_gateway.chats.runner import TurnManager, TurnSpec

ROUTE = "/api/chats/title"
_PROMPT = (
    "Write a title of at most six words for a conversation that starts with the message below."
    " Answer with the title only, no quotes.\n\n"
)


async def propose(manager: TurnManager, spec: TurnSpec) -> str | None:
    model = manager.settings.chat_title_model
    if not model or not spec.title_source:
        return None
    gw = manager.gateway
    ex = Exchange(
        route=ROUTE,
        family=Family.OLLAMA,
        principal=spec.ex.principal,
        request_id=spec.ex.request_id,
        meter=gw.meter,
        loop=gw.loop,
    )
    ex.model, ex.stream = model, True
    body = orjson.dumps(
        {
            "model": model,
            "messages": [{"role": "user", "content": _PROMPT + spec.title_source[:2000]}],
            "stream": True,
            "options": {"num_predict": 24},
        }
    )
    parts: list[str] = []

    def sink(chunk: bytes) -> None:
        for line in chunk.split(b"\n"):
            if line:
                obj = orjson.loads(line)
                message = obj.get("message") if isinstance(obj, dict) else None
                if isinstance(message, dict) and isinstance(message.get("content"), str):
                    parts.append(message["content"])

    call = UpstreamCall(b"POST", b"/api/chat", body, slot=True, stream=True, deadline=gw.deadline())
    await consume(ex, gw.pool, call, sink)
    title = " ".join("".join(parts).split()).strip(" \"'`*#.")
    limit = manager.settings.auto_title_max_length
    return title[:limit].rstrip() or None
