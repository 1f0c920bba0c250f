"""The catalog's lifespan: loads ``app.state.catalog`` and keeps it fresh across workers.

Changes made through ``catalog.service`` reload the snapshot of the process that made them at
once; the other worker processes pick them up within ``CATALOG_RELOAD_INTERVAL`` seconds
(a background reload, never on the request path; 0 turns it off).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI

from ollama_gateway.catalog.store import CatalogStore
from ollama_gateway.core.config import Settings
from ollama_gateway.core.db import Database

logger = logging.getLogger(__name__)


async def _poll(store: CatalogStore, interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        try:
            await store.reload()
        except Exception:
            logger.warning("catalog reload failed", exc_info=True)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI, settings: Settings) -> AsyncIterator[None]:
    db: Database = app.state.db
    store = CatalogStore(db)
    await store.reload()
    app.state.catalog = store
    poller = None
    if settings.catalog_reload_interval > 0:
        poller = asyncio.create_task(_poll(store, settings.catalog_reload_interval))
    try:
        yield
    finally:
        if poller is not None:
            poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await poller
