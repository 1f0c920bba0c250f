"""Login and registration throttling behind a one-method interface.

:class:`AuthThrottle` is what ``auth.router`` calls: ``hit(key, limit, window)`` counts one attempt
and answers ``None`` (allowed) or the seconds to wait.  :class:`MemoryThrottle` is a sliding-window
log per key, in process.  SWAP POINT: the shared limiter of ``ollama_gateway.ratelimit`` (memory or
Redis, so a fleet shares the counts) should be adapted to this protocol and stored as
``app.state.auth_throttle`` by ``auth.startup.lifespan`` instead of ``MemoryThrottle``.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol


class AuthThrottle(Protocol):
    async def hit(self, key: str, *, limit: int, window: float) -> float | None:
        """Count an attempt for ``key``; ``None`` if allowed, else seconds until it would be."""


class MemoryThrottle:
    """Sliding-window log per key; memory stays bounded by pruning idle keys."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic, max_keys: int = 50_000):
        self._clock = clock
        self._max_keys = max_keys
        self._hits: dict[str, deque[float]] = {}

    async def hit(self, key: str, *, limit: int, window: float) -> float | None:
        now = self._clock()
        hits = self._hits.get(key)
        if hits is None:
            if len(self._hits) >= self._max_keys:
                self._prune(now, window)
            hits = self._hits[key] = deque()
        while hits and hits[0] <= now - window:
            hits.popleft()
        if len(hits) >= limit:
            return max(1.0, math.ceil(hits[0] + window - now))
        hits.append(now)
        return None

    def _prune(self, now: float, window: float) -> None:
        for key in [k for k, v in self._hits.items() if not v or v[-1] <= now - window]:
            del self._hits[key]
        while len(self._hits) >= self._max_keys:
            del self._hits[next(iter(self._hits))]
