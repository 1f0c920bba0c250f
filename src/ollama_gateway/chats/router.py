"""``/api/chats`` routes (API.md "Chats"): thin handlers over ``chats.service`` and friends.

Reading, listing, exporting and deleting need ``chats:read`` (the read-only role has it);
creating, changing, importing and every turn need ``chats:write`` (plus ``generate`` for a
turn).  The turn routes (send, regenerate, edit, stop, stream) are in ``chats.messaging``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, status
from fastapi.responses import Response

from ollama_gateway.chats import exports, messaging, service
from ollama_gateway.chats.deps import ChatIdPath, OwnedChat, Reader, TurnsDep, Writer
from ollama_gateway.chats.schemas import (
    NO_NUL,
    BulkDelete,
    BulkDeleted,
    ChatCreate,
    ChatDetail,
    ChatExport,
    ChatPage,
    ChatPublic,
    ChatUpdate,
    MessagePublic,
)
from ollama_gateway.core.deps import SessionDep, SettingsDep
from ollama_gateway.core.openapi import Responses

router = APIRouter(tags=["chats"])
chats = APIRouter(prefix="/api/chats", tags=["chats"])

_MARKDOWN: Responses = {
    200: {
        "description": "the chat as JSON (`format=json`, importable) or Markdown (`format=md`)",
        "content": {"text/markdown": {"schema": {"type": "string"}}},
    }
}
_IMAGE: Responses = {
    200: {
        "description": "the image's bytes",
        "content": {
            kind: {"schema": {"type": "string", "format": "binary"}}
            for kind in ("image/png", "image/jpeg", "image/webp", "image/gif")
        },
    }
}


@chats.post("", status_code=status.HTTP_201_CREATED, response_model=ChatPublic)
async def create_chat(
    owner: Writer, data: ChatCreate, session: SessionDep, settings: SettingsDep
) -> ChatPublic:
    chat = await service.create(session, user_id=owner.user_id, data=data, settings=settings)
    return service.public(chat)


@chats.get("", response_model=ChatPage, summary="The caller's chats, pinned first, then newest")
async def list_chats(
    *,
    owner: Reader,
    session: SessionDep,
    q: Annotated[
        str | None, Query(max_length=500, pattern=NO_NUL, description="full-text search")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 30,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    archived: Annotated[bool | None, Query(description="only (un)archived chats")] = False,
) -> ChatPage:
    return await service.list_chats(
        session, user_id=owner.user_id, q=q, limit=limit, cursor=cursor, archived=archived
    )


@chats.post("/bulk-delete", response_model=BulkDeleted)
async def bulk_delete(
    owner: Reader, data: BulkDelete, session: SessionDep, turns: TurnsDep
) -> BulkDeleted:
    deleted = await service.bulk_remove(session, user_id=owner.user_id, ids=data.ids)
    for chat_id in deleted:
        turns.stop_local(chat_id)
    return BulkDeleted(deleted=len(deleted))


@chats.post("/import", status_code=status.HTTP_201_CREATED, response_model=ChatPublic)
async def import_chat(
    owner: Writer, data: ChatExport, session: SessionDep, settings: SettingsDep
) -> ChatPublic:
    chat = await exports.from_json(session, user_id=owner.user_id, data=data, settings=settings)
    return service.public(chat, message_count=len(data.messages))


@chats.get("/{chat_id:int}", response_model=ChatDetail)
async def get_chat(_owner: Reader, chat: OwnedChat, session: SessionDep) -> ChatDetail:
    return await service.detail(session, chat=chat)


@chats.get("/{chat_id:int}/messages", response_model=list[MessagePublic])
async def get_messages(_owner: Reader, chat: OwnedChat, session: SessionDep) -> list[MessagePublic]:
    return await service.messages_of(session, chat=chat)


@chats.patch("/{chat_id:int}", response_model=ChatPublic)
async def update_chat(
    *, _owner: Writer, chat: OwnedChat, data: ChatUpdate, session: SessionDep, settings: SettingsDep
) -> ChatPublic:
    chat = await service.change(session, chat=chat, data=data, settings=settings)
    return service.public(chat)


@chats.delete("/{chat_id:int}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
async def delete_chat(
    _owner: Reader, chat: OwnedChat, session: SessionDep, turns: TurnsDep
) -> None:
    turns.stop_local(chat.id)
    await service.remove(session, chat=chat)


@chats.get("/{chat_id:int}/export", response_model=ChatExport, responses=_MARKDOWN)
async def export_chat(
    _owner: Reader,
    chat: OwnedChat,
    session: SessionDep,
    format: Literal["json", "md"] = "json",
) -> ChatExport | Response:
    if format == "md":
        text = await exports.to_markdown(session, chat=chat)
        filename = f"chat-{chat.id}.md"
        return Response(
            text,
            media_type="text/markdown; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
    return await exports.to_json(session, chat=chat)


@chats.get("/{chat_id:int}/images/{image_id:int}", response_class=Response, responses=_IMAGE)
async def get_image(
    _owner: Reader, chat: OwnedChat, image_id: ChatIdPath, session: SessionDep
) -> Response:
    found = await service.image(session, chat_id=chat.id, image_id=image_id)
    return Response(
        found.data,
        media_type=found.media_type,
        headers={"Cache-Control": "private, max-age=86400"},
    )


router.include_router(chats)
router.include_router(messaging.router)
