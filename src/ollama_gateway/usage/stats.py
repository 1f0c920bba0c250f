"""Summing rollup rows and reading figures off the sums: pure functions, no database.

A :data:`Sums` is one rollup row's measures (``usage.rollups.MEASURE_COLUMNS`` order) followed
by the requests answered 2xx, 4xx and 5xx; :func:`add` merges two, :func:`telemetry` turns one
into the published figures (percentiles from the histograms).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ollama_gateway.usage.histogram import BUCKETS, percentile
from ollama_gateway.usage.rollups import SUM_COLUMNS
from ollama_gateway.usage.schemas import LatencyStats, TelemetryStats, TtftStats, UsageFigures

Sums = list[float]

_N = len(SUM_COLUMNS)
_LAT = slice(_N, _N + BUCKETS)
_TTFT = slice(_N + BUCKETS, _N + 2 * BUCKETS)
#: Positions of the status-class counts after the measures.
CLASSES = ("2xx", "4xx", "5xx", "other")
WIDTH = _N + 2 * BUCKETS + len(CLASSES)
_CLASS0 = _N + 2 * BUCKETS


def empty() -> Sums:
    return [0.0] * WIDTH


def add(total: Sums, row: Sequence[Any]) -> Sums:
    """Add ``row`` into ``total`` in place and return it."""
    for i, value in enumerate(row):
        if value:
            total[i] += value
    return total


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def _ms(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def telemetry(sums: Sums) -> TelemetryStats:
    requests = int(sums[0])
    status = {name: int(sums[_CLASS0 + i]) for i, name in enumerate(CLASSES) if sums[_CLASS0 + i]}
    errors = int(sums[_CLASS0 + 1] + sums[_CLASS0 + 2])
    latency, ttft = sums[_LAT], sums[_TTFT]
    tps = _ratio(sums[7], sums[8] / 1000.0)
    return TelemetryStats(
        requests=requests,
        status=status,
        errors=errors,
        error_rate=round(errors / requests, 4) if requests else 0.0,
        prompt_tokens=int(sums[2]),
        completion_tokens=int(sums[3]),
        tokens_per_second=None if tps is None else round(tps, 2),
        latency_ms=LatencyStats(
            mean=_ms(_ratio(sums[4], sums[0])),
            p50=_ms(percentile(latency, 0.5)),
            p95=_ms(percentile(latency, 0.95)),
            p99=_ms(percentile(latency, 0.99)),
        ),
        ttft_ms=TtftStats(
            mean=_ms(_ratio(sums[6], sums[5])),
            p50=_ms(percentile(ttft, 0.5)),
            p95=_ms(percentile(ttft, 0.95)),
        ),
        cache_hits=int(sums[1]),
        cache_hit_rate=round(sums[1] / requests, 4) if requests else 0.0,
    )


def usage(sums: Sums) -> UsageFigures:
    return UsageFigures(
        requests=int(sums[0]),
        errors=int(sums[_CLASS0 + 1] + sums[_CLASS0 + 2]),
        prompt_tokens=int(sums[2]),
        completion_tokens=int(sums[3]),
    )
