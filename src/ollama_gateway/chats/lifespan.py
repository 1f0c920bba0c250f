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
from datetime import timedelta

from fastapi import FastAPI
from redis.asyncio import Redis

from ollama_gateway.chats import service
from ollama_gateway.chats.hub import LocalHub, TurnHub
from ollama_gateway.chats.redis_hub import RedisHub
from ollama_gateway.chats.runner import TurnManager
from ollama_gateway.core.config import Settings
from ollama_gateway.core.db import Database, utcnow
from ollama_gateway.core.periodic import periodic

logger = logging.getLogger(__name__)

#: A fleet's recovery runs this often and spares answers written in the last _SETTLED seconds.
_SWEEP_SECONDS = 10.0
_SETTLED = 15.0


def _hub(settings: Settings) -> TurnHub:
    """In process, or through Redis when the processes of a fleet share it (``redis_hub``)."""
    if not settings.redis_url:
        return LocalHub()
    redis = Redis.from_url(
        settings.redis_url, socket_timeout=15.0, socket_connect_timeout=2.0, health_check_interval=0
    )
    return RedisHub(redis, prefix=f"{settings.redis_key_prefix}:")


async def _recover(db: Database, hub: TurnHub, *, settled_for: float | None) -> None:
    """Answers a dead process left ``streaming`` become ``interrupted`` (not the turns other
    live processes of a fleet run, nor one claimed in the last ``settled_for`` seconds)."""
    spare = await hub.live_turns()
    cutoff = None if settled_for is None else utcnow() - timedelta(seconds=settled_for)
    async with db.session() as session:
        orphans = await service.interrupt_orphans(session, spare=spare, older_than=cutoff)
    if orphans:
        logger.warning("%d chat turn(s) left unfinished by a stopped process: interrupted", orphans)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI, settings: Settings) -> AsyncIterator[None]:
    db: Database = app.state.db
    hub = _hub(settings)
    fleet = isinstance(hub, RedisHub)
    # alone, every answer left streaming is an orphan; in a fleet, those of live processes not
    await _recover(db, hub, settled_for=_SETTLED if fleet else None)
    manager = TurnManager(db=db, gateway=app.state.gateway, hub=hub, settings=settings)
    app.state.chat_hub = hub
    app.state.chat_turns = manager

    async def sweep() -> None:  # a killed worker's turns, once its heartbeat has expired
        await _recover(db, hub, settled_for=_SETTLED)

    try:
        if fleet:
            async with periodic(_SWEEP_SECONDS, sweep, logger=logger, failure="chat sweep failed"):
                yield
        else:
            yield
    finally:
        await manager.shutdown(settings.shutdown_timeout)
        await hub.close()
