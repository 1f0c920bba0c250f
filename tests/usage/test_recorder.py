"""The usage recorder: batching, flush on shutdown, the full-queue policy, failed writes."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from ollama_gateway.core.metrics import Metrics
from ollama_gateway.usage.recorder import UsageEvent, UsageRecorder


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


async def test_a_failed_write_is_retried_then_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ollama_gateway.usage.recorder._RETRY_DELAYS", (0.0, 0.0))
    metrics = Metrics()
    flaky = Sink(fail=1)
    recorder = UsageRecorder(flaky, metrics=metrics, batch_size=10)
    recorder.record(event())
    await recorder.flush()
    assert flaky.written == 1  # second attempt succeeded
    dead = Sink(fail=10)
    recorder = UsageRecorder(dead, metrics=metrics, batch_size=10)
    recorder.record(event())
    recorder.record(event())
    await recorder.flush()
    assert dead.written == 0
    assert recorder.dropped == 2
    assert _dropped(metrics) == 2
