"""The admin domain's lifespan: background work started with the application, stopped with it.

The retention job (``admin.retention``) runs every ``RETENTION_INTERVAL_SECONDS`` with
``core.periodic``; it reads the retention limits from ``app.state.settings`` at each run (the
effective settings, stored overrides included).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI

from ollama_gateway.admin import retention
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

    async with contextlib.AsyncExitStack() as stack:
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
