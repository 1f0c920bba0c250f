"""The limiter's in-process fast path: a non-streaming admission and its settlement in place.

Without Redis every bucket is a counter of the in-process backend (``memory.py``), a
``[value, expires_at]`` list under the bucket's key.  A non-streaming request's buckets are the
same for a whole window (``layout.py`` keeps them per principal), so :class:`LocalWindow` looks
their counters up once per window and admission is: every counter below its limit, then the
request counters plus one; settlement adds the tokens to the token counters.  That is exactly
what ``MemoryBackend.admit_now`` and ``add_tokens`` do, minus the per-request key lookups,
verdict and charge objects and four coroutines (measured: ~450 Python opcodes less per request
with limits on).

Anything else takes the general path, which decides as before: a full bucket (so a refusal
names its limit and sets its headers the usual way), a stream (leases), Redis configured (the
shared counters decide), a window that ended since the counters were looked up.
"""

from __future__ import annotations

from ollama_gateway.ratelimit.buckets import Bucket, Op
from ollama_gateway.ratelimit.layout import Windows
from ollama_gateway.ratelimit.memory import MemoryBackend

Cell = list[float]


class LocalWindow:
    """The in-process counters of one principal's current windows (``windows``)."""

    __slots__ = ("checks", "count_at", "counted", "counts", "tokens", "windows")

    def __init__(self, windows: Windows, memory: MemoryBackend) -> None:
        self.windows = windows
        fixed = windows.fixed
        cells = [memory.cell(bucket.key, bucket.expires_at) for bucket in fixed]
        #: (counter, limit) of every bucket of a non-streaming request, in order.
        self.checks = tuple(zip(cells, (bucket.limit for bucket in fixed), strict=True))
        #: The request windows (COUNT buckets): their positions, buckets and counters.
        self.count_at = tuple(i for i, bucket in enumerate(fixed) if bucket.op is Op.COUNT)
        self.counts: tuple[Bucket, ...] = tuple(fixed[i] for i in self.count_at)
        self.counted: tuple[Cell, ...] = tuple(cells[i] for i in self.count_at)
        #: The token counters settlement adds to.
        self.tokens = tuple(memory.cell(key, end) for key, end in windows.charges)

    def current(self, windows: Windows | None, now: float) -> bool:
        """Whether these counters are still the ones of the principal's windows at ``now``."""
        return windows is self.windows and windows.start <= now < windows.end

    def admit(self, now: float) -> dict[str, str] | None:
        """Count the request and return its headers; ``None`` when a bucket is full."""
        used = []
        for cell, limit in self.checks:
            n = int(cell[0]) if cell[1] > now else 0
            if n >= limit:
                return None
            used.append(n)
        for cell in self.counted:
            cell[0] += 1
        count_at = self.count_at
        if len(count_at) == 1:
            bucket = self.counts[0]
            return {
                "X-RateLimit-Limit": str(bucket.limit),
                "X-RateLimit-Remaining": str(max(0, bucket.limit - used[count_at[0]] - 1)),
                "X-RateLimit-Reset": str(bucket.reset_after(now)),
            }
        return _tightest(self.counts, [used[i] + 1 for i in count_at], now)

    def charge(self, tokens: int) -> None:
        if tokens:
            for cell in self.tokens:
                cell[0] += tokens


def _tightest(counts: tuple[Bucket, ...], used: list[int], now: float) -> dict[str, str]:
    """The headers of the request window with the least remaining, then the soonest reset
    (``limiter._headers`` for COUNT buckets only); none without request windows."""
    best: tuple[int, int, Bucket] | None = None
    for bucket, n in zip(counts, used, strict=True):
        candidate = (max(0, bucket.limit - n), bucket.reset_after(now), bucket)
        if best is None or candidate[:2] < best[:2]:
            best = candidate
    if best is None:
        return {}
    remaining, reset, bucket = best
    return {
        "X-RateLimit-Limit": str(bucket.limit),
        "X-RateLimit-Remaining": str(remaining),
        "X-RateLimit-Reset": str(reset),
    }
