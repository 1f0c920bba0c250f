"""A hung Redis costs the response cache one timeout per cool-down (issue 8, finding 6).

A real ``redis-server`` stopped with SIGSTOP (connections accepted by the kernel, never
answered): the first lookup waits out the socket timeout, the next ones skip the store at once,
``ollama_gateway_cache_store_up`` says 0; once Redis runs again and the cool-down is over, one
lookup finds it and the cache is back.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import time
from collections.abc import Iterator

import pytest

from ollama_gateway.cache.redis import RedisStore
from ollama_gateway.cache.service import ResponseCache
from ollama_gateway.core.metrics import Metrics
from ollama_gateway.ratelimit.redis import connect
from tests.ratelimit.conftest import PrivateRedis

BODY = {
    "model": "llama3.2",
    "messages": [{"role": "user", "content": "hi"}],
    "options": {"temperature": 0},
}


@pytest.fixture
def redis_server() -> Iterator[PrivateRedis]:
    if shutil.which("redis-server") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server is not installed (CI=true)")
        pytest.skip("redis-server is not installed")
    server = PrivateRedis()
    server.start()
    yield server
    if server._process is not None:
        server._process.send_signal(signal.SIGCONT)
    server.stop()


def _pause(server: PrivateRedis, sig: signal.Signals) -> None:
    assert server._process is not None
    server._process.send_signal(sig)


def _sample(metrics: Metrics, name: str, **labels: str) -> float | None:
    return metrics.registry.get_sample_value(name, labels)


async def _timed_lookup(cache: ResponseCache) -> float:
    started = time.monotonic()
    lookup = await cache.lookup(route="/api/chat", body=BODY, headers={}, digest="sha256:abc")
    assert lookup.hit is None
    return time.monotonic() - started


async def test_a_hung_redis_is_skipped_after_one_timeout(redis_server: PrivateRedis) -> None:
    metrics = Metrics()
    store = RedisStore(
        connect(redis_server.url, timeout=0.3), prefix="t-breaker", ttl_seconds=60, max_entries=10
    )
    cache = ResponseCache(store, metrics=metrics, max_entry_bytes=10_000, retry_seconds=0.6)
    try:
        assert await _timed_lookup(cache) < 0.3  # a plain miss: Redis answers
        assert _sample(metrics, "ollama_gateway_cache_store_up", store="redis") == 1

        _pause(redis_server, signal.SIGSTOP)
        assert await _timed_lookup(cache) >= 0.3  # the one request that meets the timeout
        waits = [await _timed_lookup(cache) for _ in range(20)]
        assert max(waits) < 0.05  # the rest skip the store
        assert _sample(metrics, "ollama_gateway_cache_store_up", store="redis") == 0
        assert _sample(metrics, "ollama_gateway_cache_total", result="skipped") == 20
        assert _sample(metrics, "ollama_gateway_cache_total", result="error") == 1

        _pause(redis_server, signal.SIGCONT)
        await asyncio.sleep(0.7)  # the cool-down
        assert await _timed_lookup(cache) < 0.3
        assert _sample(metrics, "ollama_gateway_cache_store_up", store="redis") == 1
        assert cache.breaker.up
    finally:
        _pause(redis_server, signal.SIGCONT)
        await cache.close()
