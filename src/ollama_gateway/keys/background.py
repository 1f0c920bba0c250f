"""The keys domain's lifespan: principal cache, last-used flusher, Redis invalidation.

Creates ``app.state.principal_cache`` (:class:`PrincipalCache`) and ``app.state.key_usage``
(:class:`LastUsedTracker`), runs the periodic ``last_used_at`` flush and the database poll for
accounts changed elsewhere (``keys.sync``), and when ``REDIS_URL`` is set, joins the
cross-process invalidation channel (``keys.broadcast``).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from functools import partial

from fastapi import FastAPI

from ollama_gateway.core.config import Settings
from ollama_gateway.core.db import Database
from ollama_gateway.core.periodic import periodic
from ollama_gateway.keys.broadcast import channel_for, redis_invalidation
from ollama_gateway.keys.cache import PrincipalCache
from ollama_gateway.keys.last_used import LastUsedTracker
from ollama_gateway.keys.sync import UserSync

logger = logging.getLogger(__name__)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI, settings: Settings) -> AsyncIterator[None]:
    cache = PrincipalCache(ttl_seconds=settings.api_key_cache_ttl_seconds)
    tracker = LastUsedTracker()
    app.state.principal_cache = cache
    app.state.key_usage = tracker
    db: Database = app.state.db
    async with contextlib.AsyncExitStack() as stack:
        stack.push_async_callback(tracker.flush, db)  # last, once the periodic flush is stopped
        await stack.enter_async_context(
            periodic(
                settings.api_key_last_used_flush_seconds,
                partial(tracker.flush, db),
                logger=logger,
                failure="API-key last-used flush failed",
            )
        )
        if settings.principal_sync_seconds > 0:
            await stack.enter_async_context(
                periodic(
                    settings.principal_sync_seconds,
                    UserSync(cache, db).look,
                    logger=logger,
                    failure="looking for changed accounts failed",
                    log_interval=60.0,
                )
            )
        if settings.redis_url:
            channel = channel_for(settings.redis_key_prefix)
            await stack.enter_async_context(
                redis_invalidation(cache, settings.redis_url, channel=channel)
            )
        yield
