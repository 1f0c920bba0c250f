"""The usage recorder: batching, flush on shutdown, the full-queue policy, failed writes
(database unavailable: kept and retried; records refused: dropped alone)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from ollama_gateway.core.metrics import Metrics
from ollama_gateway.usage.recorder import RecordsRejected, UsageEvent, UsageRecorder


def event(n: int = 0) -> UsageEvent:
    return UsageEvent(
        user_id=1,
        key_id=None,
        model="llama3.2",
        route="/api/chat",
        status=200,
        started_at=datetime.now(UTC),
        latency_ms=float(n),
    )


class Sink:
    def __init__(self, *, fail: int = 0) -> None:
        self.batches: list[list[UsageEvent]] = []
        self.fail = fail

    async def __call__(self, events: Sequence[UsageEvent]) -> None:
        if self.fail:
            self.fail -= 1
            raise RuntimeError("database down")
        self.batches.append(list(events))

    @property
    def written(self) -> int:
        return sum(len(b) for b in self.batches)


def _dropped(metrics: Metrics) -> float:
    return metrics.registry.get_sample_value("ollama_gateway_usage_dropped_total") or 0.0


async def test_events_are_written_in_batches() -> None:
    sink, metrics = Sink(), Metrics()
    recorder = UsageRecorder(sink, metrics=metrics, batch_size=10, flush_interval=0.05)
    recorder.start()
    for n in range(25):
        assert recorder.record(event(n))
    assert metrics.registry.get_sample_value("ollama_gateway_usage_queue_depth") == 25
    for _ in range(100):
        if sink.written == 25:
            break
        await asyncio.sleep(0.01)
    assert [len(b) for b in sink.batches] == [10, 10, 5]
    assert [e.latency_ms for b in sink.batches for e in b] == [float(n) for n in range(25)]
    await recorder.stop()


async def test_a_batch_lingers_for_the_flush_interval() -> None:
    sink = Sink()
    recorder = UsageRecorder(sink, metrics=Metrics(), batch_size=100, flush_interval=0.2)
    recorder.start()
    recorder.record(event())
    await asyncio.sleep(0.05)
    recorder.record(event())
    assert sink.batches == []
    await asyncio.sleep(0.3)
    assert [len(b) for b in sink.batches] == [2]
    await recorder.stop()


async def test_stop_flushes_everything_still_queued() -> None:
    sink = Sink()
    recorder = UsageRecorder(sink, metrics=Metrics(), batch_size=7, flush_interval=60.0)
    recorder.start()
    for n in range(30):
        recorder.record(event(n))
    await asyncio.sleep(0)  # the writer holds the first batch, lingering
    await recorder.stop()
    assert sink.written == 30
    assert recorder.depth == 0


async def test_a_full_queue_drops_the_newest_and_counts_it() -> None:
    sink, metrics = Sink(), Metrics()
    recorder = UsageRecorder(sink, metrics=metrics, queue_size=3, batch_size=100)
    results = [recorder.record(event(n)) for n in range(5)]  # writer not started: nothing drains
    assert results == [True, True, True, False, False]
    assert recorder.dropped == 2
    assert _dropped(metrics) == 2
    await recorder.flush()
    assert [e.latency_ms for b in sink.batches for e in b] == [0.0, 1.0, 2.0]


def _write_errors(metrics: Metrics) -> float:
    return metrics.registry.get_sample_value("ollama_gateway_usage_write_errors_total") or 0.0


@pytest.fixture
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ollama_gateway.usage.recorder._RETRY_DELAYS", (0.0,))


@pytest.mark.usefixtures("no_backoff")
async def test_an_unavailable_database_loses_nothing() -> None:
    """Down, locked, disk full: the batch is kept and retried until it goes in, and what is
    recorded meanwhile is queued and written after it."""
    metrics = Metrics()
    recorder: UsageRecorder

    class Down(Sink):
        async def __call__(self, events: Sequence[UsageEvent]) -> None:
            if self.fail:
                recorder.record(event(100 + self.fail))  # requests go on during the outage
            await super().__call__(events)

    sink = Down(fail=5)
    recorder = UsageRecorder(sink, metrics=metrics, batch_size=10)
    for n in range(3):
        recorder.record(event(n))
    await recorder.flush()
    assert sink.written == 8
    assert [e.latency_ms for e in sink.batches[0]] == [0.0, 1.0, 2.0]  # the held batch first
    assert recorder.dropped == 0
    assert _write_errors(metrics) == 5


async def test_stop_gives_up_on_an_unavailable_database_after_a_few_attempts() -> None:
    metrics = Metrics()
    dead = Sink(fail=1_000)
    recorder = UsageRecorder(dead, metrics=metrics, batch_size=10, flush_interval=0.05)
    recorder.start()
    recorder.record(event(0))
    recorder.record(event(1))
    await asyncio.sleep(0.4)  # the writer is now waiting to try again (0.2 s, then 1 s)
    await asyncio.wait_for(recorder.stop(), timeout=2)  # no waiting out the back-off
    assert dead.written == 0
    assert recorder.dropped == 2
    assert _dropped(metrics) == 2
    assert _write_errors(metrics) >= 3


@pytest.mark.usefixtures("no_backoff")
async def test_records_the_database_refuses_are_dropped_alone() -> None:
    metrics = Metrics()

    class Strict(Sink):
        async def __call__(self, events: Sequence[UsageEvent]) -> None:
            if any(e.latency_ms == 13.0 for e in events):
                raise RecordsRejected("value too long")
            await super().__call__(events)

    sink = Strict()
    recorder = UsageRecorder(sink, metrics=metrics, batch_size=10)
    for n in (11, 12, 13, 14, 15):
        recorder.record(event(n))
    await recorder.flush()
    assert sorted(e.latency_ms for b in sink.batches for e in b) == [11.0, 12.0, 14.0, 15.0]
    assert recorder.dropped == 1
    assert _dropped(metrics) == 1
    assert _write_errors(metrics) == 0  # the database works: nothing to wait for


@pytest.mark.usefixtures("no_backoff")
async def test_an_outage_while_writing_a_refused_batch_one_by_one_keeps_the_rest() -> None:
    metrics = Metrics()

    class Flaky(Sink):
        """Refuses event 13 (so the batch is written one by one); the database then goes
        away for two attempts just as event 14 is written."""

        outage = 2

        async def __call__(self, events: Sequence[UsageEvent]) -> None:
            if any(e.latency_ms == 13.0 for e in events):
                raise RecordsRejected("value too long")
            if events[0].latency_ms == 14.0 and self.outage:
                self.outage -= 1
                raise RuntimeError("database down")
            await super().__call__(events)

    sink = Flaky()
    recorder = UsageRecorder(sink, metrics=metrics, batch_size=10)
    for n in (12, 13, 14, 15):
        recorder.record(event(n))
    await recorder.flush()
    assert sorted(e.latency_ms for b in sink.batches for e in b) == [12.0, 14.0, 15.0]
    assert recorder.dropped == 1
    assert _write_errors(metrics) == 2
