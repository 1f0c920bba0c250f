"""The catalog's lifespan: loads ``app.state.catalog`` and keeps it fresh across workers.

Changes made through ``catalog.service`` reload the snapshot of the process that made them at
once; the other worker processes pick them up within a second through the change feed
(``runtime.feed``: Redis pub/sub, else a fingerprint poll), and every
``CATALOG_RELOAD_INTERVAL`` seconds a full background reload backs that up (never on the
request path; 0 turns it off).
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
    feed = getattr(app.state, "change_feed", None)
    if feed is not None:  # admin changes reach the other processes within a second
        from ollama_gateway.catalog import service

        feed.watch("catalog", fingerprint=service.fingerprint, reload=store.reload)
    interval = settings.catalog_reload_interval
    reloading = (
        periodic(interval, store.reload, logger=logger, failure="catalog reload failed")
        if interval > 0
        else contextlib.nullcontext()
    )
    try:
        async with reloading:
            yield
    finally:
        if feed is not None:
            feed.unwatch("catalog")
