"""Starting a turn: send, regenerate, edit-and-resend (the request's part; the rest is ``runner``).

The same checks as ``/api/chat`` and in the same order of effect, so a turn is a gateway request:
the ``generate`` permission, the model against the catalog and the key's allow-list
(``dispatch.authorise_model``), one running turn per chat (409), admission (rate limits,
quotas, concurrent streams: 429), and only then anything stored.  The model is the request's,
else the chat's, else the user's default, else ``DEFAULT_MODEL``; the context sent upstream is
the chat's system prompt (else the user's), the last ``CONVERSATION_HISTORY_LIMIT`` messages of
the branch (earlier questions with their images), then the question.  Usage is recorded under
route ``/api/chats``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import orjson
from fastapi import Request
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.chats import service, store, tree
from ollama_gateway.chats.deps import turn_manager
from ollama_gateway.chats.images import Image
from ollama_gateway.chats.models import Chat, ChatMessage
from ollama_gateway.chats.runner import Turn, TurnSpec
from ollama_gateway.core.config import Settings
from ollama_gateway.core.errors import Conflict, Family, NotFound, ValidationFailed
from ollama_gateway.core.permissions import Permission
from ollama_gateway.core.principal import Principal
from ollama_gateway.gateway import Exchange, Gateway, UpstreamCall
from ollama_gateway.gateway.dispatch import authorise_model, require
from ollama_gateway.users import service as users_service

ROUTE = "/api/chats"


@dataclass(frozen=True, slots=True)
class Ask:
    """What a turn answers: a new question (``content``), or a stored one (``question``)."""

    parent_id: int | None
    content: str | None = None
    images: tuple[Image, ...] = ()
    question: ChatMessage | None = None
    copy_images_from: int | None = None
    model: str | None = None
    options: dict[str, Any] | None = None


def upstream_json(payload: dict[str, Any]) -> bytes:
    """The body sent to the node.  ``options`` is any JSON object, and JSON numbers have no
    size: an integer past 64 bits (which orjson cannot write) goes out as written, through the
    standard library, for the node to judge as it would on ``/api/chat``."""
    try:
        return orjson.dumps(payload)
    except TypeError:
        return json.dumps(payload).encode()


def check_content(content: str, settings: Settings) -> str:
    if len(content) > settings.max_message_length:
        raise ValidationFailed(
            f"message too long (at most {settings.max_message_length} characters)", status=422
        )
    return content


async def start(
    request: Request, *, session: AsyncSession, principal: Principal, chat: Chat, ask: Ask
) -> Turn:
    """Check, admit, store the question and the pending answer, and launch the turn."""
    settings: Settings = request.app.state.settings
    manager = turn_manager(request)
    require(principal, Permission.GENERATE)
    prefs = await users_service.get_user_settings(session, user_id=principal.user_id)
    model = ask.model or chat.model or prefs.default_model or settings.default_model
    authorise_model(request, principal, model)
    gw: Gateway = request.app.state.gateway
    if gw.pool.models() and not gw.pool.knows(model):  # as Ollama answers, before storing
        raise NotFound(f'model "{model}"')
    if manager.running(chat.id) is not None or chat.running_id is not None:
        raise Conflict("a turn is already running in this chat")
    history_leaf = ask.question.parent_id if ask.question is not None else ask.parent_id
    history = await tree.history(
        session,
        chat_id=chat.id,
        leaf_id=history_leaf,
        limit=settings.conversation_history_limit,
    )
    ex = Exchange(
        route=ROUTE,
        family=Family.OLLAMA,
        principal=principal,
        request_id=request.scope["state"].get("request_id", ""),
        meter=gw.meter,
        loop=gw.loop,
    )
    ex.model, ex.stream = model, True
    ex.admission = await request.app.state.admission.admit(principal, streaming=True)
    try:
        spec = await _store(
            session,
            chat=chat,
            ask=ask,
            model=model,
            history=history,
            prefs_system=prefs.system_prompt,
            ex=ex,
            gw=gw,
            settings=settings,
        )
    except BaseException as exc:
        ex.fail_with(exc)
        await ex.finish()
        raise
    return manager.launch(spec)


async def _store(
    session: AsyncSession,
    *,
    chat: Chat,
    ask: Ask,
    model: str,
    history: list[tree.Context],
    prefs_system: str | None,
    ex: Exchange,
    gw: Gateway,
    settings: Settings,
) -> TurnSpec:
    first = ask.content is not None and ask.parent_id is None and not history
    title = service.auto_title(ask.content or "", settings) if first and not chat.titled else None
    begun = await store.begin(
        session,
        chat=chat,
        parent_id=ask.question.id if ask.question is not None else ask.parent_id,
        content=ask.content,
        images=list(ask.images),
        copy_images_from=ask.copy_images_from,
        model=model,
        title=title,
    )
    question = begun.user_message
    # the images of the question and of the earlier questions in the context, in one statement
    # (only when there are some): a follow-up about a picture still shows the model the picture
    stored = [m.id for m in history if m.image_count]
    if question.image_count and not ask.images:
        stored.append(question.id)
    pictures = await store.images_base64(session, message_ids=stored)
    encoded = [i.base64 for i in ask.images] if ask.images else pictures.get(question.id, [])
    siblings = [begun.assistant_id]  # a new question has this one answer
    if ask.question is not None:  # regenerating: the answers it had before
        siblings = list(
            await session.scalars(
                select(ChatMessage.id)
                .where(ChatMessage.parent_id == question.id)
                .order_by(ChatMessage.id)
            )
        )
    await session.commit()
    system = chat.system or prefs_system
    messages: list[dict[str, Any]] = [{"role": "system", "content": system}] if system else []
    for earlier in history:
        said: dict[str, Any] = {"role": earlier.role, "content": earlier.content}
        if earlier.id in pictures:
            said["images"] = pictures[earlier.id]
        elif not earlier.content:
            continue  # an empty answer (stopped before its first token) says nothing
        messages.append(said)
    asked: dict[str, Any] = {"role": "user", "content": question.content}
    if encoded:
        asked["images"] = encoded
    messages.append(asked)
    payload: dict[str, Any] = {"model": model, "messages": messages, "stream": True}
    options = ask.options if ask.options is not None else chat.options
    if options:
        payload["options"] = options
    call = UpstreamCall(
        b"POST", b"/api/chat", upstream_json(payload), slot=True, stream=True,
        deadline=gw.deadline(),
    )  # fmt: skip
    return TurnSpec(
        chat_id=chat.id,
        assistant_id=begun.assistant_id,
        assistant_created=question.created_at,
        siblings=siblings,
        user_message=tree.public(question, images=None),
        model=model,
        call=call,
        ex=ex,
        title_source=question.content if title is not None else None,
    )
