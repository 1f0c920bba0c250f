"""The message tree: a branch (root to leaf) in one recursive query, siblings, images, output.

A chat's messages form a tree through ``parent_id``; the branch the user sees ends at the
chat's ``current_leaf_id``.  :func:`branch` walks it upward with ``WITH RECURSIVE`` (both
backends), optionally only the last ``limit`` messages: one statement whatever the chat's
length, which keeps a turn's statement count constant.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Select, bindparam, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.chats.models import ChatAttachment, ChatMessage
from ollama_gateway.chats.schemas import ImageRef, MessagePublic, Performance

#: Stands in for "no limit" in the recursive walk.
_UNBOUNDED = 1_000_000


def _branch_of(*columns: Any) -> Select[Any]:
    """``columns`` of the messages from ``:leaf`` up ``:max_depth`` ancestors, root first."""
    m = ChatMessage.__table__
    walk = (
        select(m.c.id, m.c.parent_id, literal(0).label("depth"))
        .where(m.c.id == bindparam("leaf"), m.c.chat_id == bindparam("chat"))
        .cte("branch", recursive=True)
    )
    parent = m.alias("parent")
    walk = walk.union_all(
        select(parent.c.id, parent.c.parent_id, (walk.c.depth + 1).label("depth")).where(
            parent.c.id == walk.c.parent_id, walk.c.depth < bindparam("max_depth")
        )
    )
    return select(*columns).join_from(m, walk, m.c.id == walk.c.id).order_by(walk.c.depth.desc())


# built once: the statements' construction would cost more than running them (a turn's CPU)
_BRANCH = _branch_of(ChatMessage)


def _walk(chat_id: int, leaf_id: int, limit: int | None) -> dict[str, int]:
    return {"leaf": leaf_id, "chat": chat_id,
            "max_depth": (limit if limit is not None else _UNBOUNDED) - 1}  # fmt: skip


async def branch(
    session: AsyncSession, *, chat_id: int, leaf_id: int | None, limit: int | None = None
) -> list[ChatMessage]:
    """The messages from the root (or the ``limit``-th ancestor) down to ``leaf_id``, in order."""
    if leaf_id is None or limit == 0:
        return []
    return list(await session.scalars(_BRANCH, _walk(chat_id, leaf_id, limit)))


async def newest_leaf(session: AsyncSession, *, chat_id: int, start_id: int) -> int:
    """The most recently written leaf under ``start_id`` (itself when it has no children).

    The newest message of a subtree is a leaf (a child is always newer than its parent), and it
    is the end of the branch last worked on there: the maximum id among the descendants.
    """
    m = ChatMessage.__table__
    down = (
        select(m.c.id).where(m.c.id == start_id, m.c.chat_id == chat_id).cte("down", recursive=True)
    )
    child = m.alias("child")
    down = down.union_all(select(child.c.id).where(child.c.parent_id == down.c.id))
    found = await session.scalar(select(func.max(down.c.id)))
    return int(found) if found is not None else start_id


async def siblings(
    session: AsyncSession, *, chat_id: int, path: list[ChatMessage]
) -> dict[int, list[int]]:
    """For each message of ``path``: the ids of the messages sharing its parent, itself included."""
    if not path:
        return {}
    parents = {msg.parent_id for msg in path if msg.parent_id is not None}
    rows = await session.execute(
        select(ChatMessage.id, ChatMessage.parent_id)
        .where(
            ChatMessage.chat_id == chat_id,
            or_(ChatMessage.parent_id.in_(parents), ChatMessage.parent_id.is_(None)),
        )
        .order_by(ChatMessage.id)
    )
    by_parent: dict[int | None, list[int]] = defaultdict(list)
    for msg_id, parent_id in rows:
        by_parent[parent_id].append(msg_id)
    return {msg.id: by_parent.get(msg.parent_id, [msg.id]) for msg in path}


async def images(session: AsyncSession, *, message_ids: list[int]) -> dict[int, list[ImageRef]]:
    """The image references of these messages (no bytes), one statement."""
    if not message_ids:
        return {}
    rows = await session.execute(
        select(
            ChatAttachment.id,
            ChatAttachment.message_id,
            ChatAttachment.media_type,
            ChatAttachment.size,
        )
        .where(ChatAttachment.message_id.in_(message_ids))
        .order_by(ChatAttachment.id)
    )
    found: dict[int, list[ImageRef]] = defaultdict(list)
    for image_id, message_id, media_type, size in rows:
        found[message_id].append(ImageRef(id=image_id, media_type=media_type, size=size))
    return found


def performance(msg: ChatMessage) -> Performance | None:
    if msg.role != "assistant":
        return None
    return Performance(
        total_duration_ms=msg.total_duration_ms,
        prompt_tokens=msg.prompt_tokens,
        completion_tokens=msg.completion_tokens,
        tokens_per_second=msg.tokens_per_second,
        ttft_ms=msg.ttft_ms,
    )


def public(
    msg: ChatMessage,
    *,
    siblings: list[int] | None = None,
    images: list[ImageRef] | None = None,
) -> MessagePublic:
    return MessagePublic(
        id=msg.id,
        role=msg.role,
        content=msg.content,
        model=msg.model,
        parent_id=msg.parent_id,
        created_at=msg.created_at,
        status=msg.status,
        error=msg.error,
        images=images or [],
        siblings=siblings if siblings is not None else [msg.id],
        performance=performance(msg),
    )


async def render(
    session: AsyncSession, *, chat_id: int, path: list[ChatMessage]
) -> list[MessagePublic]:
    """``path`` as the API shows it: with siblings and image references (two statements)."""
    sibs = await siblings(session, chat_id=chat_id, path=path)
    with_images = [msg.id for msg in path if msg.image_count]
    refs = await images(session, message_ids=with_images)
    return [public(msg, siblings=sibs[msg.id], images=refs.get(msg.id)) for msg in path]
