"""Usage persistence: the batch insert behind the recorder, and reading records back.

``write_events`` is the recorder's ``write`` callable: one multi-row INSERT per batch on a short
session of its own (never the request's).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from operator import attrgetter
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.core.db import Database
from ollama_gateway.usage.models import UsageRecord
from ollama_gateway.usage.recorder import UsageEvent

_FIELDS = UsageEvent._fields
_TABLE: Table = UsageRecord.__table__  # type: ignore[assignment]
_INSERT = insert(_TABLE)
Processor = Callable[[Any], Any]


class _Prepared:
    """The INSERT in one dialect's own paramstyle, the row getter and the value conversions."""

    __slots__ = ("processors", "row", "sql")

    def __init__(self, dialect: Dialect) -> None:
        compiled = _INSERT.compile(dialect=dialect, column_keys=list(_FIELDS), for_executemany=True)
        order = tuple(compiled.positiontup or ())
        assert sorted(order) == sorted(_FIELDS), order
        self.sql = str(compiled)
        self.row: Callable[[UsageEvent], tuple[Any, ...]] = attrgetter(*order)
        self.processors = tuple(
            (position, process)
            for position, name in enumerate(order)
            if (process := _TABLE.c[name].type.dialect_impl(dialect).bind_processor(dialect))
        )

    def rows(self, events: Sequence[UsageEvent]) -> list[tuple[Any, ...]]:
        row, processors = self.row, self.processors
        if not processors:
            return [row(event) for event in events]
        rows = []
        for event in events:
            values = list(row(event))
            for position, process in processors:
                values[position] = process(values[position])
            rows.append(tuple(values))
        return rows


_PREPARED: dict[str, _Prepared] = {}


async def write_events(db: Database, events: Sequence[UsageEvent]) -> None:
    """Insert ``events`` in one driver-level ``executemany`` and commit.

    The statement is compiled once per dialect and each column's bind processor applied as
    ``conn.execute(insert, rows)`` would, without SQLAlchemy's generic per-row parameter
    handling, which cost twice the database's own work (measured: 33 -> 14 µs of CPU per row
    on SQLite).
    """
    async with db.engine.begin() as conn:
        dialect = conn.dialect
        prepared = _PREPARED.get(dialect.name)
        if prepared is None:
            prepared = _PREPARED[dialect.name] = _Prepared(dialect)
        await conn.exec_driver_sql(prepared.sql, prepared.rows(events))


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
