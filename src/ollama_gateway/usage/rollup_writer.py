"""Adding a batch of usage events to ``usage_rollups``: aggregate in Python, upsert in SQL.

Called by ``usage.service.write_events`` inside the transaction of its insert.  The batch is
first summed per rollup row in memory (:func:`aggregate`, on the writer task, never on a
request), then written with one
``INSERT ... ON CONFLICT DO UPDATE SET col = col + excluded.col`` per row in a single
``executemany`` (SQLite and PostgreSQL spell it the same).  The rows go in primary-key order, so
two processes writing batches at once take the row locks in the same order (no deadlock on
PostgreSQL).

Only finished requests count: a journal event of a stream still under way (status
``recorder.JOURNALLED``, 102; ``usage.service`` already leaves those out of what it passes, this
is the second guard) or a status of 0 or below is skipped, so a request is never counted twice.
After a crash the request's last journal row stays in ``usage_records`` only.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection

from ollama_gateway.core.db import TEXT_CHECKED
from ollama_gateway.usage.histogram import BOUNDS
from ollama_gateway.usage.recorder import JOURNALLED, UsageEvent
from ollama_gateway.usage.rollups import (
    DAY,
    GRAINS,
    HOUR,
    KEY_COLUMNS,
    LATENCY_COLUMNS,
    MEASURE_COLUMNS,
    SUM_COLUMNS,
    Dim,
    usage_rollups,
)

_TABLE: Table = usage_rollups
_SUMS = len(SUM_COLUMNS)
_LAT0 = _SUMS
_TTFT0 = _SUMS + len(LATENCY_COLUMNS)
_WIDTH = len(MEASURE_COLUMNS)
#: Per grain: (id, per day (not per hour), keeps user, key, model, node, route).
_PLAN = tuple(
    (grain.id, grain.seconds == DAY, *(dim in grain.dims for dim in Dim)) for grain in GRAINS
)

Key = tuple[int, int, int, int, str, str, str, int]
#: A partial sum: the ``SUM_COLUMNS`` then the histogram counts as {column index: count}.
_Partial = list[Any]


def _full_sums(events: Iterable[UsageEvent]) -> dict[tuple[Any, ...], _Partial]:
    """Stage 1: the events summed per full-grain row (hour, user, key, model, node, route,
    status class), histograms kept sparse."""
    full: dict[tuple[Any, ...], _Partial] = {}
    bounds = BOUNDS
    for event in events:
        status = event.status
        if status <= 0 or status == JOURNALLED:
            continue
        latency, ttft = event.latency_ms, event.ttft_ms
        key = (
            int(event.started_at.timestamp()) // HOUR,
            event.user_id or 0,
            event.key_id or 0,
            _fit(event.model, 200),
            _fit(event.upstream, 100),
            event.route,
            status // 100,
        )
        row = full.get(key)
        if row is None:
            row = full[key] = [0, 0, 0, 0, 0.0, 0, 0.0, 0, 0.0, {}]
        completion = event.completion_tokens
        row[0] += 1
        if event.cache_hit:
            row[1] += 1
        row[2] += event.prompt_tokens
        row[3] += completion
        row[4] += latency
        histogram = row[9]
        lat = _LAT0 + bisect_left(bounds, latency)
        histogram[lat] = histogram.get(lat, 0) + 1
        if ttft is not None:
            row[5] += 1
            row[6] += ttft
            tt = _TTFT0 + bisect_left(bounds, ttft)
            histogram[tt] = histogram.get(tt, 0) + 1
            if completion > 0:
                row[7] += completion
                row[8] += max(0.0, latency - ttft)
    return full


def aggregate(events: Iterable[UsageEvent]) -> dict[Key, list[float]]:
    """The batch summed per rollup row (primary key -> measures in ``MEASURE_COLUMNS`` order).

    Two stages: the events per full-grain row (one dictionary update per event), then each of
    those rows into every grain; the second stage touches as many rows as the first produced,
    far fewer than the events when requests repeat a combination within the hour."""
    sums: dict[Key, _Partial] = {}
    for (hour, user, key, model, node, route, status_class), part in _full_sums(events).items():
        day = hour // 24
        for grain, daily, u, k, m, n, r in _PLAN:
            row_key: Key = (
                grain,
                day if daily else hour,
                user if u else 0,
                key if k else 0,
                model if m else "",
                node if n else "",
                route if r else "",
                status_class,
            )
            row = sums.get(row_key)
            if row is None:
                sums[row_key] = [*part[:9], dict(part[9])]
                continue
            for i in range(9):
                row[i] += part[i]
            histogram = row[9]
            for index, count in part[9].items():
                histogram[index] = histogram.get(index, 0) + count
    rows: dict[Key, list[float]] = {}
    for row_key, part in sums.items():
        dense: list[float] = [*part[:9], *_ZEROS]
        for index, count in part[9].items():
            dense[index] = count
        rows[row_key] = dense
    return rows


_ZEROS = (0,) * (_WIDTH - _SUMS)


def _fit(value: str | None, length: int) -> str:
    """Outside text made to fit its column, as the records' insert does (``usage.service``)."""
    if not value:
        return ""
    if "\x00" in value:
        value = value.replace("\x00", "\ufffd")
    return value[:length]


def _upsert_sql(dialect: Dialect) -> str:
    module: Any = postgresql if dialect.name == "postgresql" else sqlite
    statement = module.insert(_TABLE)
    excluded = statement.excluded
    statement = statement.on_conflict_do_update(
        index_elements=list(KEY_COLUMNS),
        set_={name: _TABLE.c[name] + excluded[name] for name in MEASURE_COLUMNS},
    )
    compiled = statement.compile(
        dialect=dialect, column_keys=[*KEY_COLUMNS, *MEASURE_COLUMNS], for_executemany=True
    )
    order = tuple(compiled.positiontup or ())
    assert order == (*KEY_COLUMNS, *MEASURE_COLUMNS), order
    return str(compiled)


_SQL: dict[str, str] = {}
#: :func:`_fit` has replaced every NUL: the database layer need not look again.
_CHECKED = {TEXT_CHECKED: True}


def rows(events: Sequence[UsageEvent]) -> list[tuple[Any, ...]]:
    """The upsert's parameters for ``events``, in primary-key order."""
    summed = aggregate(events)
    return [(*key, *summed[key]) for key in sorted(summed)]


async def write(conn: AsyncConnection, params: list[tuple[Any, ...]]) -> None:
    """Add the prepared ``params`` (:func:`rows`) to the rollups, in ``conn``'s transaction."""
    if not params:
        return
    dialect = conn.dialect
    sql = _SQL.get(dialect.name)
    if sql is None:
        sql = _SQL[dialect.name] = _upsert_sql(dialect)
    await conn.exec_driver_sql(sql, params, execution_options=_CHECKED)
