"""Redis going away: in-process limits take over (never fail open) and shared limits come back."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest

from ollama_gateway.core.errors import RateLimited
from ollama_gateway.core.metrics import Metrics
from ollama_gateway.ratelimit.failover import Failover
from ollama_gateway.ratelimit.limiter import Limiter
from ollama_gateway.ratelimit.memory import MemoryBackend
from ollama_gateway.ratelimit.redis import RedisBackend, connect
from ollama_gateway.ratelimit.windows import Window, span
from tests.processes import free_port

from .conftest import Clock, PrivateRedis
from .factories import principal

pytestmark = pytest.mark.redis


def _make(url: str, clock: Clock, metrics: Metrics | None = None) -> Limiter:
    backend = Failover(MemoryBackend(), RedisBackend(connect(url, timeout=0.5)), metrics)
    return Limiter(backend, metrics=metrics, prefix="ogw", clock=clock)


@pytest.fixture
async def pair(
    private_redis: PrivateRedis, clock: Clock, metrics: Metrics
) -> AsyncIterator[list[Limiter]]:
    """Two limiters standing for two gateway processes on the private Redis (one has metrics)."""
    limiters = [_make(private_redis.url, clock, metrics), _make(private_redis.url, clock)]
    yield limiters
    for limiter in limiters:
        assert limiter.backend.redis is not None
        await limiter.backend.redis.close()


async def _admitted(limiter: Limiter, who: object, n: int) -> int:
    count = 0
    for _ in range(n):
        try:
            await limiter.admit(who, streaming=False)  # type: ignore[arg-type]
        except RateLimited:
            continue
        count += 1
    return count


def _gauge(metrics: Metrics, backend: str) -> float | None:
    return metrics.registry.get_sample_value("ollama_gateway_limiter_backend", {"backend": backend})


async def test_redis_outage_falls_back_and_recovers(
    pair: list[Limiter],
    private_redis: PrivateRedis,
    metrics: Metrics,
    caplog: pytest.LogCaptureFixture,
) -> None:
    a, b = pair
    who = principal(user={"requests_per_minute": 10, "tokens_per_day": 1000})
    assert await _admitted(a, who, 2) == 2
    assert await _admitted(b, who, 2) == 2  # shared: 4 of 10 used
    assert (_gauge(metrics, "redis"), _gauge(metrics, "memory")) == (1, 0)

    private_redis.stop()
    with caplog.at_level(logging.ERROR, logger="ollama_gateway.ratelimit"):
        # a's shadow knows its own 2: the fallback allows 8 more in a, and never unlimited.
        assert await _admitted(a, who, 20) == 8
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1  # once per transition, not once per request
    assert "falling back to in-process rate limits" in errors[0].getMessage()
    assert (_gauge(metrics, "redis"), _gauge(metrics, "memory")) == (0, 1)
    assert metrics.registry.get_sample_value("ollama_gateway_limiter_fallbacks_total") == 1
    state = await a.state(who)
    assert state.backend == "memory"
    assert not await a.backend.probe(a.now())  # still down

    private_redis.start()  # an empty Redis (no persistence): it lost every counter
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="ollama_gateway.ratelimit"):
        assert await a.backend.probe(a.now())
        assert await b.backend.probe(b.now())
    assert any("shared rate limits restored" in r.getMessage() for r in caplog.records)
    assert (_gauge(metrics, "redis"), _gauge(metrics, "memory")) == (1, 0)
    # a replayed what it counted (10 in this window): the limit is shared again, b is refused.
    assert await _admitted(b, who, 5) == 0
    assert (await b.state(who)).backend == "redis"


async def test_deltas_are_added_to_a_redis_that_kept_its_counters(
    pair: list[Limiter], private_redis: PrivateRedis
) -> None:
    a, b = pair
    who = principal(user={"requests_per_minute": 100, "tokens_per_day": 100})
    assert await _admitted(b, who, 30) == 30  # in Redis, not in a's shadow
    assert a.backend.redis is not None
    await a.backend.redis.client.connection_pool.disconnect()
    # Simulate a short outage of a only: point it at a dead port, then back.
    a.backend.mark_down(ConnectionError("test outage"))
    assert await _admitted(a, who, 20) == 20
    admission = await a.admit(who, streaming=False)
    await admission.settle(prompt_tokens=60, completion_tokens=0)
    assert await a.backend.probe(a.now())
    state = await b.state(who)
    used = {b_.kind: b_.used for b_ in state.buckets}
    assert used["requests_per_minute"] == 51  # 30 + 21, added to what Redis had
    assert used["tokens_per_day"] == 60


async def test_unreachable_at_startup_starts_on_the_fallback(
    clock: Clock, metrics: Metrics
) -> None:
    limiter = _make(f"redis://127.0.0.1:{free_port()}/0", clock, metrics)
    who = principal(user={"requests_per_minute": 3})
    assert await _admitted(limiter, who, 5) == 3
    assert limiter.backend_name == "memory"
    assert metrics.registry.get_sample_value("ollama_gateway_limiter_fallbacks_total") == 1
    assert limiter.backend.redis is not None
    await limiter.backend.redis.close()


async def test_a_redis_that_lost_its_data_gets_token_totals_from_the_usage_table(
    pair: list[Limiter], private_redis: PrivateRedis
) -> None:
    a, b = pair
    who = principal(user={"tokens_per_day": 10_000, "tokens_per_month": 10_000})
    admission = await b.admit(who, streaming=False)
    await admission.settle(prompt_tokens=300, completion_tokens=0)  # only b knows these
    private_redis.stop()
    admission = await a.admit(who, streaming=False)  # a falls back
    await admission.settle(prompt_tokens=10, completion_tokens=0)
    private_redis.start()  # empty

    day_key = f"ogw:rl:{{u1}}:user:tpd:{span(Window.DAY, a.now()).index}"
    month_key = f"ogw:rl:{{u1}}:user:tpm:{span(Window.MONTH, a.now()).index}"

    async def usage_table(now: float) -> list[tuple[str, int, float]]:
        # What the usage writer had flushed: b's 300 and a's 10.
        return [(day_key, 310, now + 3600), (month_key, 5310, now + 3600)]

    a.backend.reseed = usage_table
    assert await a.backend.probe(a.now())
    used = {bucket.kind: bucket.used for bucket in (await b.state(who)).buckets}
    assert used == {"tokens_per_day": 310, "tokens_per_month": 5310}
