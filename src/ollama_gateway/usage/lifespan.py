"""The usage domain's lifespan: builds ``app.state.usage`` and flushes it on shutdown.

Entered after the database and before the gateway, so it stops after the gateway's last
stream has recorded its event.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence

from fastapi import FastAPI

from ollama_gateway.core.config import Settings
from ollama_gateway.core.db import Database
from ollama_gateway.core.metrics import Metrics
from ollama_gateway.usage import service
from ollama_gateway.usage.recorder import UsageEvent, UsageRecorder


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI, settings: Settings) -> AsyncIterator[None]:
    db: Database = app.state.db
    metrics: Metrics = app.state.metrics

    async def write(events: Sequence[UsageEvent]) -> None:
        await service.write_events(db, events, recorder.journalled)

    recorder = UsageRecorder(
        write,
        metrics=metrics,
        queue_size=settings.usage_queue_size,
        batch_size=settings.usage_batch_size,
        flush_interval=settings.usage_flush_interval,
    )
    app.state.usage = recorder
    recorder.start()
    try:
        yield
    finally:
        await recorder.stop()
