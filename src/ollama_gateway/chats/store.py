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

from sqlalchemy import Table, bindparam, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.chats.images import Image
from ollama_gateway.chats.models import Chat, ChatAttachment, ChatMessage
from ollama_gateway.core.db import Database, utcnow
from ollama_gateway.core.errors import Conflict

# The turn's statements are Core statements on the tables, built once: the ORM's unit of work
# and its bulk-update bookkeeping cost several times the statements themselves (a turn's CPU,
# bench/README.md "Chats"), and SQLAlchemy caches their compiled form.
_M: Table = ChatMessage.__table__  # type: ignore[assignment]
_C: Table = Chat.__table__  # type: ignore[assignment]
_INSERT_MESSAGE = insert(_M).returning(_M.c.id)
_CLAIM = (
    update(_C)
    .where(_C.c.id == bindparam("chat"), _C.c.running_id.is_(None))
    .values(running_id=bindparam("answer"), current_leaf_id=bindparam("answer"),
            updated_at=bindparam("now"))
)  # fmt: skip
_CLAIM_TITLED = _CLAIM.values(title=bindparam("title"))
_CHECKPOINT = (
    update(_M)
    .where(_M.c.id == bindparam("message"), _M.c.status == "streaming")
    .values(content=bindparam("content"), updated_at=bindparam("now"))
)
_RELEASE = (
    update(_C)
    .where(_C.c.id == bindparam("chat"), _C.c.running_id == bindparam("message"))
    .values(running_id=None, updated_at=bindparam("now"))
)
#: The answer's final columns (``finish``): its text, status, error and performance figures.
_FIGURES = ("total_duration_ms", "prompt_tokens", "completion_tokens", "tokens_per_second",
            "ttft_ms")  # fmt: skip
_FINISH = (
    update(_M)
    .where(_M.c.id == bindparam("message"))
    .values(
        content=bindparam("content"), status=bindparam("status"), error=bindparam("error"),
        updated_at=bindparam("now"), **{name: bindparam(name) for name in _FIGURES},
    )
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Begun:
    user_message: ChatMessage
    assistant_id: int


def _row(chat: Chat, **values: Any) -> dict[str, Any]:
    return {"chat_id": chat.id, "user_id": chat.user_id, "error": None, **values}


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
    """Store the question (unless regenerating: ``content`` None, ``parent_id`` is it).

    The question comes back as a detached :class:`ChatMessage` carrying what was written.
    """
    now = utcnow()
    if content is not None:
        values = _row(chat, parent_id=parent_id, role="user", content=content, model=None,
                      status="complete", image_count=len(images), created_at=now,
                      updated_at=now)  # fmt: skip
        user_id = (await session.execute(_INSERT_MESSAGE, values)).scalar_one()
        user = ChatMessage(id=user_id, **values)
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
    answer = _row(chat, parent_id=user.id, role="assistant", content="", model=model,
                  status="streaming", image_count=0, created_at=now, updated_at=now)  # fmt: skip
    assistant_id = (await session.execute(_INSERT_MESSAGE, answer)).scalar_one()
    claim = {"chat": chat.id, "answer": assistant_id, "now": now}
    if title is not None:
        claimed = await session.execute(_CLAIM_TITLED, {**claim, "title": title})
    else:
        claimed = await session.execute(_CLAIM, claim)
    if not claimed.rowcount:  # type: ignore[attr-defined]
        raise Conflict("a turn is already running in this chat")
    return Begun(user_message=user, assistant_id=assistant_id)


async def _copy_images(session: AsyncSession, *, source: int, target: ChatMessage) -> None:
    """An edited question keeps the images of the one it replaces (copied in the database)."""
    original = await session.get(ChatMessage, source)
    if original is None or not original.image_count:
        return
    target.image_count = original.image_count
    await session.execute(
        update(_M).where(_M.c.id == target.id).values(image_count=original.image_count)
    )
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


async def images_base64(session: AsyncSession, *, message_ids: list[int]) -> dict[int, list[str]]:
    """The images of stored questions, as Ollama takes them, in one statement."""
    if not message_ids:
        return {}
    rows = await session.execute(
        select(ChatAttachment.message_id, ChatAttachment.data)
        .where(ChatAttachment.message_id.in_(message_ids))
        .order_by(ChatAttachment.id)
    )
    found: dict[int, list[str]] = {}
    for message_id, data in rows:
        found.setdefault(message_id, []).append(Image("", data).base64)
    return found


async def checkpoint(db: Database, *, message_id: int, content: str) -> None:
    async with db.engine.begin() as conn:
        await conn.execute(_CHECKPOINT, {"message": message_id, "content": content,
                                         "now": utcnow()})  # fmt: skip


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
    values = {name: figures.get(name) for name in _FIGURES}
    async with db.engine.begin() as conn:
        await conn.execute(_FINISH, {"message": message_id, "content": content, "status": status,
                                     "error": error, "now": now, **values})  # fmt: skip
        await conn.execute(_RELEASE, {"chat": chat_id, "message": message_id, "now": now})


async def retitle(db: Database, *, chat_id: int, title: str) -> None:
    """The title model's proposal, unless the user titled the chat meanwhile."""
    async with db.session() as session:
        await session.execute(
            update(Chat).where(Chat.id == chat_id, Chat.titled.is_(False)).values(title=title)
        )
