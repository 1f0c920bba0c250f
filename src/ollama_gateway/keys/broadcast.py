"""Cross-process cache invalidation over Redis pub/sub (fleet mode: many workers, one Redis).

When ``REDIS_URL`` is set, every invalidation of the local :class:`PrincipalCache` is published on
the channel ``<REDIS_KEY_PREFIX>:principal-cache`` and every process applies the others' messages.
Publishing is queued (services stay synchronous about it) and delivered within milliseconds; a
process that loses its Redis subscription clears its whole cache on reconnect, because it may have
missed messages.  Without Redis, each process relies on its own invalidation plus the TTL
(``API_KEY_CACHE_TTL_SECONDS``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator

from redis.asyncio import Redis
from redis.exceptions import RedisError

from ollama_gateway.keys.cache import PrincipalCache

logger = logging.getLogger(__name__)


def channel_for(prefix: str) -> str:
    """The pub/sub channel of one deployment (``REDIS_KEY_PREFIX`` separates deployments)."""
    return f"{prefix}:principal-cache"


_RETRY_SECONDS = 2.0


@contextlib.asynccontextmanager
async def redis_invalidation(
    cache: PrincipalCache, redis_url: str, *, channel: str
) -> AsyncIterator[None]:
    """Publish local invalidations and apply remote ones while the context is open."""
    client: Redis = Redis.from_url(redis_url)
    origin = uuid.uuid4().hex
    outbox: asyncio.Queue[tuple[str, int]] = asyncio.Queue(maxsize=10_000)

    def publisher(kind: str, ident: int) -> None:
        try:
            outbox.put_nowait((kind, ident))
        except asyncio.QueueFull:
            logger.warning("principal-cache invalidation outbox full; dropping a message")

    async def publish_loop() -> None:
        while True:
            kind, ident = await outbox.get()
            try:
                await client.publish(channel, f"{origin}:{kind}:{ident}")
            except RedisError as exc:
                logger.warning("could not publish cache invalidation: %s", exc)

    async def listen_loop(ready: asyncio.Event) -> None:
        first = True
        while True:
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(channel)
                    if not first:
                        cache.clear(publish=False)  # messages may have been missed
                    first = False
                    ready.set()
                    async for message in pubsub.listen():
                        _apply(cache, origin, message)
            except (RedisError, OSError) as exc:
                ready.set()
                logger.warning("principal-cache subscription lost (%s); retrying", exc)
                first = False
                await asyncio.sleep(_RETRY_SECONDS)

    ready = asyncio.Event()
    tasks = [asyncio.create_task(publish_loop()), asyncio.create_task(listen_loop(ready))]
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(ready.wait(), timeout=5)
    cache.publisher = publisher
    try:
        yield
    finally:
        cache.publisher = None
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await client.aclose()


def _apply(cache: PrincipalCache, origin: str, message: dict[str, object]) -> None:
    if message.get("type") != "message":
        return
    data = message.get("data")
    text = data.decode() if isinstance(data, bytes) else str(data)
    sender, _, rest = text.partition(":")
    kind, _, ident = rest.partition(":")
    if sender == origin or not ident.isdigit():
        return
    cache.apply(kind, int(ident))


async def publish_once(redis_url: str, kind: str, ident: int, *, channel: str) -> None:
    """Send one invalidation from outside a running app (e.g. ``ollama-gateway reset-password``)."""
    client: Redis = Redis.from_url(redis_url)
    try:
        await client.publish(channel, f"cli-{uuid.uuid4().hex}:{kind}:{ident}")
    except RedisError as exc:
        logger.warning("could not publish cache invalidation: %s", exc)
    finally:
        await client.aclose()
