"""Reading the rollups: time ranges, the telemetry and per-user usage queries.

Every figure comes from ``usage_rollups`` (never from ``usage_records``): the grain is chosen
by the bucket and the grouping (``usage.rollups.GRAINS``), and the database sums at most one row
per time bucket, group and status class.  Ranges are whole hours or days: ``start`` is rounded
down and ``end`` up to the bucket.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, column, func, select, table
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.usage import stats
from ollama_gateway.usage.rollups import (
    DAY,
    FULL,
    HOUR,
    MEASURE_COLUMNS,
    USAGE_BY_DAY,
    Dim,
    Grain,
    grain_for,
    usage_rollups,
)
from ollama_gateway.usage.schemas import Bucket

_C = usage_rollups.c
_SECONDS = {"hour": HOUR, "day": DAY}
#: The most buckets one answer covers: 31 days of hours, 5 years of days.
MAX_BUCKETS = {"hour": 31 * 24, "day": 5 * 366}
_DIMS: dict[str, tuple[Dim | None, Any]] = {
    "model": (Dim.MODEL, _C.model),
    "user": (Dim.USER, _C.user_id),
    "node": (Dim.NODE, _C.node),
    "route": (Dim.ROUTE, _C.route),
    "status": (None, _C.status_class),
    "key": (Dim.KEY, _C.key_id),
}
#: The users table's id and username, to label user groups (read only).
_USERS = table("users", column("id"), column("username"))


@dataclass(frozen=True, slots=True)
class TimeRange:
    lo: int  # first bucket number
    hi: int  # one past the last
    seconds: int

    @property
    def start(self) -> datetime:
        return datetime.fromtimestamp(self.lo * self.seconds, UTC)

    @property
    def end(self) -> datetime:
        return datetime.fromtimestamp(self.hi * self.seconds, UTC)

    def at(self, bucket: int) -> datetime:
        return datetime.fromtimestamp(bucket * self.seconds, UTC)


def time_range(
    *, start: datetime | None, end: datetime | None, bucket: Bucket, default: timedelta
) -> TimeRange:
    """``[start, end)`` widened to whole buckets; ``end`` defaults to now, ``start`` to
    ``end - default``.  Lenient, never an error: a range longer than :data:`MAX_BUCKETS` keeps
    its last buckets, one before 1970 or after 9000 is clipped, and a ``start`` after ``end``
    gives an empty range (the answer's ``start`` and ``end`` say what was covered)."""
    end = _clip(end) if end is not None else datetime.now(UTC)
    start = _clip(start) if start is not None else end - default
    seconds = _SECONDS[bucket]
    hi = -(-int(end.timestamp()) // seconds)
    lo = min(int(start.timestamp()) // seconds, hi)
    return TimeRange(max(lo, hi - MAX_BUCKETS[bucket]), hi, seconds)


_EARLIEST = datetime(1970, 1, 2, tzinfo=UTC)
_LATEST = datetime(9000, 1, 1, tzinfo=UTC)


def _clip(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return min(max(value, _EARLIEST), _LATEST)


def _class_sums(measure: Any) -> list[ColumnElement[Any]]:
    return [
        func.sum(case((_C.status_class == 2, measure), else_=0)),
        func.sum(case((_C.status_class == 4, measure), else_=0)),
        func.sum(case((_C.status_class == 5, measure), else_=0)),
        func.sum(case((_C.status_class.not_in((2, 4, 5)), measure), else_=0)),
    ]


async def telemetry_rows(
    session: AsyncSession, *, span: TimeRange, group_by: str | None
) -> list[tuple[int, Any, stats.Sums]]:
    """``(bucket, group, sums)`` per time bucket and group (group ``None`` when ungrouped)."""
    dim, group_column = _DIMS[group_by] if group_by else (None, None)
    grain = grain_for(span.seconds, frozenset({dim}) if dim is not None else frozenset())
    group = group_column if group_column is not None else None
    columns: list[Any] = [_C.bucket]
    if group is not None:
        columns.append(group)
    columns += [func.sum(_C[name]) for name in MEASURE_COLUMNS]
    columns += _class_sums(_C.requests)
    statement = (
        select(*columns)
        .where(_C.grain == grain.id, _C.bucket >= span.lo, _C.bucket < span.hi)
        .group_by(*columns[: 2 if group is not None else 1])
    )
    result = await session.execute(statement)
    rows: list[tuple[int, Any, stats.Sums]] = []
    skip = 2 if group is not None else 1
    for row in result:
        rows.append((row[0], row[1] if group is not None else None, [*map(float, row[skip:])]))
    return rows


async def usage_rows(
    session: AsyncSession, *, user_id: int, span: TimeRange, group_by: str
) -> list[tuple[int, Any, tuple[int, int, int, int]]]:
    """``(bucket, group, (requests, errors, prompt tokens, completion tokens))`` of one user."""
    grain: Grain = USAGE_BY_DAY if span.seconds == DAY else FULL
    group = _DIMS[group_by][1]
    errors = func.sum(case((_C.status_class >= 4, _C.requests), else_=0))
    statement = (
        select(
            _C.bucket,
            group,
            func.sum(_C.requests),
            errors,
            func.sum(_C.prompt_tokens),
            func.sum(_C.completion_tokens),
        )
        .where(
            _C.grain == grain.id,
            _C.user_id == user_id,
            _C.bucket >= span.lo,
            _C.bucket < span.hi,
        )
        .group_by(_C.bucket, group)
    )
    result = await session.execute(statement)
    return [
        (bucket, key, (int(r or 0), int(e or 0), int(p or 0), int(c or 0)))
        for bucket, key, r, e, p, c in result
    ]


async def usernames(session: AsyncSession, *, user_ids: Sequence[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    statement = select(_USERS.c.id, _USERS.c.username).where(_USERS.c.id.in_(user_ids))
    return {int(i): str(name) for i, name in await session.execute(statement)}
