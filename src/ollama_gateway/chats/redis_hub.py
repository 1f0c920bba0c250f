"""The :class:`TurnHub` of a fleet: a turn's events in a Redis stream, stops on a Redis channel.

With ``REDIS_URL`` every process uses this hub, so a turn running on one process can be watched
(``GET /api/chats/{id}/stream``) and stopped (``POST /api/chats/{id}/stop``) through any other:

* each running turn has a stream ``<prefix>:chat:<id>:events`` holding its ``start`` event, its
  ``delta`` events and finally ``done``.  :meth:`publish` never blocks: events go to a sender
  task that appends them in order, joining the deltas that queued meanwhile into one entry (a
  turn costs a few Redis writes a second, not one per token).  The stream expires an hour after
  its last write while running, a minute after ``done``;
* :meth:`subscribe` reads the stream from its start (the ``start`` event, then everything
  generated so far as one ``delta``) and then blocks on new entries until ``done``; nothing when
  no turn is running;
* :meth:`stop` publishes the chat id on ``<prefix>:chat-stops``; every process hears it and asks
  its own runner (``on_stop``), which stops the turn if it runs there;
* each process keeps a heartbeat key per turn it runs (``<prefix>:chat:<id>:alive``, renewed
  every few seconds, gone ten seconds after the process is): :meth:`live_turns` lists them, so
  that the start-up and periodic recovery of orphaned answers leaves other processes' turns
  alone and still finds those of a process that was killed.

Redis unreachable: events are dropped (the turn itself runs and is stored as always; only
watchers on other processes miss it) and the failure is logged once per outage.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import cast

import orjson
from redis.asyncio import Redis
from redis.exceptions import RedisError

from ollama_gateway.chats.hub import StopHandler, TurnEvent

logger = logging.getLogger(__name__)

_RUNNING_TTL_MS = 3_600_000
_DONE_TTL_MS = 60_000
_BLOCK_MS = 5_000
_ALIVE_MS = 10_000
_HEARTBEAT_S = 3.0

#: Stream entries as redis-py returns them (no decoding): (id, {field: value}).
Entries = list[tuple[bytes, dict[bytes, bytes]]]


def _encode(event: TurnEvent) -> dict[str, bytes]:
    return {"kind": event.kind.encode(), "data": orjson.dumps(event.data)}


def _decode(fields: dict[bytes, bytes]) -> TurnEvent:
    kind = fields[b"kind"].decode()
    return TurnEvent(kind, orjson.loads(fields[b"data"]))  # type: ignore[arg-type]


class RedisHub:
    """The hub of a fleet (module docstring)."""

    def __init__(self, redis: Redis, *, prefix: str) -> None:
        self._redis = redis
        self._prefix = prefix
        self._outbox: asyncio.Queue[tuple[int, TurnEvent]] = asyncio.Queue()
        self._stop: StopHandler | None = None
        self._sender = asyncio.create_task(self._send(), name="chat-hub-sender")
        self._listener = asyncio.create_task(self._listen_stops(), name="chat-hub-stops")
        self._heartbeat = asyncio.create_task(self._beat(), name="chat-hub-heartbeat")
        self._running: set[int] = set()
        self._failing = False

    def _key(self, chat_id: int) -> str:
        return f"{self._prefix}chat:{chat_id}:events"

    @property
    def _stops(self) -> str:
        return f"{self._prefix}chat-stops"

    # -- publishing ------------------------------------------------------------------------

    def _alive(self, chat_id: int) -> str:
        return f"{self._prefix}chat:{chat_id}:alive"

    def publish(self, chat_id: int, event: TurnEvent) -> None:
        if event.kind == "start":
            self._running.add(chat_id)
        elif event.kind == "done":
            self._running.discard(chat_id)
        self._outbox.put_nowait((chat_id, event))

    async def _send(self) -> None:
        while True:
            batch = [await self._outbox.get()]
            while not self._outbox.empty():
                batch.append(self._outbox.get_nowait())
            try:
                await self._write(batch)
            except (RedisError, OSError) as exc:
                if not self._failing:
                    logger.error("chat hub: Redis unavailable, turn events dropped: %s", exc)
                self._failing = True
            else:
                self._failing = False
            for _ in batch:
                self._outbox.task_done()

    async def _write(self, batch: list[tuple[int, TurnEvent]]) -> None:
        merged: list[tuple[int, TurnEvent]] = []
        for chat_id, event in batch:  # consecutive deltas of a chat become one entry
            if merged and event.kind == "delta" and merged[-1][0] == chat_id:
                last = merged[-1][1]
                if last.kind == "delta":
                    content = last.data["content"] + event.data["content"]
                    merged[-1] = (chat_id, TurnEvent("delta", {"content": content}))
                    continue
            merged.append((chat_id, event))
        async with self._redis.pipeline(transaction=False) as pipe:
            for chat_id, event in merged:
                key = self._key(chat_id)
                if event.kind == "start":
                    pipe.delete(key)
                    pipe.set(self._alive(chat_id), 1, px=_ALIVE_MS)
                elif event.kind == "done":
                    pipe.delete(self._alive(chat_id))
                pipe.xadd(key, _encode(event))  # type: ignore[arg-type]
                ttl = _DONE_TTL_MS if event.kind == "done" else _RUNNING_TTL_MS
                pipe.pexpire(key, ttl)
            await pipe.execute()

    async def flush(self) -> None:
        """Wait until every event published so far was written (tests, shutdown)."""
        await self._outbox.join()

    # -- subscribing -----------------------------------------------------------------------

    async def subscribe(self, chat_id: int) -> AsyncIterator[TurnEvent]:
        key = self._key(chat_id)
        await self.flush()  # this process's own events first (a turn it has just started)
        try:
            entries = cast(Entries, await self._redis.xrange(key))
        except (RedisError, OSError):
            entries = []
        events = [(entry_id, _decode(fields)) for entry_id, fields in entries]
        if not events or events[0][1].kind != "start" or events[-1][1].kind == "done":
            return _nothing()
        text = "".join(e.data["content"] for _id, e in events if e.kind == "delta")
        replay = [events[0][1]]
        if text:
            replay.append(TurnEvent("delta", {"content": text}))
        return self._follow(key, replay, events[-1][0])

    async def _follow(
        self, key: str, replay: list[TurnEvent], last_id: bytes
    ) -> AsyncIterator[TurnEvent]:
        for event in replay:
            yield event
        while True:
            found = cast(
                list[tuple[bytes, Entries]],
                await self._redis.xread({key: last_id}, block=_BLOCK_MS, count=256),
            )
            if not found:
                if not await self._redis.exists(key):
                    return  # expired: the turn's process vanished without a ``done``
                continue
            pending: list[str] = []
            for entry_id, fields in found[0][1]:
                last_id = entry_id
                event = _decode(fields)
                if event.kind == "delta":
                    pending.append(event.data["content"])
                    continue
                if pending:
                    yield TurnEvent("delta", {"content": "".join(pending)})
                    pending = []
                yield event
                if event.kind == "done":
                    return
            if pending:
                yield TurnEvent("delta", {"content": "".join(pending)})

    # -- stopping --------------------------------------------------------------------------

    async def stop(self, chat_id: int) -> bool:
        """Ask every process to stop the chat's turn; ``True`` when one is running somewhere."""
        try:
            entries = cast(Entries, await self._redis.xrevrange(self._key(chat_id), count=1))
            if not entries or _decode(entries[0][1]).kind == "done":
                return False
            await self._redis.publish(self._stops, str(chat_id))
        except (RedisError, OSError):
            return False
        return True

    def on_stop(self, handler: StopHandler) -> None:
        self._stop = handler

    async def _beat(self) -> None:
        while True:
            await asyncio.sleep(_HEARTBEAT_S)
            if not self._running:
                continue
            with contextlib.suppress(RedisError, OSError):
                async with self._redis.pipeline(transaction=False) as pipe:
                    for chat_id in list(self._running):
                        pipe.set(self._alive(chat_id), 1, px=_ALIVE_MS)
                    await pipe.execute()

    async def live_turns(self) -> set[int]:
        """Chats whose turn some live process of the fleet runs (its heartbeat key exists)."""
        found = set(self._running)
        pattern = f"{self._prefix}chat:*:alive"
        async for key in self._redis.scan_iter(match=pattern, count=500):
            with contextlib.suppress(ValueError, IndexError):
                found.add(int(key.decode().rsplit(":", 2)[-2]))
        return found

    async def _listen_stops(self) -> None:
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(self._stops)
                    async for message in pubsub.listen():
                        if message.get("type") == "message" and self._stop is not None:
                            with contextlib.suppress(ValueError):
                                self._stop(int(message["data"]))
            except (RedisError, OSError) as exc:
                logger.warning("chat hub: stop channel lost (%s); reconnecting", exc)
                await asyncio.sleep(1.0)

    async def close(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.flush(), 5.0)
        for task in (self._sender, self._listener, self._heartbeat):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self._redis.aclose()


async def _nothing() -> AsyncIterator[TurnEvent]:
    return
    yield  # an async generator that yields nothing
