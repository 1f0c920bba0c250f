"""Dependencies of the chats routes: the caller's permission and the chat it names.

A chat is found by ``(id, owner)`` only: another user's chat answers 404 exactly like a missing
one.  Ids are bounded to the columns' range, so an out-of-range id is a 422, never a 500.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Request

from ollama_gateway.auth.deps import PrincipalDep, require
from ollama_gateway.chats import service
from ollama_gateway.chats.models import Chat
from ollama_gateway.chats.runner import TurnManager
from ollama_gateway.chats.schemas import MAX_ID
from ollama_gateway.core.deps import SessionDep
from ollama_gateway.core.openapi import raises
from ollama_gateway.core.permissions import Permission
from ollama_gateway.core.principal import Principal

ChatIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="a chat of the caller")]
MessageIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="a message of that chat")]
Reader = Annotated[Principal, require(Permission.CHATS_READ)]
Writer = Annotated[Principal, require(Permission.CHATS_WRITE)]


@raises(404)
async def owned_chat(chat_id: ChatIdPath, principal: PrincipalDep, session: SessionDep) -> Chat:
    return await service.get_owned(session, chat_id=chat_id, user_id=principal.user_id)


OwnedChat = Annotated[Chat, Depends(owned_chat)]


def turn_manager(request: Request) -> TurnManager:
    manager: TurnManager = request.app.state.chat_turns
    return manager


async def _turns(request: Request) -> TurnManager:
    return turn_manager(request)


TurnsDep = Annotated[TurnManager, Depends(_turns)]
