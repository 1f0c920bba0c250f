"""``usage_rollups``: usage pre-aggregated per hour (and per day), the source of every chart.

One row per *grain*, time bucket and combination of dimensions, with counts, token sums and the
histograms of latency and time to first token (``usage.histogram``).  The usage batch writer
adds each batch to the rows it touches in the same transaction as its insert
(``usage.rollup_writer``), so the rollups never disagree with ``usage_records``.

Grains (:data:`GRAINS`): grain 0 is the full rollup, per hour x user x key x model x node x
route x status class.  The others are projections of it kept alongside, because a chart over
30 days cannot sum hundreds of thousands of 80-column rows in 200 ms (SQLite sums about 15 M
values a second): per hour and per day, the totals and one row per model, user, node or route;
and per day x user x key x model for ``GET /api/usage``.  A dimension a grain does not keep
holds ``0`` or ``''``, as does a missing value (a request without key, model or node), so that
every column of the primary key is NOT NULL and ``ON CONFLICT`` finds the row.

``route`` is the gateway's own route name (``/api/chat``, ``/v1/embeddings``...), a fixed set.
``status_class`` is ``status // 100`` (499, a client that hung up, is 4).  ``bucket`` counts
hours (or days) since 1970-01-01 UTC.
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple

from sqlalchemy import BigInteger, Column, Float, Index, Integer, SmallInteger, String, Table

from ollama_gateway.core.db import Base
from ollama_gateway.usage.histogram import BUCKETS

HOUR = 3600
DAY = 86_400


class Dim(IntEnum):
    """The dimensions, in primary-key order after ``grain`` and ``bucket``."""

    USER = 0
    KEY = 1
    MODEL = 2
    NODE = 3
    ROUTE = 4


class Grain(NamedTuple):
    id: int
    seconds: int  # HOUR or DAY
    dims: frozenset[Dim]


_ALL = frozenset(Dim)
#: Grain id -> grain.  Ids are stored: never renumber, only add.
GRAINS: tuple[Grain, ...] = (
    Grain(0, HOUR, _ALL),
    Grain(1, HOUR, frozenset()),
    Grain(2, HOUR, frozenset({Dim.MODEL})),
    Grain(3, HOUR, frozenset({Dim.USER})),
    Grain(4, HOUR, frozenset({Dim.NODE})),
    Grain(5, HOUR, frozenset({Dim.ROUTE})),
    Grain(6, DAY, frozenset()),
    Grain(7, DAY, frozenset({Dim.MODEL})),
    Grain(8, DAY, frozenset({Dim.USER})),
    Grain(9, DAY, frozenset({Dim.NODE})),
    Grain(10, DAY, frozenset({Dim.ROUTE})),
    Grain(11, DAY, frozenset({Dim.USER, Dim.KEY, Dim.MODEL})),
)
FULL = GRAINS[0]
USAGE_BY_DAY = GRAINS[11]


def grain_for(seconds: int, dims: frozenset[Dim]) -> Grain:
    """The grain with exactly ``dims`` at that period."""
    for grain in GRAINS:
        if grain.seconds == seconds and grain.dims == dims:
            return grain
    raise LookupError(f"no rollup grain of {seconds} s over {sorted(dims)}")


KEY_COLUMNS = (
    "grain",
    "bucket",
    "user_id",
    "key_id",
    "model",
    "node",
    "route",
    "status_class",
)
#: The measures, in the order the writer accumulates them.
SUM_COLUMNS = (
    "requests",
    "cache_hits",
    "prompt_tokens",
    "completion_tokens",
    "latency_ms_sum",
    "ttft_count",
    "ttft_ms_sum",
    #: completion tokens and milliseconds of generation (latency minus time to first token)
    #: of the requests that streamed tokens: tokens per second is their ratio.
    "gen_tokens",
    "gen_ms",
)
LATENCY_COLUMNS = tuple(f"lat_{i:02d}" for i in range(BUCKETS))
TTFT_COLUMNS = tuple(f"ttft_{i:02d}" for i in range(BUCKETS))
MEASURE_COLUMNS = SUM_COLUMNS + LATENCY_COLUMNS + TTFT_COLUMNS
_FLOATS = frozenset({"latency_ms_sum", "ttft_ms_sum", "gen_ms"})


def _measure(name: str) -> Column[float] | Column[int]:
    if name in _FLOATS:
        return Column(name, Float, nullable=False)
    if name in LATENCY_COLUMNS or name in TTFT_COLUMNS:
        return Column(name, Integer, nullable=False)
    return Column(name, BigInteger, nullable=False)


usage_rollups = Table(
    "usage_rollups",
    Base.metadata,
    Column("grain", SmallInteger, primary_key=True),
    Column("bucket", Integer, primary_key=True),
    Column("user_id", Integer, primary_key=True),
    Column("key_id", Integer, primary_key=True),
    Column("model", String(200), primary_key=True),
    Column("node", String(100), primary_key=True),
    Column("route", String(64), primary_key=True),
    Column("status_class", SmallInteger, primary_key=True),
    *(_measure(name) for name in MEASURE_COLUMNS),
    Index("ix_usage_rollups_grain_user_id_bucket", "grain", "user_id", "bucket"),
)
