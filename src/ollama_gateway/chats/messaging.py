"""The turn routes: send, regenerate, edit and resend, stop, re-attach; seed 004's alias.

A turn runs on the server (``chats.runner``); these handlers start it and then only listen:
with ``stream`` (the default) as server-sent events (``start``, ``delta``..., ``done``), else
by waiting for the stored answer.  A client that goes away stops listening, not the turn.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.chats import images, service, turns
from ollama_gateway.chats.deps import MessageIdPath, OwnedChat, Reader, TurnsDep, Writer
from ollama_gateway.chats.hub import TurnEvent
from ollama_gateway.chats.models import Chat, ChatMessage
from ollama_gateway.chats.runner import Turn
from ollama_gateway.chats.schemas import (
    MessageCreate,
    MessageEdit,
    Regenerate,
    SeedMessage,
    SeedPerformance,
    SeedReply,
    SendMessage,
    Stopped,
    TurnResult,
)
from ollama_gateway.core.deps import SessionDep, SettingsDep
from ollama_gateway.core.errors import Conflict, NotFound, UpstreamError, ValidationFailed
from ollama_gateway.core.openapi import SSE, errors, streams
from ollama_gateway.core.principal import Principal

router = APIRouter(tags=["chats"])

_TURN = {**streams(SSE, "events `start`, `delta`..., `done` (see the chats section)"),
         **errors(409, 429, 502, 503, 504)}  # fmt: skip
_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def _sse(events: AsyncIterator[TurnEvent]) -> StreamingResponse:
    async def body() -> AsyncIterator[bytes]:
        async for event in events:
            yield b"event: %s\ndata: %s\n\n" % (event.kind.encode(), orjson.dumps(event.data))

    return StreamingResponse(body(), media_type=SSE, headers=_HEADERS)


async def _answer(request: Request, turn: Turn, stream: bool) -> TurnResult | StreamingResponse:
    if stream:
        return _sse(await turn.manager.hub.subscribe(turn.spec.chat_id))
    message = await asyncio.shield(turn.result)
    if message.status == "error":
        raise UpstreamError(
            message.error or "the model's answer failed",
            details={
                "user_message_id": turn.spec.user_message.id,
                "assistant_message_id": message.id,
            },
        )
    assert message.performance is not None
    return TurnResult(
        user_message=turn.spec.user_message,
        assistant_message=message,
        performance=message.performance,
    )


async def _message(session: AsyncSession, chat: Chat, message_id: int) -> ChatMessage:
    found = await session.scalar(
        select(ChatMessage).where(ChatMessage.id == message_id, ChatMessage.chat_id == chat.id)
    )
    if found is None:
        raise NotFound("message")
    return found


@router.post("/api/chats/{chat_id:int}/messages", response_model=TurnResult, responses=_TURN)
async def send(
    *,
    request: Request,
    principal: Writer,
    chat: OwnedChat,
    data: MessageCreate,
    session: SessionDep,
    settings: SettingsDep,
) -> TurnResult | StreamingResponse:
    content = turns.check_content(data.content, settings)
    pictures = images.decode(data.images, limit=settings.max_images_per_message)
    ask = turns.Ask(parent_id=chat.current_leaf_id, content=content, images=tuple(pictures),
                    model=data.model, options=data.options)  # fmt: skip
    turn = await turns.start(request, session=session, principal=principal, chat=chat, ask=ask)
    return await _answer(request, turn, data.stream)


@router.post(
    "/api/chats/{chat_id:int}/messages/{message_id:int}/regenerate",
    response_model=TurnResult,
    responses=_TURN,
    summary="A new answer beside the old one",
)
async def regenerate(
    *,
    request: Request,
    principal: Writer,
    chat: OwnedChat,
    message_id: MessageIdPath,
    session: SessionDep,
    data: Regenerate | None = None,
) -> TurnResult | StreamingResponse:
    data = data or Regenerate()
    found = await _message(session, chat, message_id)
    question = found
    if found.role == "assistant":
        if found.parent_id is None:
            raise ValidationFailed("this answer has no question to answer again")
        question = await _message(session, chat, found.parent_id)
    if question.role != "user":
        raise ValidationFailed("only a question or an answer can be regenerated")
    ask = turns.Ask(parent_id=question.id, question=question, model=data.model,
                    options=data.options)  # fmt: skip
    turn = await turns.start(request, session=session, principal=principal, chat=chat, ask=ask)
    return await _answer(request, turn, data.stream)


@router.put(
    "/api/chats/{chat_id:int}/messages/{message_id:int}",
    response_model=TurnResult,
    responses=_TURN,
    summary="Edit a question: the edit becomes a sibling and gets a new answer",
)
async def edit(
    *,
    request: Request,
    principal: Writer,
    chat: OwnedChat,
    message_id: MessageIdPath,
    data: MessageEdit,
    session: SessionDep,
    settings: SettingsDep,
) -> TurnResult | StreamingResponse:
    original = await _message(session, chat, message_id)
    if original.role != "user":
        raise ValidationFailed("only a question (a user message) can be edited")
    content = turns.check_content(data.content, settings)
    ask = turns.Ask(parent_id=original.parent_id, content=content, copy_images_from=original.id,
                    model=data.model, options=data.options)  # fmt: skip
    turn = await turns.start(request, session=session, principal=principal, chat=chat, ask=ask)
    return await _answer(request, turn, data.stream)


@router.post("/api/chats/{chat_id:int}/stop", response_model=Stopped)
async def stop(_principal: Writer, chat: OwnedChat, turns_: TurnsDep) -> Stopped:
    """Stop the running turn: the upstream request is cancelled, the partial answer kept."""
    return Stopped(stopped=await turns_.stop(chat.id))


@router.get(
    "/api/chats/{chat_id:int}/stream",
    response_class=StreamingResponse,
    responses={**streams(SSE, "what was generated so far, then the rest live"), **errors(409)},
)
async def reattach(_principal: Reader, chat: OwnedChat, turns_: TurnsDep) -> StreamingResponse:
    if chat.running_id is None and turns_.running(chat.id) is None:
        raise Conflict("no turn is running in this chat")
    return _sse(await turns_.hub.subscribe(chat.id))


@router.post(
    "/api/send-message",
    response_model=SeedReply,
    responses=errors(404, 409, 429, 502, 503, 504),
    summary="Seed 004's send: one question, the stored answer",
)
async def send_message(
    request: Request,
    principal: Writer,
    data: SendMessage,
    session: SessionDep,
    settings: SettingsDep,
) -> SeedReply:
    chat = await service.get_owned(session, chat_id=data.chat_id, user_id=principal.user_id)
    content = turns.check_content(data.message, settings)
    ask = turns.Ask(parent_id=chat.current_leaf_id, content=content, model=data.model)
    turn = await turns.start(request, session=session, principal=principal, chat=chat, ask=ask)
    result = await _answer(request, turn, stream=False)
    assert isinstance(result, TurnResult)
    return _seed(result, principal)


def _seed(result: TurnResult, _principal: Principal) -> SeedReply:
    user, answer, figures = result.user_message, result.assistant_message, result.performance
    return SeedReply(
        user_message=SeedMessage(
            id=user.id, content=user.content, is_user=True, created_at=user.created_at
        ),
        ai_message=SeedMessage(
            id=answer.id,
            content=answer.content,
            is_user=False,
            model_name=answer.model,
            created_at=answer.created_at,
        ),
        performance=SeedPerformance(
            total_duration=figures.total_duration_ms, eval_count=figures.completion_tokens
        ),
    )
