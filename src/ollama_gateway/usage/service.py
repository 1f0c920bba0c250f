"""Usage persistence: the batch insert behind the recorder, and reading records back.

``write_events`` is the recorder's ``write`` callable: one multi-row INSERT per batch on a short
session of its own (never the request's).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import datetime

from sqlalchemy import Table, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.core.db import Database
from ollama_gateway.usage.models import UsageRecord
from ollama_gateway.usage.recorder import UsageEvent

_FIELDS = tuple(field.name for field in fields(UsageEvent))
_TABLE: Table = UsageRecord.__table__  # type: ignore[assignment]
_INSERT = insert(_TABLE)


async def write_events(db: Database, events: Sequence[UsageEvent]) -> None:
    """Insert ``events`` in one Core ``executemany`` (no ORM unit of work) and commit."""
    rows = [{name: getattr(event, name) for name in _FIELDS} for event in events]
    async with db.engine.begin() as conn:
        await conn.execute(_INSERT, rows)


async def recent(
    session: AsyncSession,
    *,
    user_id: int | None = None,
    since: datetime | None = None,
    limit: int = 100,
) -> list[UsageRecord]:
    """The newest records first, optionally one user's and since a time."""
    query = select(UsageRecord).order_by(UsageRecord.id.desc()).limit(limit)
    if user_id is not None:
        query = query.where(UsageRecord.user_id == user_id)
    if since is not None:
        query = query.where(UsageRecord.started_at >= since)
    return list((await session.scalars(query)).all())
