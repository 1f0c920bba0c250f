"""The in-process cache store: an LRU of encoded entries with a TTL, bounded in count and bytes.

All operations are synchronous dictionary work (atomic under asyncio); a hit moves the entry to
the young end, a store evicts from the old end until both bounds hold.  Expired entries are
dropped when met.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable


class MemoryStore:
    name = "memory"

    def __init__(
        self,
        *,
        ttl_seconds: float,
        max_entries: int,
        max_total_bytes: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ttl = ttl_seconds
        self._max_entries = max_entries
        self._max_bytes = max_total_bytes
        self._clock = clock
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._bytes = 0

    @property
    def size(self) -> int:
        return len(self._entries)

    async def get(self, key: str) -> bytes | None:
        found = self._entries.get(key)
        if found is None:
            return None
        expires_at, data = found
        if expires_at <= self._clock():
            self._drop(key)
            return None
        self._entries.move_to_end(key)
        return data

    async def put(self, key: str, data: bytes) -> None:
        if len(data) > self._max_bytes or self._max_entries <= 0:
            return
        if key in self._entries:
            self._drop(key)
        self._entries[key] = (self._clock() + self._ttl, data)
        self._bytes += len(data)
        while len(self._entries) > self._max_entries or self._bytes > self._max_bytes:
            self._drop(next(iter(self._entries)))

    async def flush(self) -> int:
        count = len(self._entries)
        self._entries.clear()
        self._bytes = 0
        return count

    async def close(self) -> None:
        return None

    def _drop(self, key: str) -> None:
        _, data = self._entries.pop(key)
        self._bytes -= len(data)
