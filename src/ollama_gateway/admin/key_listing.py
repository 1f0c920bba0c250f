"""Every API key, for the admin listing (``admin.keys``): filters, keyset paging, owners.

One statement for the page (keys joined to their owners), one for the total.  ``last_used_at``
also takes the times not yet flushed by this process (``keys.last_used``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.admin.paging import decode_cursor, encode_cursor
from ollama_gateway.admin.schemas import AdminKeyPublic
from ollama_gateway.core.db import utcnow
from ollama_gateway.keys.last_used import LastUsedTracker
from ollama_gateway.keys.models import ApiKey
from ollama_gateway.users.models import User


@dataclass(frozen=True)
class KeyFilters:
    user_id: int | None = None
    q: str | None = None
    active: bool | None = None


def _conditions(filters: KeyFilters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if filters.user_id is not None:
        where.append(ApiKey.user_id == filters.user_id)
    if filters.q:
        text = filters.q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{text}%"
        where.append(
            or_(
                func.lower(ApiKey.name).like(pattern, escape="\\"),
                func.lower(ApiKey.prefix).like(pattern, escape="\\"),
                func.lower(User.username).like(pattern, escape="\\"),
            )
        )
    if filters.active is not None:
        now = utcnow()
        live = and_(
            ApiKey.revoked_at.is_(None),
            or_(ApiKey.expires_at.is_(None), ApiKey.expires_at > now),
        )
        where.append(live if filters.active else ~live)
    return where


async def list_keys(
    session: AsyncSession,
    *,
    filters: KeyFilters,
    limit: int,
    cursor: str | None,
    usage: LastUsedTracker,
) -> tuple[list[AdminKeyPublic], str | None, int]:
    """A page of keys by id, the next page's cursor and the total matching the filters."""
    where = _conditions(filters)
    stmt = (
        select(ApiKey, User.username)
        .join(User, User.id == ApiKey.user_id)
        .where(*where)
        .order_by(ApiKey.id)
        .limit(limit + 1)
    )
    if cursor is not None:
        (after,) = decode_cursor(cursor, int)
        stmt = stmt.where(ApiKey.id > after)
    rows: list[tuple[ApiKey, str]] = [(row[0], row[1]) for row in await session.execute(stmt)]
    more = len(rows) > limit
    rows = rows[:limit]
    count = select(func.count()).select_from(ApiKey).join(User, User.id == ApiKey.user_id)
    total = int(await session.scalar(count.where(*where)) or 0)
    items = [_public(key, owner, usage) for key, owner in rows]
    next_cursor = encode_cursor(rows[-1][0].id) if more and rows else None
    return items, next_cursor, total


def _public(key: ApiKey, owner: str, usage: LastUsedTracker) -> AdminKeyPublic:
    last_used = key.last_used_at
    pending = usage.pending(key.id)
    if pending is not None and (last_used is None or pending > last_used):
        last_used = pending
    now = utcnow()
    return AdminKeyPublic(
        id=key.id,
        user_id=key.user_id,
        owner=owner,
        name=key.name,
        prefix=key.prefix,
        scopes=key.scopes,
        allowed_models=key.allowed_models,
        created_at=key.created_at,
        last_used_at=last_used,
        expires_at=key.expires_at,
        revoked_at=key.revoked_at,
        revoked=key.revoked_at is not None,
        active=key.revoked_at is None and (key.expires_at is None or key.expires_at > now),
    )
