"""A turn's writes: before the stream, checkpoints during it, and once after it.

Before (:func:`begin`, one transaction): the user message (and its images), the assistant
message with status ``streaming``, and the chat claimed for the turn with a conditional update
(``running_id IS NULL``), so that two turns in one chat cannot both start, on any process.
During: :func:`checkpoint` writes the partial text (at most every ``CHAT_CHECKPOINT_SECONDS``,
never per chunk).  After (:func:`finish`): the answer, its status and figures, and the chat
released.  The number of statements is the same whatever the chat's length.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.chats.images import Image
from ollama_gateway.chats.models import Chat, ChatAttachment, ChatMessage
from ollama_gateway.core.db import Database, utcnow
from ollama_gateway.core.errors import Conflict


@dataclass(frozen=True, slots=True)
class Begun:
    user_message: ChatMessage
    assistant_id: int


async def begin(
    session: AsyncSession,
    *,
    chat: Chat,
    parent_id: int | None,
    content: str | None,
    images: list[Image],
    copy_images_from: int | None,
    model: str,
    title: str | None,
) -> Begun:
    """Store the question (unless regenerating: ``content`` None, ``parent_id`` is it)."""
    now = utcnow()
    if content is not None:
        user = ChatMessage(
            chat_id=chat.id,
            user_id=chat.user_id,
            parent_id=parent_id,
            role="user",
            content=content,
            model=None,
            status="complete",
            image_count=len(images),
            created_at=now,
            updated_at=now,
        )
        session.add(user)
        await session.flush()
        if images:
            await session.execute(
                insert(ChatAttachment),
                [
                    {"message_id": user.id, "media_type": i.media_type, "size": len(i.data),
                     "data": i.data}
                    for i in images
                ],
            )  # fmt: skip
        elif copy_images_from is not None:
            await _copy_images(session, source=copy_images_from, target=user)
    else:
        found = await session.get(ChatMessage, parent_id)
        assert found is not None
        user = found
    assistant = ChatMessage(
        chat_id=chat.id,
        user_id=chat.user_id,
        parent_id=user.id,
        role="assistant",
        content="",
        model=model,
        status="streaming",
        image_count=0,
        created_at=now,
        updated_at=now,
    )
    session.add(assistant)
    await session.flush()
    values: dict[str, Any] = {"running_id": assistant.id, "current_leaf_id": assistant.id,
                              "updated_at": now}  # fmt: skip
    if title is not None:
        values["title"] = title
    claimed = await session.execute(
        update(Chat).where(Chat.id == chat.id, Chat.running_id.is_(None)).values(**values)
    )
    if not claimed.rowcount:  # type: ignore[attr-defined]
        raise Conflict("a turn is already running in this chat")
    return Begun(user_message=user, assistant_id=assistant.id)


async def _copy_images(session: AsyncSession, *, source: int, target: ChatMessage) -> None:
    """An edited question keeps the images of the one it replaces (copied in the database)."""
    original = await session.get(ChatMessage, source)
    if original is None or not original.image_count:
        return
    target.image_count = original.image_count
    await session.execute(
        insert(ChatAttachment).from_select(
            ["message_id", "media_type", "size", "data"],
            select(
                literal(target.id),
                ChatAttachment.media_type,
                ChatAttachment.size,
                ChatAttachment.data,
            ).where(ChatAttachment.message_id == source),
        )
    )


async def images_base64(session: AsyncSession, *, message_id: int) -> list[str]:
    """The images of a stored question, as Ollama takes them (for regenerate and edit)."""
    rows = await session.scalars(
        select(ChatAttachment.data)
        .where(ChatAttachment.message_id == message_id)
        .order_by(ChatAttachment.id)
    )
    return [Image("", data).base64 for data in rows]


async def checkpoint(db: Database, *, message_id: int, content: str) -> None:
    async with db.session() as session:
        await session.execute(
            update(ChatMessage)
            .where(ChatMessage.id == message_id, ChatMessage.status == "streaming")
            .values(content=content, updated_at=utcnow())
        )


async def finish(
    db: Database,
    *,
    chat_id: int,
    message_id: int,
    content: str,
    status: str,
    error: str | None,
    figures: dict[str, Any],
) -> None:
    """The answer's final state, and the chat released (nothing if the chat was deleted)."""
    now = utcnow()
    async with db.session() as session:
        await session.execute(
            update(ChatMessage)
            .where(ChatMessage.id == message_id)
            .values(content=content, status=status, error=error, updated_at=now, **figures)
        )
        await session.execute(
            update(Chat)
            .where(Chat.id == chat_id, Chat.running_id == message_id)
            .values(running_id=None, updated_at=now)
        )


async def retitle(db: Database, *, chat_id: int, title: str) -> None:
    """The title model's proposal, unless the user titled the chat meanwhile."""
    async with db.session() as session:
        await session.execute(
            update(Chat).where(Chat.id == chat_id, Chat.titled.is_(False)).values(title=title)
        )
