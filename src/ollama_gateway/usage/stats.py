"""Reading figures off summed rollup rows: pure functions, no database.

A :data:`Sums` is one summed row: the measures in ``usage.rollups.MEASURE_COLUMNS`` order
followed by the requests answered 2xx, 4xx, 5xx and otherwise.  :func:`telemetry` turns one
into the published figures (``usage.schemas.TelemetryStats`` as a plain dict, built directly:
an answer can hold a couple of thousand points), reading every percentile of a histogram in
one cumulative walk (:func:`quantiles`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from ollama_gateway.usage.histogram import BOUNDS, BUCKETS
from ollama_gateway.usage.rollups import SUM_COLUMNS

Sums = list[float]

_N = len(SUM_COLUMNS)
_LAT = slice(_N, _N + BUCKETS)
_TTFT = slice(_N + BUCKETS, _N + 2 * BUCKETS)
#: Names of the status-class counts after the measures.
CLASSES = ("2xx", "4xx", "5xx", "other")
WIDTH = _N + 2 * BUCKETS + len(CLASSES)
_CLASS0 = _N + 2 * BUCKETS
_LAST = len(BOUNDS)


def empty() -> Sums:
    return [0.0] * WIDTH


def add(total: Sums, row: Sequence[Any]) -> Sums:
    """``total + row``, element by element (a new list)."""
    return [a + b for a, b in zip(total, row, strict=True)]


def quantiles(counts: Sequence[float], qs: Sequence[float]) -> list[float | None]:
    """The ``qs`` quantiles of a histogram in milliseconds (one cumulative sum, a binary search
    per quantile); ``None`` when it is empty.  Same reading as ``usage.histogram.percentile``."""
    cumulative = list(accumulate(counts))
    total = cumulative[-1] if cumulative else 0
    if total <= 0:
        return [None] * len(qs)
    found: list[float | None] = []
    for q in qs:
        target = q * total
        # the first bucket whose running count reaches the target (it holds requests)
        index = bisect_left(cumulative, target)
        if index >= len(cumulative):
            found.append(round(BOUNDS[-1], 2))
            continue
        seen = cumulative[index - 1] if index else 0.0
        share = (target - seen) / (cumulative[index] - seen)
        if index == 0:
            found.append(round(BOUNDS[0] * share, 2))
        elif index >= _LAST:
            found.append(round(BOUNDS[-1], 2))
        else:
            low = BOUNDS[index - 1]
            found.append(round(low * (BOUNDS[index] / low) ** share, 2))
    return found


def _mean(total: float, count: float) -> float | None:
    return round(total / count, 2) if count else None


def telemetry(sums: Sequence[float]) -> dict[str, Any]:
    """The figures of ``sums`` (``usage.schemas.TelemetryStats``)."""
    requests = int(sums[0])
    classes = sums[_CLASS0:]
    status = {name: int(count) for name, count in zip(CLASSES, classes, strict=True) if count}
    errors = int(classes[1] + classes[2])
    p50, p95, p99 = quantiles(sums[_LAT], (0.5, 0.95, 0.99))
    t50, t95 = quantiles(sums[_TTFT], (0.5, 0.95))
    generation_ms = sums[8]
    return {
        "requests": requests,
        "status": status,
        "errors": errors,
        "error_rate": round(errors / requests, 4) if requests else 0.0,
        "prompt_tokens": int(sums[2]),
        "completion_tokens": int(sums[3]),
        "tokens_per_second": round(sums[7] * 1000 / generation_ms, 2) if generation_ms else None,
        "latency_ms": {"mean": _mean(sums[4], sums[0]), "p50": p50, "p95": p95, "p99": p99},
        "ttft_ms": {"mean": _mean(sums[6], sums[5]), "p50": t50, "p95": t95},
        "cache_hits": int(sums[1]),
        "cache_hit_rate": round(sums[1] / requests, 4) if requests else 0.0,
    }
