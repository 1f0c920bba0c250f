"""The admin domain's lifespan: background work started with the application, stopped with it.

The retention job (``admin.retention``) runs every ``RETENTION_INTERVAL_SECONDS`` with
``core.periodic``; it reads the retention limits from ``app.state.settings`` at each run (the
effective settings, stored overrides included).  The registry of model pulls
(``admin.pulls``, ``app.state.model_pulls``) listens for the fleet's cancels when Redis is set,
and renews its running pulls' heartbeat keys with ``core.periodic``.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI
from redis.asyncio import Redis

from ollama_gateway.admin import pulls, retention
from ollama_gateway.core.config import Settings
from ollama_gateway.core.periodic import periodic

logger = logging.getLogger(__name__)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI, settings: Settings) -> AsyncIterator[None]:
    async def run_retention() -> None:
        current: Settings = app.state.settings
        await retention.purge(
            app.state.db,
            usage_days=current.usage_retention_days,
            audit_days=current.audit_retention_days,
        )

    redis = None
    if settings.redis_url:
        redis = Redis.from_url(
            settings.redis_url, socket_timeout=15.0, socket_connect_timeout=2.0,
            health_check_interval=0,
        )  # fmt: skip
    registry = pulls.PullRegistry(redis, prefix=f"{settings.redis_key_prefix}:")
    registry.start()
    app.state.model_pulls = registry
    async with contextlib.AsyncExitStack() as stack:
        stack.push_async_callback(registry.close)
        if redis is not None:
            await stack.enter_async_context(
                periodic(
                    pulls.HEARTBEAT_S,
                    registry.beat,
                    logger=logger,
                    failure="model pull heartbeat failed",
                )
            )
        if settings.retention_interval_seconds > 0:
            await stack.enter_async_context(
                periodic(
                    settings.retention_interval_seconds,
                    run_retention,
                    logger=logger,
                    failure="retention run failed",
                    log_interval=3600.0,
                )
            )
        yield
