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
from typing import Any, Literal

import orjson
from fastapi import Request

from ollama_gateway.chats import images, service
from ollama_gateway.chats.deps import turn_manager
from ollama_gateway.chats.images import Image
from ollama_gateway.chats.runner import Turn, TurnSpec
from ollama_gateway.chats.schemas import MessageCreate, MessagePublic
from ollama_gateway.chats.store import CURRENT, Loaded, TurnStore
from ollama_gateway.core.config import Settings
from ollama_gateway.core.errors import Conflict, Family, NotFound, ValidationFailed
from ollama_gateway.core.permissions import Permission
from ollama_gateway.core.principal import Principal
from ollama_gateway.gateway import Exchange, Gateway, UpstreamCall
from ollama_gateway.gateway.dispatch import authorise_model, require

ROUTE = "/api/chats"


@dataclass(frozen=True, slots=True)
class Ask:
    """What a turn answers: a new question (``content``, under ``parent_id``), or the stored
    question ``parent_id`` again (``content`` None: regenerate)."""

    parent_id: int | None
    content: str | None = None
    images: tuple[Image, ...] = ()
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


async def load(
    request: Request, principal: Principal, chat_id: int, *, leaf: int | Literal["current"] | None
) -> Loaded:
    """The caller's chat ``chat_id`` (404 otherwise) with its context ending at ``leaf``."""
    settings: Settings = request.app.state.settings
    loaded = await turn_manager(request).store.load(
        chat_id=chat_id,
        user_id=principal.user_id,
        leaf=leaf,
        limit=settings.conversation_history_limit,
    )
    if loaded is None:
        raise NotFound("chat")
    return loaded


async def send(request: Request, principal: Principal, chat_id: int, data: MessageCreate) -> Turn:
    """``POST /api/chats/{id}/messages``: a new question at the end of the current branch
    (shared by the FastAPI route and the fast lane)."""
    settings: Settings = request.app.state.settings
    loaded = await load(request, principal, chat_id, leaf=CURRENT)
    content = check_content(data.content, settings)
    pictures = images.decode(data.images, limit=settings.max_images_per_message)
    ask = Ask(parent_id=loaded.chat.current_leaf_id, content=content, images=tuple(pictures),
              model=data.model, options=data.options)  # fmt: skip
    return await start(request, principal=principal, loaded=loaded, ask=ask)


def check_content(content: str, settings: Settings) -> str:
    if len(content) > settings.max_message_length:
        raise ValidationFailed(
            f"message too long (at most {settings.max_message_length} characters)", status=422
        )
    return content


async def start(request: Request, *, principal: Principal, loaded: Loaded, ask: Ask) -> Turn:
    """Check, admit, store the question and the pending answer, and launch the turn.

    ``loaded`` is the chat with its context (``TurnStore.load``, from the branch's end the
    question goes under).
    """
    settings: Settings = request.app.state.settings
    manager = turn_manager(request)
    require(principal, Permission.GENERATE)
    chat = loaded.chat
    model = ask.model or chat.model or loaded.default_model or settings.default_model
    authorise_model(request, principal, model)
    gw: Gateway = request.app.state.gateway
    if gw.pool.models() and not gw.pool.knows(model):  # as Ollama answers, before storing
        raise NotFound(f'model "{model}"')
    if manager.running(chat.id) is not None or chat.running_id is not None:
        raise Conflict("a turn is already running in this chat")
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
        spec = await _store(manager.store, loaded=loaded, ask=ask, model=model, ex=ex, gw=gw,
                            settings=settings)  # fmt: skip
    except BaseException as exc:
        ex.fail_with(exc)
        await ex.finish()
        raise
    return manager.launch(spec)


async def _store(
    store: TurnStore,
    *,
    loaded: Loaded,
    ask: Ask,
    model: str,
    ex: Exchange,
    gw: Gateway,
    settings: Settings,
) -> TurnSpec:
    chat, history = loaded.chat, loaded.history
    first = ask.content is not None and ask.parent_id is None and not history
    title = service.auto_title(ask.content or "", settings) if first and not chat.titled else None
    # the images of the earlier questions in the context come back with the writes (a follow-up
    # about a picture still shows the model the picture)
    begun = await store.begin(
        chat,
        parent_id=ask.parent_id,
        content=ask.content,
        images=ask.images,
        copy_images_from=ask.copy_images_from,
        model=model,
        title=title,
        context_images=[m.id for m in history if m.image_count],
    )
    question, pictures = begun.question, begun.pictures
    encoded = [i.base64 for i in ask.images] if ask.images else pictures.get(question.id, [])
    system = chat.system or loaded.system_prompt
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
        assistant_created=begun.created_at,
        siblings=begun.siblings,
        user_message=MessagePublic(
            id=question.id,
            role="user",
            content=question.content,
            model=None,
            parent_id=question.parent_id,
            created_at=question.created_at,
            status="complete",
            error=None,
            images=[],
            siblings=[question.id],
            performance=None,
        ),
        model=model,
        call=call,
        ex=ex,
        title_source=question.content if title is not None else None,
    )
