"""The Redis backend: one Lua script checks and increments every bucket of a request atomically.

Redis runs a script without interleaving any other command, so when N gateway processes share one
Redis server the script below is the whole admission decision: it first reads every bucket (window
counters with ``GET``, stream leases with ``ZREMRANGEBYSCORE`` + ``ZCARD``), and only if every
bucket has room does it ``INCR`` the counters and ``ZADD`` the lease.  It is called with
``EVALSHA`` (``register_script`` loads it again after a Redis restart).  Counters expire at their
window's end (``PEXPIREAT``); a stream lease is a sorted-set member scored with its expiry, so a
process that dies holding leases frees them after ``lease_seconds``.

Every Redis error is raised to the caller (the failover in ``failover.py``), which never lets a
request through unchecked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError

from ollama_gateway.ratelimit.backend import Verdict
from ollama_gateway.ratelimit.buckets import Bucket, Charge

# KEYS: the buckets.  ARGV: now_ms, lease, then per bucket: op ('r' | 't' | 'c'), limit, at_ms
# (window end for r/t, new lease end for c).  Returns {1, used...} or {0, used..., refused...}.
ADMIT = """
local now = tonumber(ARGV[1])
local lease = ARGV[2]
local used = {}
local refused = {}
for i = 1, #KEYS do
  local op = ARGV[3 * i]
  local limit = tonumber(ARGV[3 * i + 1])
  local n
  if op == 'c' then
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
    n = redis.call('ZCARD', KEYS[i])
  else
    n = tonumber(redis.call('GET', KEYS[i]) or '0')
  end
  used[i] = n
  if n >= limit then
    refused[#refused + 1] = i - 1
  end
end
if #refused > 0 then
  local out = {0}
  for i = 1, #used do out[#out + 1] = used[i] end
  for i = 1, #refused do out[#out + 1] = refused[i] end
  return out
end
local out = {1}
for i = 1, #KEYS do
  local op = ARGV[3 * i]
  local at = ARGV[3 * i + 2]
  if op == 'r' then
    used[i] = redis.call('INCR', KEYS[i])
    if used[i] == 1 then redis.call('PEXPIREAT', KEYS[i], at) end
  elseif op == 'c' then
    redis.call('ZADD', KEYS[i], at, lease)
    redis.call('PEXPIREAT', KEYS[i], at)
    used[i] = used[i] + 1
  end
  out[#out + 1] = used[i]
end
return out
"""

# KEYS: quota keys to charge, then lease keys to release.  ARGV: n_charges, lease, then per
# charge: amount, window end (ms).
SETTLE = """
local n = tonumber(ARGV[1])
for i = 1, n do
  redis.call('INCRBY', KEYS[i], ARGV[1 + 2 * i])
  redis.call('PEXPIREAT', KEYS[i], ARGV[2 + 2 * i])
end
for i = n + 1, #KEYS do
  redis.call('ZREM', KEYS[i], ARGV[2])
end
return 1
"""

# KEYS: buckets.  ARGV: now_ms, then per bucket its op.  Returns the use of each bucket.
READ = """
local out = {}
for i = 1, #KEYS do
  if ARGV[i + 1] == 'c' then
    out[i] = redis.call('ZCOUNT', KEYS[i], '(' .. ARGV[1], '+inf')
  else
    out[i] = tonumber(redis.call('GET', KEYS[i]) or '0')
  end
end
return out
"""

# After an outage: add what this process counted meanwhile.  KEYS: counters.  ARGV per key:
# delta, local total (used when Redis lost the key), window end (ms).
REPLAY = """
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    redis.call('INCRBY', KEYS[i], ARGV[3 * i - 2])
  else
    redis.call('SET', KEYS[i], ARGV[3 * i - 1])
  end
  redis.call('PEXPIREAT', KEYS[i], ARGV[3 * i])
end
return #KEYS
"""


def _ms(seconds: float) -> int:
    return int(seconds * 1000)


def connect(url: str, *, timeout: float, max_connections: int = 64) -> Redis:
    """A client that fails fast on a dead Redis (short socket timeouts, the failover handles the
    errors), retries a broken connection once (a pooled connection goes stale when Redis
    restarts; a retried admission can only over-count, never over-admit), and queues for a pooled
    connection under load instead of failing."""
    pool = BlockingConnectionPool.from_url(
        url,
        max_connections=max_connections,
        timeout=max(10.0, timeout),
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        retry=Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)),
        health_check_interval=0,
    )
    return Redis.from_pool(pool)


class RedisBackend:
    name = "redis"

    def __init__(self, client: Redis) -> None:
        self.client = client
        self._admit = client.register_script(ADMIT)
        self._settle = client.register_script(SETTLE)
        self._read = client.register_script(READ)
        self._replay = client.register_script(REPLAY)

    async def admit(self, buckets: Sequence[Bucket], lease: str, now: float) -> Verdict:
        args: list[Any] = [_ms(now), lease]
        for bucket in buckets:
            args += (bucket.op.value, bucket.limit, _ms(bucket.expires_at))
        reply = await self._admit(keys=[b.key for b in buckets], args=args)
        n = len(buckets)
        used = tuple(int(v) for v in reply[1 : n + 1])
        if int(reply[0]) == 1:
            return Verdict(True, used)
        return Verdict(False, used, tuple(int(i) for i in reply[n + 1 :]))

    async def settle(self, charges: Sequence[Charge], releases: Sequence[str], lease: str) -> None:
        if not charges and not releases:
            return
        args: list[Any] = [len(charges), lease]
        for charge in charges:
            args += (charge.amount, _ms(charge.expires_at))
        await self._settle(keys=[c.key for c in charges] + list(releases), args=args)

    async def read(self, buckets: Sequence[Bucket], now: float) -> list[int]:
        if not buckets:
            return []
        args: list[Any] = [_ms(now)] + [b.op.value for b in buckets]
        reply = await self._read(keys=[b.key for b in buckets], args=args)
        return [int(v) for v in reply]

    async def ping(self) -> None:
        await self.client.ping()

    async def replay(
        self,
        counters: Iterable[tuple[str, int, int, float]],
        leases: Iterable[tuple[str, str, float]],
        released: Iterable[tuple[str, str]],
    ) -> None:
        """Push what was counted during an outage: ``(key, delta, total, expires_at)`` counters,
        live ``(key, lease, expires_at)`` leases, and ``(key, lease)`` leases released meanwhile."""
        keys: list[str] = []
        args: list[Any] = []
        for key, delta, total, expires_at in counters:
            keys.append(key)
            args += (delta, total, _ms(expires_at))
        async with self.client.pipeline(transaction=False) as pipe:
            if keys:
                await self._replay(keys=keys, args=args, client=pipe)
            for key, lease, expires_at in leases:
                pipe.zadd(key, {lease: _ms(expires_at)})
                pipe.pexpireat(key, _ms(expires_at))
            for key, lease in released:
                pipe.zrem(key, lease)
            await pipe.execute()

    async def seed(self, counters: Iterable[tuple[str, int, float]]) -> None:
        """Set token counters that Redis does not have yet (``SET NX``), e.g. after a restart."""
        async with self.client.pipeline(transaction=False) as pipe:
            for key, value, expires_at in counters:
                pipe.set(key, value, pxat=_ms(expires_at), nx=True)
            await pipe.execute()

    async def delete_prefix(self, prefix: str) -> int:
        """Delete every key under ``prefix`` (tests and admin resets; SCAN, not KEYS)."""
        deleted = 0
        async for key in self.client.scan_iter(match=f"{prefix}*", count=500):
            deleted += int(await self.client.delete(key))
        return deleted

    async def close(self) -> None:
        await self.client.aclose()
