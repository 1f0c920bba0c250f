"""The Redis backend: one Lua script, atomic across clients that stand for gateway processes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from ollama_gateway.core.errors import RateLimited
from ollama_gateway.ratelimit.failover import Failover
from ollama_gateway.ratelimit.limiter import Limiter
from ollama_gateway.ratelimit.memory import MemoryBackend
from ollama_gateway.ratelimit.redis import RedisBackend, connect

from .conftest import Clock
from .factories import principal

pytestmark = pytest.mark.redis


@pytest.fixture
async def processes(redis_url: str, clock: Clock, prefix: str) -> AsyncIterator[list[Limiter]]:
    """Three limiters, each with its own Redis client and in-process shadow, sharing a prefix."""
    backends = [RedisBackend(connect(redis_url, timeout=2.0)) for _ in range(3)]
    yield [
        Limiter(Failover(MemoryBackend(), backend, None), prefix=prefix, clock=clock)
        for backend in backends
    ]
    await backends[0].delete_prefix(prefix)
    for backend in backends:
        await backend.close()


async def _attempt(limiter: Limiter, who: object, *, streaming: bool = False) -> bool:
    try:
        await limiter.admit(who, streaming=streaming)  # type: ignore[arg-type]
    except RateLimited:
        return False
    return True


async def test_one_limit_shared_exactly_by_every_process(processes: list[Limiter]) -> None:
    who = principal(key_id=1, user={"requests_per_minute": 40}, key={"requests_per_hour": 1000})
    results = await asyncio.gather(*(_attempt(processes[i % 3], who) for i in range(300)))
    assert sum(results) == 40
    per_process = [sum(results[i] for i in range(300) if i % 3 == n) for n in range(3)]
    assert all(count > 0 for count in per_process)  # the load really was spread


async def test_stream_slots_are_shared_and_released_across_processes(
    processes: list[Limiter],
) -> None:
    who = principal(user={"concurrent_streams": 5})
    admitted = []
    for i in range(5):
        admitted.append(await processes[i % 3].admit(who, streaming=True))
    assert not await _attempt(processes[2], who, streaming=True)
    await admitted[0].settle(prompt_tokens=0, completion_tokens=0)  # settled by process 0
    assert await _attempt(processes[2], who, streaming=True)


async def test_token_quota_shared_across_processes(processes: list[Limiter]) -> None:
    who = principal(user={"tokens_per_day": 100})
    for limiter in processes:
        admission = await limiter.admit(who, streaming=False)
        await admission.settle(prompt_tokens=20, completion_tokens=15)
    assert not await _attempt(processes[0], who)


async def test_a_crashed_process_frees_its_stream_slots_after_the_lease(
    redis_url: str, clock: Clock, prefix: str
) -> None:
    backend = RedisBackend(connect(redis_url, timeout=2.0))
    limiter = Limiter(
        Failover(MemoryBackend(), backend, None), prefix=prefix, clock=clock, lease_seconds=30
    )
    who = principal(user={"concurrent_streams": 1})
    try:
        await limiter.admit(who, streaming=True)  # never settled: the process "died"
        assert not await _attempt(limiter, who, streaming=True)
        clock.advance(31)
        assert await _attempt(limiter, who, streaming=True)
    finally:
        await backend.delete_prefix(prefix)
        await backend.close()


async def test_window_counters_expire_with_their_window(
    redis_url: str, processes: list[Limiter], prefix: str
) -> None:
    who = principal(user={"requests_per_minute": 3})
    await processes[0].admit(who, streaming=False)
    backend = processes[0].backend.redis
    assert backend is not None
    keys = [key async for key in backend.client.scan_iter(match=f"{prefix}*rpm*")]
    assert len(keys) == 1
    ttl_ms = await backend.client.pttl(keys[0])
    assert ttl_ms > 0  # expires (at the window's end, which the fake clock puts ahead)
