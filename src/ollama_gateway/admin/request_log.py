"""The request log over ``usage_records`` (``admin.logs``): filters, keyset pages, CSV rows.

Newest first by ``(started_at, id)``.  Each filter column has an index on ``(column,
started_at)`` (migration 0006; user and model since 0002), and the cursor is the last row's
``(started_at, id)``, so every page is an index range scan, never an ``OFFSET``.  The CSV export
walks the same pages on short sessions of its own, so the whole file is never in memory and no
transaction stays open while the client reads.
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.admin.paging import decode_cursor, encode_cursor
from ollama_gateway.admin.schemas import LogContent, LogDetail, LogEntry
from ollama_gateway.core.db import Database
from ollama_gateway.core.errors import NotFound
from ollama_gateway.usage.models import UsageContent, UsageRecord
from ollama_gateway.users.models import User

CSV_COLUMNS = tuple(LogEntry.model_fields)
_CSV_BATCH = 1000
#: Cells a spreadsheet would run as a formula: written with a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class LogFilters:
    user_id: int | None = None
    key_id: int | None = None
    model: str | None = None
    route: str | None = None
    status: int | None = None
    node: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def _conditions(filters: LogFilters) -> list[ColumnElement[bool]]:
    record = UsageRecord
    pairs: list[tuple[Any, Any]] = [
        (record.user_id, filters.user_id),
        (record.key_id, filters.key_id),
        (record.model, filters.model),
        (record.route, filters.route),
        (record.status, filters.status),
        (record.upstream, filters.node),
    ]
    where: list[ColumnElement[bool]] = [
        column == value for column, value in pairs if value is not None
    ]
    if filters.since is not None:
        where.append(record.started_at >= filters.since)
    if filters.until is not None:
        where.append(record.started_at < filters.until)
    return where


def _page_query(
    filters: LogFilters, after: tuple[datetime, int] | None, limit: int
) -> Select[UsageRecord, str]:
    stmt = (
        select(UsageRecord, User.username)
        .outerjoin(User, User.id == UsageRecord.user_id)
        .where(*_conditions(filters))
        .order_by(UsageRecord.started_at.desc(), UsageRecord.id.desc())
        .limit(limit)
    )
    if after is not None:
        at, last_id = after
        stmt = stmt.where(
            or_(
                UsageRecord.started_at < at,
                and_(UsageRecord.started_at == at, UsageRecord.id < last_id),
            )
        )
    return stmt


def _entry(record: UsageRecord, username: str | None) -> LogEntry:
    entry = LogEntry.model_validate(record)
    entry.username = username
    return entry


async def _fetch(
    session: AsyncSession, filters: LogFilters, after: tuple[datetime, int] | None, limit: int
) -> list[tuple[UsageRecord, str | None]]:
    result = await session.execute(_page_query(filters, after, limit))
    return [(row[0], row[1]) for row in result]


async def list_page(
    session: AsyncSession, *, filters: LogFilters, limit: int, cursor: str | None
) -> tuple[list[LogEntry], str | None]:
    after = decode_cursor(cursor, datetime, int) if cursor is not None else None
    rows = await _fetch(session, filters, after, limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1][0] if rows else None
    next_cursor = encode_cursor(last.started_at, last.id) if more and last is not None else None
    return [_entry(record, name) for record, name in rows], next_cursor


async def detail(session: AsyncSession, *, record_id: int) -> LogDetail:
    row = (
        await session.execute(
            select(UsageRecord, User.username)
            .outerjoin(User, User.id == UsageRecord.user_id)
            .where(UsageRecord.id == record_id)
        )
    ).first()
    if row is None:
        raise NotFound("request log entry")
    found = LogDetail.model_validate(row[0])
    found.username = row[1]
    content = await session.get(UsageContent, record_id)
    if content is not None:
        found.content = LogContent(
            prompt=content.prompt, response=content.response, truncated=content.truncated
        )
    return found


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, datetime):
        return value.isoformat()
    return value


async def csv_rows(db: Database, *, filters: LogFilters) -> AsyncIterator[str]:
    """The CSV text of every matching record, a header line first, a batch at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    yield buffer.getvalue()
    after: tuple[datetime, int] | None = None
    while True:
        async with db.sessionmaker() as session:
            rows = await _fetch(session, filters, after, _CSV_BATCH)
        if not rows:
            return
        buffer.seek(0)
        buffer.truncate()
        for record, username in rows:
            entry = _entry(record, username).model_dump()
            writer.writerow([_cell(entry[column]) for column in CSV_COLUMNS])
        yield buffer.getvalue()
        last = rows[-1][0]
        after = (last.started_at, last.id)
        if len(rows) < _CSV_BATCH:
            return
