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
from fastapi.responses import Response, StreamingResponse
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.types import Receive, Scope, Send

from ollama_gateway.auth.deps import demand
from ollama_gateway.chats import turns
from ollama_gateway.chats.deps import (
    ChatIdPath,
    MessageIdPath,
    OwnedChat,
    Reader,
    TurnsDep,
    Writer,
)
from ollama_gateway.chats.hub import TurnEvent
from ollama_gateway.chats.models import Chat, ChatMessage
from ollama_gateway.chats.runner import Turn
from ollama_gateway.chats.schemas import (
    MAX_ID,
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
from ollama_gateway.chats.store import CURRENT
from ollama_gateway.core.deps import SessionDep, SettingsDep
from ollama_gateway.core.errors import Conflict, NotFound, UpstreamError, ValidationFailed
from ollama_gateway.core.openapi import SSE, errors, streams
from ollama_gateway.core.permissions import Permission
from ollama_gateway.core.principal import Principal
from ollama_gateway.gateway.fastlane import IdRoute, json_body

router = APIRouter(tags=["chats"])

_TURN = {**streams(SSE, "events `start`, `delta`..., `done` (see the chats section)"),
         **errors(409, 429, 502, 503, 504)}  # fmt: skip
_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


class EventStream(Response):
    """A turn's events as server-sent events, written straight to the connection.

    Unlike Starlette's ``StreamingResponse`` it starts no task to watch for the client leaving
    (a measurable share of a fast turn's CPU): when the client has gone, the server drops what
    is written, and the stream ends with the turn's ``done`` event like any other listener.
    """

    media_type = SSE

    def __init__(self, events: AsyncIterator[TurnEvent]) -> None:
        self.status_code = 200
        self.background = None
        self.init_headers(_HEADERS)  # no body: no Content-Length
        self._events = events

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
        async for event in self._events:
            chunk = b"event: %s\ndata: %s\n\n" % (event.kind.encode(), orjson.dumps(event.data))
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})


async def _answer(request: Request, turn: Turn, stream: bool) -> TurnResult | Response:
    if stream:
        return EventStream(await turn.manager.hub.subscribe(turn.spec.chat_id))
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
    *, request: Request, principal: Writer, chat_id: ChatIdPath, data: MessageCreate
) -> TurnResult | Response:
    turn = await turns.send(request, principal, chat_id, data)
    return await _answer(request, turn, data.stream)


async def _lane_send(request: Request, principal: Principal, chat_id: int) -> Response:
    """:func:`send` on the gateway's fast lane: the same checks and the same answers, without
    FastAPI's routing and dependency solving (about a third of a fast turn's CPU)."""
    demand(principal, Permission.CHATS_WRITE)  # as ``Writer`` checks
    data = await json_body(request, MessageCreate)
    turn = await turns.send(request, principal, chat_id, data)
    answer = await _answer(request, turn, data.stream)
    if isinstance(answer, Response):
        return answer
    return Response(answer.model_dump_json(), media_type="application/json")


#: The turn routes the fast lane serves (``main.create_app`` lists them in ``lane_routes``).
LANE_ROUTES = (IdRoute("POST", "/api/chats/", "/messages", _lane_send, max_id=MAX_ID),)


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
) -> TurnResult | Response:
    data = data or Regenerate()
    found = await _message(session, chat, message_id)
    question = found
    if found.role == "assistant":
        if found.parent_id is None:
            raise ValidationFailed("this answer has no question to answer again")
        question = await _message(session, chat, found.parent_id)
    if question.role != "user":
        raise ValidationFailed("only a question or an answer can be regenerated")
    loaded = await turns.load(request, principal, chat.id, leaf=question.parent_id)
    ask = turns.Ask(parent_id=question.id, model=data.model, options=data.options)
    turn = await turns.start(request, principal=principal, loaded=loaded, ask=ask)
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
) -> TurnResult | Response:
    original = await _message(session, chat, message_id)
    if original.role != "user":
        raise ValidationFailed("only a question (a user message) can be edited")
    content = turns.check_content(data.content, settings)
    loaded = await turns.load(request, principal, chat.id, leaf=original.parent_id)
    ask = turns.Ask(parent_id=original.parent_id, content=content, copy_images_from=original.id,
                    model=data.model, options=data.options)  # fmt: skip
    turn = await turns.start(request, principal=principal, loaded=loaded, ask=ask)
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
async def reattach(_principal: Reader, chat: OwnedChat, turns_: TurnsDep) -> Response:
    if chat.running_id is None and turns_.running(chat.id) is None:
        raise Conflict("no turn is running in this chat")
    return EventStream(await turns_.hub.subscribe(chat.id))


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
    settings: SettingsDep,
) -> SeedReply:
    loaded = await turns.load(request, principal, data.chat_id, leaf=CURRENT)
    content = turns.check_content(data.message, settings)
    ask = turns.Ask(parent_id=loaded.chat.current_leaf_id, content=content, model=data.model)
    turn = await turns.start(request, principal=principal, loaded=loaded, ask=ask)
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
