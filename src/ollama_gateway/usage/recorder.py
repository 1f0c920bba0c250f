"""The usage recorder: one :class:`UsageEvent` per gateway request, written in batches.

The request path only calls :meth:`UsageRecorder.record`, an append to a bounded deque (a
plain ``deque`` plus a wake-up future rather than ``asyncio.Queue``, whose ``put_nowait`` and
``get_nowait`` are several Python calls each: measured ~70 opcodes per event): no database
work, no await.  A single writer task drains the queue in batches
(up to ``usage_batch_size`` events, or whatever arrived within ``usage_flush_interval`` seconds)
and hands each batch to the ``write`` callable, which owns its own session.

Policy when the queue is full: **drop the newest event** (the one being recorded), count it in
``ollama_gateway_usage_dropped_total`` and log a warning at most once per minute.  The request is
never slowed down or failed for metering; a full queue means the database cannot keep up, and
blocking the request path would turn a metering backlog into an outage.

A failed write loses nothing while it can be helped:

* **The database is unavailable** (down, locked, disk full: any error but the next one): the
  writer keeps the batch and retries it, backing off from 0.2 s to 30 s, until it goes in.
  Meanwhile requests go on and their events queue up to ``usage_queue_size`` (beyond that the
  full-queue policy above applies).  Each failure counts in
  ``ollama_gateway_usage_write_errors_total``; a warning is logged at the first and then at most
  once per minute, and one when writes work again.
* **The database refused the records themselves** (the writer raises :class:`RecordsRejected`,
  e.g. a constraint): the batch is written again one event at a time, so that only the refused
  events are dropped (counted as above and logged), never the others.

:meth:`UsageRecorder.stop` (graceful shutdown) stops the writer and flushes everything still
queued, so nothing is lost on a clean exit; if the database is unavailable then, it gives up after
three attempts and counts what it could not write as dropped.

**Streams are journalled** so that a crash (kill -9) loses seconds of metering, not whole
streams: every ``USAGE_JOURNAL_INTERVAL`` seconds the gateway records a *journal* event
(status :data:`JOURNALLED`, 102) for each stream under way, with the tokens relayed so far, through
:meth:`UsageRecorder.journal`, in the same batches as everything else (never one write per chunk).
The writer keeps at most one row per journalled request: a journal event replaces the request's
previous journal row, and the final event replaces the journal row in the same transaction
(``service.write_events``), so nothing is counted twice.  After a crash the last journal row
stays, status 102, and counts where usage is summed (the limiter's start-up seed, quotas, the
request log).  :attr:`UsageRecorder.journalled` holds the request ids whose rows may exist.

This module imports no SQLAlchemy: the gateway's hot path depends on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import NamedTuple

from ollama_gateway.core.metrics import Metrics
from ollama_gateway.usage.content import ContentCapture

logger = logging.getLogger(__name__)

#: Seconds between attempts at a batch the database did not take; the last one repeats.
_RETRY_DELAYS = (0.2, 1.0, 2.0, 5.0, 10.0, 30.0)
#: Attempts at a batch once shutting down (then it is dropped).
_ATTEMPTS_AT_STOP = 3
_LOG_INTERVAL = 60.0


class RecordsRejected(Exception):
    """Raised by a writer when the database refused the records, not the write (a constraint or
    data error): writing the same batch again cannot succeed."""


class UsageEvent(NamedTuple):
    """One gateway request, as metered.  ``status`` 499 means the client disconnected.

    A named tuple: immutable like a frozen dataclass, but built in one step (a frozen
    dataclass sets each of its fifteen fields through ``object.__setattr__``: measured ~100
    Python opcodes more per request).
    """

    user_id: int | None
    key_id: int | None
    model: str | None
    route: str
    status: int
    started_at: datetime
    latency_ms: float
    ttft_ms: float | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cache_hit: bool = False
    upstream_id: int | None = None
    upstream: str | None = None
    error: str | None = None
    request_id: str | None = None
    #: Passed the rate limiter (counted in its request windows).
    admitted: bool = False
    #: The prompt and answer, while content logging is on (``usage.content``); not a column.
    content: ContentCapture | None = None


Writer = Callable[[Sequence[UsageEvent]], Awaitable[None]]

#: The status of a journal event: a stream still under way (HTTP 102 Processing).
JOURNALLED = 102


class UsageRecorder:
    """Bounded queue plus batch writer (``app.state.usage``)."""

    def __init__(
        self,
        write: Writer,
        *,
        metrics: Metrics,
        queue_size: int = 10_000,
        batch_size: int = 500,
        flush_interval: float = 1.0,
    ) -> None:
        self._write = write
        self._metrics = metrics
        self._events: deque[UsageEvent] = deque()
        self._max_queued = queue_size if queue_size > 0 else float("inf")
        #: Set when the idle writer waits for the first event (see :meth:`_next`).
        self._arrived: asyncio.Future[None] | None = None
        self._batch_size = max(1, batch_size)
        self._flush_interval = flush_interval
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._idle = False
        self._lock = asyncio.Lock()
        #: The event the writer has taken off the queue and not yet written.
        self._pending: UsageEvent | None = None
        self._last_drop_log = 0.0
        self._last_failure_log = 0.0
        #: Set by :meth:`stop`; wakes a writer waiting to retry.
        self._stopping = asyncio.Event()
        self.dropped = 0
        self.written = 0
        #: Request ids with a journal row (module docstring); the writer forgets an id once the
        #: request's final record has replaced it.
        self.journalled: set[str] = set()
        metrics.usage_queue_depth.set_function(lambda: len(self._events))

    @property
    def depth(self) -> int:
        return len(self._events)

    def record(self, event: UsageEvent) -> bool:
        """Queue ``event`` without waiting; ``False`` when it was dropped (queue full)."""
        events = self._events
        if len(events) >= self._max_queued:
            self._drop(1, "usage queue full")
            return False
        events.append(event)
        arrived = self._arrived
        if arrived is not None:
            self._arrived = None
            if not arrived.done():
                arrived.set_result(None)
        if len(events) >= self._batch_size:
            self._wake.set()
        return True

    def journal(self, event: UsageEvent) -> bool:
        """Queue a journal event (status :data:`JOURNALLED`) of a request under way."""
        if event.request_id:
            self.journalled.add(event.request_id)
        return self.record(event)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="usage-writer")

    async def stop(self) -> None:
        """Stop the writer and flush everything still queued (graceful shutdown)."""
        self._stopping.set()
        self._wake.set()
        task, self._task = self._task, None
        if task is not None:
            if self._idle:
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.flush()

    async def flush(self) -> None:
        """Write everything recorded so far, including a batch the writer is holding."""
        self._wake.set()
        async with self._lock:
            pending, self._pending = self._pending, None
            batch = self._take(pending)
            while batch:
                await self._write_batch(batch)
                batch = self._take()

    async def _run(self) -> None:
        while not self._stopping.is_set():
            self._idle = True
            self._pending = await self._next()
            self._idle = False
            async with self._lock:
                if self._pending is None:  # flushed meanwhile
                    continue
                if not self._stopping.is_set() and len(self._events) + 1 < self._batch_size:
                    await self._linger()
                pending, self._pending = self._pending, None
                await self._write_batch(self._take(pending))

    async def _linger(self) -> None:
        """Let a batch fill for up to ``flush_interval`` (woken early when it is full)."""
        if self._flush_interval <= 0:
            return
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self._flush_interval):
                await self._wake.wait()

    async def _next(self) -> UsageEvent:
        """The oldest queued event, waiting for one to be recorded."""
        events = self._events
        while not events:
            arrived = self._arrived = asyncio.get_running_loop().create_future()
            await arrived
        return events.popleft()

    def _take(self, first: UsageEvent | None = None) -> list[UsageEvent]:
        batch = [first] if first is not None else []
        events = self._events
        room = self._batch_size - len(batch)
        if len(events) <= room:
            batch.extend(events)
            events.clear()
        else:
            batch.extend(events.popleft() for _ in range(room))
        return batch

    async def _write_batch(self, batch: list[UsageEvent]) -> None:
        """Write ``batch``; keep retrying while the database is unavailable (module docstring)."""
        failures = 0
        while batch:
            try:
                await self._write(batch)
            except asyncio.CancelledError:
                raise
            except RecordsRejected:
                await self._write_each(batch)
                return
            except Exception:
                failures += 1
                self._metrics.usage_write_errors.inc()
                if self._stopping.is_set() and failures >= _ATTEMPTS_AT_STOP:
                    logger.exception(
                        "usage batch of %d records could not be written at shutdown", len(batch)
                    )
                    self._drop(len(batch), "usage write failed at shutdown")
                    return
                self._log_failure(failures, len(batch))
                delay = _RETRY_DELAYS[min(failures, len(_RETRY_DELAYS)) - 1]
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(delay):
                        await self._stopping.wait()  # shutting down: try again at once
            else:
                self.written += len(batch)
                if failures:
                    logger.warning(
                        "usage records are written again after %d failed attempt(s)", failures
                    )
                return

    async def _write_each(self, batch: list[UsageEvent]) -> None:
        """Write a refused batch event by event; drop only the events refused on their own."""
        for position, event in enumerate(batch):
            try:
                await self._write([event])
            except asyncio.CancelledError:
                raise
            except RecordsRejected as exc:
                logger.error("usage record %s refused by the database: %s", event.request_id, exc)
                self._drop(1, "usage record refused by the database")
            except Exception:
                self._metrics.usage_write_errors.inc()
                await self._write_batch(batch[position:])  # unavailable now: keep the rest
                return
            else:
                self.written += 1

    def _log_failure(self, failures: int, held: int) -> None:
        now = time.monotonic()
        if failures == 1 or now - self._last_failure_log >= _LOG_INTERVAL:
            self._last_failure_log = now
            logger.warning(
                "usage records cannot be written (attempt %d); holding %d, %d more queued",
                failures,
                held,
                len(self._events),
                exc_info=True,
            )

    def _drop(self, count: int, reason: str) -> None:
        self.dropped += count
        self._metrics.usage_dropped.inc(count)
        now = time.monotonic()
        if now - self._last_drop_log >= _LOG_INTERVAL:
            self._last_drop_log = now
            logger.warning(
                "%s: dropped %d usage record(s) (%d so far)", reason, count, self.dropped
            )
