"""Where a running turn's events go and where its listeners read them: the :class:`TurnHub`.

A turn runs on the server (``chats.runner``), not in an HTTP request; the ``POST`` that started
it and any later ``GET /api/chats/{id}/stream`` are subscribers.  The hub is the only thing they
share, behind a small interface so that a networked implementation (Redis, issue 13) can let a
turn started on one process be watched or stopped from another:

* ``publish(chat_id, event)``: never blocks (a networked hub queues and sends in the background);
  a ``start`` event opens the turn's channel, ``done`` closes it.
* ``await subscribe(chat_id)``: registered when it returns; iterates the ``start`` event, one
  ``delta`` with everything generated so far, then the live events up to ``done``.  Nothing
  (an empty iteration) when no turn is running.
* ``await stop(chat_id)``: asks whoever runs the turn to stop it (``on_stop`` handler).

:class:`LocalHub` is the in-process implementation.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

EventKind = Literal["start", "delta", "done"]


@dataclass(frozen=True, slots=True)
class TurnEvent:
    kind: EventKind
    data: dict[str, Any]


StopHandler = Callable[[int], bool]


class TurnHub(Protocol):
    def publish(self, chat_id: int, event: TurnEvent) -> None: ...

    async def subscribe(self, chat_id: int) -> AsyncIterator[TurnEvent]: ...

    async def stop(self, chat_id: int) -> bool: ...

    def on_stop(self, handler: StopHandler) -> None: ...

    async def live_turns(self) -> set[int]:
        """Chats whose turn runs on another live process (their answers are not orphans)."""
        ...

    async def close(self) -> None: ...


@dataclass
class _Channel:
    start: TurnEvent
    text: list[str] = field(default_factory=list)
    listeners: set[asyncio.Queue[TurnEvent]] = field(default_factory=set)


class LocalHub:
    """The hub of one process (module docstring)."""

    def __init__(self) -> None:
        self._channels: dict[int, _Channel] = {}
        self._stop: StopHandler | None = None

    def publish(self, chat_id: int, event: TurnEvent) -> None:
        if event.kind == "start":
            self._channels[chat_id] = _Channel(event)
            return
        channel = self._channels.get(chat_id)
        if channel is None:
            return
        if event.kind == "delta":
            channel.text.append(event.data["content"])
        else:
            del self._channels[chat_id]
        for queue in channel.listeners:
            queue.put_nowait(event)

    async def subscribe(self, chat_id: int) -> AsyncIterator[TurnEvent]:
        channel = self._channels.get(chat_id)
        if channel is None:
            return _nothing()
        queue: asyncio.Queue[TurnEvent] = asyncio.Queue()
        channel.listeners.add(queue)
        replay = [channel.start]
        if channel.text:
            replay.append(TurnEvent("delta", {"content": "".join(channel.text)}))
        return _listen(channel, queue, replay)

    async def stop(self, chat_id: int) -> bool:
        return self._stop(chat_id) if self._stop is not None else False

    def on_stop(self, handler: StopHandler) -> None:
        self._stop = handler

    async def live_turns(self) -> set[int]:
        return set()  # one process: nothing runs elsewhere

    async def close(self) -> None:
        self._channels.clear()


async def _nothing() -> AsyncIterator[TurnEvent]:
    return
    yield  # an async generator that yields nothing


async def _listen(
    channel: _Channel, queue: asyncio.Queue[TurnEvent], replay: list[TurnEvent]
) -> AsyncIterator[TurnEvent]:
    try:
        for event in replay:
            yield event
        while True:
            event = await queue.get()
            if event.kind == "delta" and not queue.empty():
                event, after = _merge(event, queue)
                yield event
                if after is None:
                    continue
                event = after
            yield event
            if event.kind == "done":
                return
    finally:
        channel.listeners.discard(queue)


def _merge(first: TurnEvent, queue: asyncio.Queue[TurnEvent]) -> tuple[TurnEvent, TurnEvent | None]:
    """Deltas waiting in ``queue`` joined into one (a slow reader gets fewer, larger events)."""
    parts = [first.data["content"]]
    after = None
    while not queue.empty():
        event = queue.get_nowait()
        if event.kind != "delta":
            after = event
            break
        parts.append(event.data["content"])
    return TurnEvent("delta", {"content": "".join(parts)}), after
