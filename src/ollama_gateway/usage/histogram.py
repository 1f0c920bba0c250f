"""Fixed log-scale histogram buckets of latency and time to first token, and percentiles.

The rollups (``usage.rollups``) count requests per bucket instead of keeping every value, so
that a percentile over any range and any grouping is a sum of bucket counts followed by one
walk (:func:`percentile`).  Bucket ``i`` holds values ``v`` (milliseconds) with
``BOUNDS[i-1] < v <= BOUNDS[i]``: bucket 0 everything up to 1 ms, the last one everything above
``BOUNDS[-1]`` (about 16 minutes).  Consecutive bounds grow by 1.5, so a percentile read back
(interpolated geometrically inside its bucket) is never further from the exact value than its
bucket is wide (a factor 1.5 when every value sits at one end of the bucket), and within about
±10 % for values spread over several buckets, as latencies are.

The same bounds are written into SQL by ``usage.rollup_sql`` (the rebuild from
``usage_records``); a value falls into the same bucket on both sides (``bisect_left``
here, ``<=`` there, the same doubles).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

#: Upper bounds in milliseconds: 1, 1.5, 2.25, ... (35 bounds, 36 buckets).
BOUNDS: tuple[float, ...] = tuple(1.5**i for i in range(35))
BUCKETS = len(BOUNDS) + 1


def bucket_of(value_ms: float) -> int:
    """The bucket that counts ``value_ms``."""
    return bisect_left(BOUNDS, value_ms)


def percentile(counts: Sequence[float], q: float) -> float | None:
    """The ``q`` quantile (0 < q <= 1) of a histogram, in milliseconds; ``None`` when empty.

    The rank's bucket is found by a cumulative walk; inside it the value is interpolated on a
    log scale between its bounds (linearly in the first bucket, 0-1 ms).  The open last
    bucket answers its lower bound.
    """
    total = sum(counts)
    if total <= 0:
        return None
    rank = q * total
    seen = 0.0
    for index, count in enumerate(counts):
        if count and seen + count >= rank:
            share = (rank - seen) / count
            if index == 0:
                return BOUNDS[0] * share
            low = BOUNDS[index - 1]
            if index >= len(BOUNDS):
                return low
            return float(low * (BOUNDS[index] / low) ** share)
        seen += count
    return BOUNDS[-1]
