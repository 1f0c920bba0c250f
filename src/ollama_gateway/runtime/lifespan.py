"""The runtime settings' lifespan: ``app.state.runtime_settings`` and ``app.state.change_feed``.

Entered right after the database, before every domain that reads a setting.  A change of the
effective settings (made here, or on another process and picked up by the feed) is mirrored
into ``app.state.settings`` and clears this process's principal cache, whose cached users carry
limits computed from the role defaults and the personal-host switch.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI

from ollama_gateway.core.config import Settings
from ollama_gateway.core.db import Database
from ollama_gateway.runtime import service
from ollama_gateway.runtime.feed import ChangeFeed
from ollama_gateway.runtime.store import RuntimeSettings


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI, settings: Settings) -> AsyncIterator[None]:
    db: Database = app.state.db
    runtime = RuntimeSettings(settings)

    async def reload() -> bool:
        async with db.sessionmaker() as session:
            return await service.reload(session, runtime=runtime)

    async def mirror(current: Settings) -> None:
        app.state.settings = current
        cache = getattr(app.state, "principal_cache", None)
        if cache is not None:
            cache.clear(publish=False)  # every process applies the change itself

    runtime.subscribe(mirror)
    await reload()
    app.state.runtime_settings = runtime
    feed = ChangeFeed(
        db,
        redis_url=settings.redis_url,
        prefix=settings.redis_key_prefix,
        interval=settings.runtime_sync_seconds,
    )
    feed.watch("settings", fingerprint=service.fingerprint, reload=reload)
    app.state.change_feed = feed
    try:
        async with feed.running():
            yield
    finally:
        app.state.settings = settings
