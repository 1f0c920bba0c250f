"""The cache's lifespan component: ``app.state.cache`` is a :class:`ResponseCache` or ``None``.

``None`` when ``CACHE_ENABLED=false``; otherwise on Redis when ``REDIS_URL`` is set (entries
shared by every process), else an in-process LRU.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from ollama_gateway.cache.memory import MemoryStore
from ollama_gateway.cache.redis import RedisStore
from ollama_gateway.cache.service import ResponseCache, Store
from ollama_gateway.core.config import Settings
from ollama_gateway.ratelimit.redis import connect


def build(settings: Settings, app: FastAPI) -> ResponseCache:
    store: Store
    if settings.redis_url:
        store = RedisStore(
            connect(settings.redis_url, timeout=settings.rate_limit_redis_timeout),
            prefix=settings.redis_key_prefix,
            ttl_seconds=settings.cache_ttl_seconds,
            max_entries=settings.cache_max_entries,
        )
    else:
        store = MemoryStore(
            ttl_seconds=settings.cache_ttl_seconds,
            max_entries=settings.cache_max_entries,
            max_total_bytes=settings.cache_max_total_bytes,
        )
    return ResponseCache(
        store,
        metrics=getattr(app.state, "metrics", None),
        max_entry_bytes=settings.cache_max_entry_bytes,
        retry_seconds=settings.cache_redis_retry_seconds,
    )


@asynccontextmanager
async def lifespan(app: FastAPI, settings: Settings) -> AsyncIterator[None]:
    cache = build(settings, app) if settings.cache_enabled else None
    app.state.cache = cache
    try:
        yield
    finally:
        if cache is not None:
            await cache.close()
