"""The limiter's lifespan component: build it, seed it, keep it healthy, close it.

``lifespan(app, settings)`` puts the :class:`Limiter` on ``app.state.limiter`` (the keyed throttle
and the state readout use it even when limits are off) and the admission control on
``app.state.admission``: the limiter, or ``core.admission.Unlimited`` when
``RATE_LIMIT_ENABLED=false``.  It must start after the database (for the seed) and before the
gateway.  A Redis that is unreachable at startup is not fatal: the limiter starts on the
in-process fallback, says so, and keeps retrying.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from ollama_gateway.core.admission import Unlimited
from ollama_gateway.core.config import Settings
from ollama_gateway.core.metrics import Metrics
from ollama_gateway.ratelimit import seed
from ollama_gateway.ratelimit.failover import Failover
from ollama_gateway.ratelimit.limiter import Limiter
from ollama_gateway.ratelimit.memory import MemoryBackend
from ollama_gateway.ratelimit.redis import RedisBackend, connect

logger = logging.getLogger(__name__)


def build(settings: Settings, metrics: Metrics | None) -> Limiter:
    redis = None
    if settings.redis_url:
        redis = RedisBackend(connect(settings.redis_url, timeout=settings.rate_limit_redis_timeout))
    backend = Failover(MemoryBackend(), redis, metrics)
    return Limiter(
        backend,
        metrics=metrics,
        prefix=settings.redis_key_prefix,
        lease_seconds=settings.request_timeout + 60.0,
    )


async def start(limiter: Limiter, app: FastAPI) -> None:
    """Check Redis and seed the token counters from the usage table."""
    backend = limiter.backend
    now = limiter.now()
    if backend.redis is not None:
        try:
            await backend.redis.ping()
        except Exception as exc:
            backend.mark_down(exc)
    db = getattr(app.state, "db", None)
    if db is None:
        return
    engine, prefix = db.engine, limiter.prefix

    async def reseed(at: float) -> list[tuple[str, int, float]]:
        return [
            (c.key, c.value, c.expires_at) for c in await seed.load(engine, prefix=prefix, now=at)
        ]

    backend.reseed = reseed
    counters = await seed.load(engine, prefix=prefix, now=now)
    for counter in counters:
        backend.memory.charge(counter.key, counter.value, counter.expires_at)
    if backend.redis is not None and backend.shared and counters:
        try:
            await backend.redis.seed((c.key, c.value, c.expires_at) for c in counters)
        except Exception as exc:
            backend.mark_down(exc)
    logger.info(
        "limiter: %s backend, %d counters seeded from usage_records", backend.name, len(counters)
    )


@asynccontextmanager
async def lifespan(app: FastAPI, settings: Settings) -> AsyncIterator[None]:
    limiter = build(settings, getattr(app.state, "metrics", None))
    await start(limiter, app)
    app.state.limiter = limiter
    app.state.admission = limiter if settings.rate_limit_enabled else Unlimited()
    upkeep = asyncio.create_task(limiter.maintain(settings.rate_limit_redis_retry_seconds))
    redis = limiter.backend.redis
    if redis is not None:

        async def redis_answers() -> bool:
            await redis.ping()
            return True

        app.state.readiness.add("redis", redis_answers)
    try:
        yield
    finally:
        app.state.readiness.remove("redis")
        upkeep.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await upkeep
        if limiter.backend.redis is not None:
            await limiter.backend.redis.close()
