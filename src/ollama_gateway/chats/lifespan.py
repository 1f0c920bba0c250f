"""The chats domain's lifespan: recovers turns a dead process left, runs and stops the turns.

At start, answers left ``streaming`` (the process that ran them was killed) become
``interrupted`` with their last checkpoint.  ``app.state.chat_turns`` (:class:`TurnManager`) and
``app.state.chat_hub`` (the in-process :class:`LocalHub`, or with ``REDIS_URL`` the fleet's
``RedisHub``) live as long as the application; at
shutdown, running turns get ``SHUTDOWN_TIMEOUT`` seconds to finish, then are stored
``interrupted``.  Entered after the gateway (and stopped before it), so a turn can still reach
its upstream and record its usage while it finishes.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI
from redis.asyncio import Redis

from ollama_gateway.chats import service
from ollama_gateway.chats.hub import LocalHub, TurnHub
from ollama_gateway.chats.redis_hub import RedisHub
from ollama_gateway.chats.runner import TurnManager
from ollama_gateway.core.config import Settings
from ollama_gateway.core.db import Database

logger = logging.getLogger(__name__)


def _hub(settings: Settings) -> TurnHub:
    """In process, or through Redis when the processes of a fleet share it (``redis_hub``)."""
    if not settings.redis_url:
        return LocalHub()
    redis = Redis.from_url(
        settings.redis_url, socket_timeout=15.0, socket_connect_timeout=2.0, health_check_interval=0
    )
    return RedisHub(redis, prefix=f"{settings.redis_key_prefix}:")


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI, settings: Settings) -> AsyncIterator[None]:
    db: Database = app.state.db
    async with db.session() as session:
        orphans = await service.interrupt_orphans(session)
    if orphans:
        logger.warning("%d chat turn(s) left unfinished by a stopped process: interrupted", orphans)
    hub = _hub(settings)
    manager = TurnManager(db=db, gateway=app.state.gateway, hub=hub, settings=settings)
    app.state.chat_hub = hub
    app.state.chat_turns = manager
    try:
        yield
    finally:
        await manager.shutdown(settings.shutdown_timeout)
        await hub.close()
