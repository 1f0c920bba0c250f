"""The two stores: TTL, LRU eviction, size bounds, flush."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
import redis.asyncio as aioredis

from ollama_gateway.cache.memory import MemoryStore
from ollama_gateway.cache.redis import RedisStore
from ollama_gateway.ratelimit.redis import connect


class Tick:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_memory_lru_ttl_and_bounds() -> None:
    tick = Tick()
    store = MemoryStore(ttl_seconds=10, max_entries=3, max_total_bytes=100, clock=tick)
    for name in "abc":
        await store.put(name, name.encode() * 10)
    assert await store.get("a") == b"a" * 10  # a is now the most recently used
    await store.put("d", b"d" * 10)
    assert await store.get("b") is None  # the least recently used went
    assert {k for k in "acd" if await store.get(k)} == {"a", "c", "d"}
    await store.put("big", b"x" * 101)  # over the total bound on its own: not stored
    assert await store.get("big") is None
    await store.put("e", b"e" * 75)  # fits only once older entries go
    assert store.size <= 3
    assert await store.get("e") == b"e" * 75
    tick.now += 11
    assert await store.get("e") is None
    assert await store.flush() >= 0
    assert store.size == 0


@pytest.fixture
async def redis_store(redis_url: str) -> AsyncIterator[RedisStore]:
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    store = RedisStore(
        connect(redis_url, timeout=2.0), prefix=prefix, ttl_seconds=60, max_entries=3
    )
    yield store
    await store.flush()
    await store.close()


@pytest.mark.redis
async def test_redis_store_bounds_entries_by_recent_use(redis_store: RedisStore) -> None:
    for name in "abc":
        await redis_store.put(name, name.encode())
    assert await redis_store.get("a") == b"a"
    await redis_store.put("d", b"d")
    assert await redis_store.get("b") is None
    assert [await redis_store.get(k) for k in "acd"] == [b"a", b"c", b"d"]
    client: aioredis.Redis = redis_store.client
    names = [name async for name in client.scan_iter(match="test-*:cache:e:a")]
    assert names
    assert 0 < await client.pttl(names[0]) <= 60_000
    assert await redis_store.flush() == 3
    assert await redis_store.get("a") is None
