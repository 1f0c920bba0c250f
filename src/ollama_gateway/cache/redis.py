"""The Redis cache store: entries shared by every gateway process, bounded like the LRU.

Each entry is one string key ``{prefix}:cache:e:{sha}`` with the TTL as its expiry; the sorted
set ``{prefix}:cache:index`` scores every key by its last use, on a logical clock (``INCR`` of
``{prefix}:cache:clock``, strictly increasing, unlike a millisecond clock).  Storing is one Lua
script that sets the entry, touches the index and evicts the least recently used entries beyond
``CACHE_MAX_ENTRIES``; a hit is one script that reads the entry and touches the index.  Redis
errors are raised to the caller, which treats them as a miss (a cache, unlike a limit, may simply
be skipped).
"""

from __future__ import annotations

from redis.asyncio import Redis

# KEYS: entry, index, clock.  ARGV: data, ttl_ms, max_entries.
STORE = """
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), KEYS[1])
local extra = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[3])
if extra > 0 then
  local old = redis.call('ZRANGE', KEYS[2], 0, extra - 1)
  for _, key in ipairs(old) do redis.call('DEL', key) end
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, extra - 1)
end
return 1
"""

# KEYS: entry, index, clock.
GET = """
local data = redis.call('GET', KEYS[1])
if data then
  redis.call('ZADD', KEYS[2], 'XX', redis.call('INCR', KEYS[3]), KEYS[1])
end
return data
"""


class RedisStore:
    name = "redis"

    def __init__(self, client: Redis, *, prefix: str, ttl_seconds: float, max_entries: int) -> None:
        self.client = client
        self._entry_prefix = f"{prefix}:cache:e:"
        self._index = f"{prefix}:cache:index"
        self._clock = f"{prefix}:cache:clock"
        self._ttl_ms = int(ttl_seconds * 1000)
        self._max_entries = max_entries
        self._store = client.register_script(STORE)
        self._get = client.register_script(GET)

    async def get(self, key: str) -> bytes | None:
        keys = [self._entry_prefix + key, self._index, self._clock]
        data = await self._get(keys=keys)
        return data if isinstance(data, bytes) else None

    async def put(self, key: str, data: bytes) -> None:
        if self._max_entries <= 0:
            return
        keys = [self._entry_prefix + key, self._index, self._clock]
        await self._store(keys=keys, args=[data, self._ttl_ms, self._max_entries])

    async def flush(self) -> int:
        count = 0
        async for name in self.client.scan_iter(match=f"{self._entry_prefix}*", count=500):
            count += int(await self.client.delete(name))
        await self.client.delete(self._index, self._clock)
        return count

    async def close(self) -> None:
        await self.client.aclose()
