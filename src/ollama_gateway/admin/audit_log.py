"""The audit trail for the admin listing (``admin.audit``): filters and keyset pages.

Newest first by ``(at, id)``; each filter (kind, actor, target) has an index on ``(column,
at)`` (migration 0006), and the cursor is the last row's ``(at, id)``: no ``OFFSET``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.admin.paging import decode_cursor, encode_cursor
from ollama_gateway.admin.schemas import AuditEntry
from ollama_gateway.auth.models import AuditEvent
from ollama_gateway.users.models import User


@dataclass(frozen=True)
class AuditFilters:
    kinds: tuple[str, ...] = ()
    actor_user_id: int | None = None
    target: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def _conditions(filters: AuditFilters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if filters.kinds:
        where.append(AuditEvent.kind.in_(filters.kinds))
    if filters.actor_user_id is not None:
        where.append(AuditEvent.actor_user_id == filters.actor_user_id)
    if filters.target is not None:
        where.append(AuditEvent.target == filters.target)
    if filters.since is not None:
        where.append(AuditEvent.at >= filters.since)
    if filters.until is not None:
        where.append(AuditEvent.at < filters.until)
    return where


async def list_page(
    session: AsyncSession, *, filters: AuditFilters, limit: int, cursor: str | None
) -> tuple[list[AuditEntry], str | None]:
    stmt = (
        select(AuditEvent, User.username)
        .outerjoin(User, User.id == AuditEvent.actor_user_id)
        .where(*_conditions(filters))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit + 1)
    )
    if cursor is not None:
        at, last_id = decode_cursor(cursor, datetime, int)
        stmt = stmt.where(
            or_(AuditEvent.at < at, and_(AuditEvent.at == at, AuditEvent.id < last_id))
        )
    rows = [(row[0], row[1]) for row in await session.execute(stmt)]
    more = len(rows) > limit
    rows = rows[:limit]
    items = []
    for event, actor in rows:
        entry = AuditEntry.model_validate(event)
        entry.actor = actor
        items.append(entry)
    last = rows[-1][0] if rows else None
    next_cursor = encode_cursor(last.at, last.id) if more and last is not None else None
    return items, next_cursor
