"""Chats: create, list (one query, with search), read, change, delete.

Keyword-only async functions, session first.  Every lookup is by ``(id, user_id)``: another
user's chat is indistinguishable from a missing one (:class:`NotFound`, nothing revealed).
Turns (sending, regenerating, editing) live in ``chats.turns``; export and import in
``chats.exports``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Collection
from datetime import datetime

import orjson
from sqlalchemy import and_, bindparam, delete, func, or_, select, true, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.chats import search, tree
from ollama_gateway.chats.models import Chat, ChatAttachment, ChatMessage
from ollama_gateway.chats.schemas import (
    ChatCreate,
    ChatDetail,
    ChatPage,
    ChatPublic,
    ChatUpdate,
    MessagePublic,
)
from ollama_gateway.core.config import Settings
from ollama_gateway.core.db import utcnow
from ollama_gateway.core.errors import NotFound, ValidationFailed

PREVIEW_CHARS = 160
DEFAULT_TITLE = "New Chat"


def check_title(title: str, settings: Settings) -> str:
    title = title.strip()
    if len(title) > settings.max_title_length:
        raise ValidationFailed(
            f"title too long (at most {settings.max_title_length} characters)", status=422
        )
    return title


def auto_title(content: str, settings: Settings) -> str:
    """The first message cut on a word to ``AUTO_TITLE_MAX_LENGTH`` characters."""
    text = " ".join(content.split())
    limit = settings.auto_title_max_length
    if len(text) <= limit:
        return text or DEFAULT_TITLE
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-") + "…"


#: Every chat route's first statement, built once (its construction costs more than its run).
_OWNED = select(Chat).where(Chat.id == bindparam("chat"), Chat.user_id == bindparam("owner"))


async def get_owned(session: AsyncSession, *, chat_id: int, user_id: int) -> Chat:
    chat = await session.scalar(_OWNED, {"chat": chat_id, "owner": user_id})
    if chat is None:
        raise NotFound("chat")
    return chat


async def create(
    session: AsyncSession, *, user_id: int, data: ChatCreate, settings: Settings
) -> Chat:
    title = check_title(data.title, settings) if data.title else ""
    chat = Chat(
        user_id=user_id,
        title=title or DEFAULT_TITLE,
        titled=bool(title),
        model=data.model or None,
        system=data.system,
        options=data.options,
        pinned=False,
        archived=False,
    )
    session.add(chat)
    await session.flush()
    return chat


def public(
    chat: Chat, *, message_count: int = 0, preview: str | None = None, snippet: str | None = None
) -> ChatPublic:
    return ChatPublic(
        id=chat.id,
        title=chat.title,
        model=chat.model,
        system=chat.system,
        options=chat.options,
        pinned=chat.pinned,
        archived=chat.archived,
        created_at=chat.created_at,
        updated_at=chat.updated_at,
        message_count=message_count,
        preview=preview,
        snippet=snippet,
        running=chat.running_id is not None,
    )


def _encode_cursor(chat: Chat) -> str:
    raw = orjson.dumps([int(chat.pinned), chat.updated_at.isoformat(), chat.id])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[bool, datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        pinned, updated, chat_id = orjson.loads(raw)
        return bool(pinned), datetime.fromisoformat(updated), int(chat_id)
    except (binascii.Error, ValueError, TypeError, orjson.JSONDecodeError):
        raise ValidationFailed("invalid cursor", status=422) from None


async def list_chats(
    session: AsyncSession,
    *,
    user_id: int,
    q: str | None,
    limit: int,
    cursor: str | None,
    archived: bool | None,
) -> ChatPage:
    """A page of the user's chats: pinned first, then newest; with counts and previews."""
    counts = (
        select(func.count(ChatMessage.id))
        .where(ChatMessage.chat_id == Chat.id)
        .correlate(Chat)
        .scalar_subquery()
    )
    preview = (
        select(func.substr(ChatMessage.content, 1, PREVIEW_CHARS))
        .where(ChatMessage.id == Chat.current_leaf_id)
        .correlate(Chat)
        .scalar_subquery()
    )
    where = [Chat.user_id == user_id]
    if archived is not None:
        where.append(Chat.archived == archived)
    if cursor:
        pinned, updated, last_id = _decode_cursor(cursor)
        where.append(
            tuple_(Chat.pinned, Chat.updated_at, Chat.id) < tuple_(pinned, updated, last_id)
        )
    order = (Chat.pinned.desc(), Chat.updated_at.desc(), Chat.id.desc())
    stmt = select(Chat, counts, preview).where(*where)
    dialect = session.get_bind().dialect.name
    params: dict[str, str] = {}
    newest: dict[int, int | None] | None = None
    if q is not None and q.strip():
        terms = search.words(q)
        if not terms:
            return ChatPage(items=[], next_cursor=None)
        params = search.parameters(dialect, terms, user_id)
        newest = await search.first_matches(
            session, dialect=dialect, terms=terms, params=params,
            candidates=select(Chat.id).where(*where).order_by(*order), want=limit + 1,
        )  # fmt: skip
        found = search.matching_chats(dialect) if newest is None else list(newest)
        stmt = stmt.where(Chat.id.in_(found))
    rows = (await session.execute(stmt.order_by(*order).limit(limit + 1), params)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    marks: dict[int, str] = {}
    if params:
        marks = await search.snippets(
            session, dialect=dialect, params=params, chat_ids=[row[0].id for row in rows],
            newest=newest,
        )  # fmt: skip
    items = [
        public(chat, message_count=count or 0, preview=text, snippet=marks.get(chat.id))
        for chat, count, text in rows
    ]
    return ChatPage(items=items, next_cursor=_encode_cursor(rows[-1][0]) if more else None)


async def detail(session: AsyncSession, *, chat: Chat) -> ChatDetail:
    messages = await messages_of(session, chat=chat)
    count = await session.scalar(
        select(func.count(ChatMessage.id)).where(ChatMessage.chat_id == chat.id)
    )
    base = public(
        chat,
        message_count=count or 0,
        preview=messages[-1].content[:PREVIEW_CHARS] if messages else None,
    )
    return ChatDetail(
        **base.model_dump(), current_message_id=chat.current_leaf_id, messages=messages
    )


async def messages_of(session: AsyncSession, *, chat: Chat) -> list[MessagePublic]:
    path = await tree.branch(session, chat_id=chat.id, leaf_id=chat.current_leaf_id)
    return await tree.render(session, chat_id=chat.id, path=path)


async def change(
    session: AsyncSession, *, chat: Chat, data: ChatUpdate, settings: Settings
) -> Chat:
    fields = data.model_dump(exclude_unset=True)
    if "title" in fields:
        title = check_title(data.title or "", settings)
        chat.title, chat.titled = title or DEFAULT_TITLE, bool(title)
    for name in ("pinned", "archived"):
        if fields.get(name) is not None:
            setattr(chat, name, fields[name])
    for name in ("model", "system", "options"):
        if name in fields:
            setattr(chat, name, fields[name] or None)
    if data.current_message_id is not None:
        owned = await session.scalar(
            select(ChatMessage.id).where(
                ChatMessage.id == data.current_message_id, ChatMessage.chat_id == chat.id
            )
        )
        if owned is None:
            raise NotFound("message")
        chat.current_leaf_id = await tree.newest_leaf(
            session, chat_id=chat.id, start_id=data.current_message_id
        )
    chat.updated_at = utcnow()
    await session.flush()
    return chat


async def remove(session: AsyncSession, *, chat: Chat) -> None:
    await session.execute(delete(Chat).where(Chat.id == chat.id))


async def bulk_remove(session: AsyncSession, *, user_id: int, ids: list[int]) -> list[int]:
    """Delete those of ``ids`` that are the user's chats; the ids deleted."""
    owned = list(
        await session.scalars(select(Chat.id).where(Chat.user_id == user_id, Chat.id.in_(ids)))
    )
    if owned:
        await session.execute(delete(Chat).where(Chat.id.in_(owned)))
    return owned


async def image(session: AsyncSession, *, chat_id: int, image_id: int) -> ChatAttachment:
    found = await session.scalar(
        select(ChatAttachment)
        .join(ChatMessage, ChatMessage.id == ChatAttachment.message_id)
        .where(ChatAttachment.id == image_id, ChatMessage.chat_id == chat_id, true())
    )
    if found is None:
        raise NotFound("image")
    return found


async def interrupt_orphans(
    session: AsyncSession, *, spare: Collection[int] = (), older_than: datetime | None = None
) -> int:
    """Turns left ``streaming`` by a dead process become ``interrupted`` and their chats are
    released; ``spare``: chats whose turn is known to run somewhere (a fleet's other processes),
    ``older_than``: only answers not written since then (a turn just claimed elsewhere)."""
    orphan = ChatMessage.status == "streaming"
    if spare:
        orphan = and_(orphan, ChatMessage.chat_id.not_in(list(spare)))
    if older_than is not None:
        orphan = and_(orphan, ChatMessage.updated_at < older_than)
    ids = select(ChatMessage.id).where(orphan)
    live = select(ChatMessage.id).where(ChatMessage.status == "streaming")
    claimed = Chat.running_id.is_not(None)
    released = or_(Chat.running_id.in_(ids), Chat.running_id.not_in(live))
    await session.execute(update(Chat).where(claimed, released).values(running_id=None))
    result = await session.execute(
        update(ChatMessage)
        .where(orphan)
        .values(status="interrupted", error="the server stopped before the answer was complete")
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
