"""Changes made on one process, applied on every other within a second: :class:`ChangeFeed`.

A *topic* (``settings``, ``catalog``) is something each process holds in memory and reloads
from the database.  The process that changed it reloads at once and :meth:`announce`\\ s it:

* with ``REDIS_URL``: a message on ``<REDIS_KEY_PREFIX>:changes``; every other process reloads
  that topic on receipt (milliseconds).  After a lost subscription every topic is reloaded
  (messages may have been missed), and a slow poll (every 30 s) backs the channel up;
* without it: every process polls each topic's *fingerprint* (one aggregate query, such as
  ``count(*), max(updated_at)``) every ``RUNTIME_SYNC_SECONDS`` (default 1 s) and reloads a
  topic whose fingerprint moved.

Reloads run in the background, never on the request path.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.core.db import Database

logger = logging.getLogger(__name__)

Fingerprint = Callable[[AsyncSession], Awaitable[object]]
Reload = Callable[[], Awaitable[object]]

_BACKUP_POLL_SECONDS = 30.0
_RETRY_SECONDS = 1.0
_UNSEEN = object()


@dataclass
class _Topic:
    fingerprint: Fingerprint
    reload: Reload
    seen: object = _UNSEEN


class ChangeFeed:
    """See the module docstring; ``app.state.change_feed``."""

    def __init__(
        self, db: Database, *, redis_url: str | None, prefix: str, interval: float
    ) -> None:
        self._db = db
        self._redis_url = redis_url
        self._channel = f"{prefix}:changes"
        self._interval = interval
        self._topics: dict[str, _Topic] = {}
        self._origin = uuid.uuid4().hex
        self._redis: Redis | None = None

    def watch(self, topic: str, *, fingerprint: Fingerprint, reload: Reload) -> None:
        self._topics[topic] = _Topic(fingerprint, reload)

    def unwatch(self, topic: str) -> None:
        self._topics.pop(topic, None)

    async def announce(self, topic: str) -> None:
        """Tell the other processes that ``topic`` changed (this one has reloaded already)."""
        if self._redis is None:
            return  # they poll
        try:
            await self._redis.publish(self._channel, f"{self._origin}:{topic}")
        except RedisError as exc:
            logger.warning("could not announce a %s change: %s", topic, exc)

    async def _reload(self, name: str) -> None:
        topic = self._topics.get(name)
        if topic is None:
            return
        try:
            await topic.reload()
        except Exception:
            logger.warning("reloading %s failed", name, exc_info=True)

    async def poll(self) -> None:
        """One look at every topic's fingerprint; reload those that moved."""
        async with self._db.sessionmaker() as session:
            marks = {name: await t.fingerprint(session) for name, t in list(self._topics.items())}
        for name, mark in marks.items():
            topic = self._topics.get(name)
            if topic is None:
                continue
            if topic.seen != mark:  # also the first look: a change may predate it
                await self._reload(name)
            topic.seen = mark

    async def _poll_loop(self, interval: float) -> None:
        failing = False
        while True:
            await asyncio.sleep(interval)
            try:
                await self.poll()
                failing = False
            except Exception:
                if not failing:
                    logger.warning("change poll failed", exc_info=True)
                failing = True

    async def _listen_loop(self, client: Redis, ready: asyncio.Event) -> None:
        first = True
        while True:
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(self._channel)
                    if not first:
                        for name in list(self._topics):
                            await self._reload(name)
                    first = False
                    ready.set()
                    async for message in pubsub.listen():
                        await self._on_message(message)
            except (RedisError, OSError) as exc:
                ready.set()
                first = False
                logger.warning("change feed subscription lost (%s); retrying", exc)
                await asyncio.sleep(_RETRY_SECONDS)

    async def _on_message(self, message: dict[str, object]) -> None:
        if message.get("type") != "message":
            return
        data = message.get("data")
        text = data.decode() if isinstance(data, bytes) else str(data)
        sender, _, topic = text.partition(":")
        if sender != self._origin:
            await self._reload(topic)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Listen (Redis) and poll while the context is open."""
        tasks: list[asyncio.Task[None]] = []
        if self._redis_url:
            self._redis = Redis.from_url(self._redis_url)
            ready = asyncio.Event()
            tasks.append(asyncio.create_task(self._listen_loop(self._redis, ready)))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(ready.wait(), timeout=5)
            tasks.append(asyncio.create_task(self._poll_loop(_BACKUP_POLL_SECONDS)))
        elif self._interval > 0:
            tasks.append(asyncio.create_task(self._poll_loop(self._interval)))
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if self._redis is not None:
                await self._redis.aclose()
                self._redis = None
