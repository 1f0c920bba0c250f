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

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    and_,
    case,
    column,
    func,
    null,
    or_,
    select,
    table,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

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
#: ... and when grouped (each bucket then holds up to 11 points): 7 days, half a year.
MAX_GROUPED_BUCKETS = {"hour": 7 * 24, "day": 183}
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
    *,
    start: datetime | None,
    end: datetime | None,
    bucket: Bucket,
    default: timedelta,
    most: int | None = None,
) -> TimeRange:
    """``[start, end)`` widened to whole buckets; ``end`` defaults to now, ``start`` to
    ``end - default``.  Lenient, never an error: a range longer than ``most`` buckets
    (default :data:`MAX_BUCKETS`) keeps its last buckets, one before 1970 or after 9000 is
    clipped, and a ``start`` after ``end`` gives an empty range (the answer's ``start`` and
    ``end`` say what was covered)."""
    end = _clip(end) if end is not None else datetime.now(UTC)
    start = _clip(start) if start is not None else end - default
    seconds = _SECONDS[bucket]
    hi = -(-int(end.timestamp()) // seconds)
    lo = min(int(start.timestamp()) // seconds, hi)
    return TimeRange(max(lo, hi - (most or MAX_BUCKETS[bucket])), hi, seconds)


_EARLIEST = datetime(1970, 1, 2, tzinfo=UTC)
_LATEST = datetime(9000, 1, 1, tzinfo=UTC)


def _clip(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return min(max(value, _EARLIEST), _LATEST)


class whole_sum(FunctionElement[int]):
    """``sum()`` of integers answered as an integer on every backend.  PostgreSQL's
    ``sum(bigint)`` is ``numeric`` (a ``Decimal``), so it is cast there; SQLite's is an
    integer already, and the same ``CAST`` there nearly doubled the largest telemetry query
    (7 days by hour per user: 98 -> 56 ms for its series statement)."""

    type = BigInteger()
    name = "whole_sum"
    inherit_cache = True


@compiles(whole_sum)
def _whole_sum(element: whole_sum, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(sum({compiler.process(element.clauses, **kw)}) AS BIGINT)"


@compiles(whole_sum, "sqlite")
def _whole_sum_sqlite(element: whole_sum, compiler: SQLCompiler, **kw: Any) -> str:
    return f"sum({compiler.process(element.clauses, **kw)})"


def _sums() -> list[Any]:
    """The summed measures and status classes (``usage.stats.Sums``), as ``int`` (not
    ``Decimal``) on PostgreSQL too."""
    columns: list[Any] = []
    for name in MEASURE_COLUMNS:
        integer = isinstance(_C[name].type, BigInteger)
        columns.append(whole_sum(_C[name]) if integer else func.sum(_C[name]))
    for condition in (
        _C.status_class == 2,
        _C.status_class == 4,
        _C.status_class == 5,
        _C.status_class.not_in((2, 4, 5)),
    ):
        columns.append(whole_sum(case((condition, _C.requests), else_=0)))
    return columns


def _grains(group_by: str | None) -> tuple[Grain, Grain, Any]:
    """The hourly and daily grains of a grouping, and the column it groups by."""
    dim, group_column = _DIMS[group_by] if group_by else (None, None)
    dims = frozenset({dim}) if dim is not None else frozenset()
    return grain_for(HOUR, dims), grain_for(DAY, dims), group_column


def _covering(span: TimeRange, hourly: Grain, daily: Grain) -> ColumnElement[bool]:
    """Rows covering ``span`` once: whole days from the daily grain, the hours before the
    first and after the last whole day from the hourly one (a range of days: daily only)."""
    if span.seconds == DAY:
        return and_(_C.grain == daily.id, _C.bucket >= span.lo, _C.bucket < span.hi)
    first_day, end_day = -(-span.lo // 24), span.hi // 24
    if first_day >= end_day:
        return and_(_C.grain == hourly.id, _C.bucket >= span.lo, _C.bucket < span.hi)
    return or_(
        and_(_C.grain == daily.id, _C.bucket >= first_day, _C.bucket < end_day),
        and_(_C.grain == hourly.id, _C.bucket >= span.lo, _C.bucket < first_day * 24),
        and_(_C.grain == hourly.id, _C.bucket >= end_day * 24, _C.bucket < span.hi),
    )


async def group_totals(
    session: AsyncSession, *, span: TimeRange, group_by: str | None
) -> dict[Any, stats.Sums]:
    """Sums over the whole span per group (one entry, key ``None``, when ungrouped)."""
    hourly, daily, group = _grains(group_by)
    heads = [group] if group is not None else []
    statement = select(*heads, *_sums()).where(_covering(span, hourly, daily))
    if group is not None:
        statement = statement.group_by(group)
    totals: dict[Any, stats.Sums] = {}
    for row in await session.execute(statement):
        values = list(row)
        key = values.pop(0) if group is not None else None
        if values[0]:  # no requests: an empty (ungrouped) sum
            totals[key] = values
    return totals


async def series(
    session: AsyncSession, *, span: TimeRange, group_by: str | None, shown: Sequence[Any] | None
) -> list[tuple[int, Any, stats.Sums]]:
    """``(bucket, group, sums)`` per time bucket and group, in time order; groups outside
    ``shown`` (when given) are summed under the group ``None``.

    The folded series is two aggregates in one statement (the shown groups, then the rest per
    bucket) rather than one grouped by a ``CASE``: grouping by an expression made SQLite sort
    every input row with its 85 measures before summing (7 days by hour per user: 76 -> 56 ms
    on 1,000,000 records)."""
    hourly, daily, group = _grains(group_by)
    grain = hourly if span.seconds == HOUR else daily
    where = (_C.grain == grain.id, _C.bucket >= span.lo, _C.bucket < span.hi)
    statement: Any
    if group is None:
        statement = select(_C.bucket, *_sums()).where(*where).group_by(_C.bucket)
    elif shown is None:
        statement = select(_C.bucket, group, *_sums()).where(*where).group_by(_C.bucket, group)
    else:
        statement = union_all(
            select(_C.bucket, group, *_sums())
            .where(*where, group.in_(shown))
            .group_by(_C.bucket, group),
            select(_C.bucket, null(), *_sums())
            .where(*where, group.not_in(shown))
            .group_by(_C.bucket),
        )
    rows: list[tuple[int, Any, stats.Sums]] = []
    for row in await session.execute(statement):
        values = list(row)
        bucket = values.pop(0)
        key = values.pop(0) if group is not None else None
        rows.append((bucket, key, values))
    rows.sort(key=_bucket_of)  # stable: the groups of a bucket keep the database's order
    return rows


def _bucket_of(row: tuple[int, Any, stats.Sums]) -> int:
    return row[0]


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
