"""The catalog's lifespan: loads ``app.state.catalog`` and keeps it fresh across workers.

Changes made through ``catalog.service`` reload the snapshot of the process that made them at
once; the other worker processes pick them up within ``CATALOG_RELOAD_INTERVAL`` seconds
(a background reload, never on the request path; 0 turns it off).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI

from ollama_gateway.catalog.store import CatalogStore
from ollama_gateway.core.config import Settings
from ollama_gateway.core.db import Database
from ollama_gateway.core.periodic import periodic

logger = logging.getLogger(__name__)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI, settings: Settings) -> AsyncIterator[None]:
    db: Database = app.state.db
    store = CatalogStore(db)
    await store.reload()
    app.state.catalog = store
    interval = settings.catalog_reload_interval
    reloading = (
        periodic(interval, store.reload, logger=logger, failure="catalog reload failed")
        if interval > 0
        else contextlib.nullcontext()
    )
    async with reloading:
        yield
