"""Rollups on both backends: the writer's upserts equal a rebuild from the records, in the same
transaction as the insert; histogram percentiles."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, text

from ollama_gateway.core.db import Database
from ollama_gateway.usage import rollup_sql, service
from ollama_gateway.usage.histogram import BOUNDS, bucket_of, percentile
from ollama_gateway.usage.recorder import JOURNALLED, UsageEvent
from ollama_gateway.usage.rollups import FULL, GRAINS, KEY_COLUMNS, usage_rollups


def _events(count: int, seed: int) -> list[UsageEvent]:
    rng = random.Random(seed)
    start = datetime(2026, 11, 30, 22, 0, tzinfo=UTC)
    events = []
    for n in range(count):
        ttft = rng.choice([None, rng.uniform(0.2, 2000.0), 1.5, 1.0])
        events.append(
            UsageEvent(
                user_id=rng.choice([1, 2, None]),
                key_id=rng.choice([None, 5, 6]),
                model=rng.choice(["llama3.2", "qwen", None]),
                route=rng.choice(["/api/chat", "/v1/embeddings"]),
                status=rng.choice([200, 200, 200, 429, 499, 502]),
                started_at=start + timedelta(minutes=rng.randrange(0, 60 * 30)),
                latency_ms=rng.choice([0.5, 1.0, 2.25, rng.uniform(1.0, 3_000_000.0)]),
                ttft_ms=ttft,
                prompt_tokens=rng.randrange(0, 500),
                completion_tokens=rng.randrange(0, 900),
                cache_hit=rng.random() < 0.1,
                upstream=rng.choice(["a", "b", None]),
                request_id=f"r{seed}-{n}",
            )
        )
    return events


async def _rows(db: Database) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    async with db.engine.connect() as conn:
        result = await conn.execute(select(usage_rollups))
        width = len(KEY_COLUMNS)
        return {
            tuple(row[:width]): tuple(round(v, 3) if isinstance(v, float) else v for v in row)
            for row in result
        }


async def test_writer_rollups_equal_a_rebuild_from_the_records(
    backend: str, fresh_database_url: Callable[[str], str]
) -> None:
    db = Database(fresh_database_url(backend))
    try:
        await db.migrate()
        events = _events(300, seed=1)
        for start in range(0, len(events), 70):  # several batches update the same rows
            await service.write_events(db, events[start : start + 70])
        written = await _rows(db)
        assert {key[0] for key in written} == {grain.id for grain in GRAINS}
        full = [row for key, row in written.items() if key[0] == FULL.id]
        assert sum(row[len(KEY_COLUMNS)] for row in full) == 300
        async with db.engine.begin() as conn:
            await rollup_sql.rebuild(conn)
        assert await _rows(db) == written
        # every grain sums to the same totals
        for grain in GRAINS:
            requests = [r[len(KEY_COLUMNS)] for k, r in written.items() if k[0] == grain.id]
            assert sum(requests) == 300, grain
    finally:
        await db.dispose()


async def test_rollups_commit_with_the_records_or_not_at_all(
    backend: str, fresh_database_url: Callable[[str], str]
) -> None:
    db = Database(fresh_database_url(backend))
    try:
        await db.migrate()
        async with db.engine.begin() as conn:
            await conn.execute(text("DROP TABLE usage_rollups"))
        with pytest.raises(Exception, match="usage_rollups"):
            await service.write_events(db, _events(5, seed=2))
        async with db.sessionmaker() as session:
            assert await service.recent(session) == []  # the insert was rolled back too
    finally:
        await db.dispose()


def test_progress_events_are_not_counted() -> None:
    from ollama_gateway.usage.rollup_writer import aggregate

    event = _events(1, seed=3)[0]
    assert aggregate([event._replace(status=0)]) == {}
    assert aggregate([event._replace(status=JOURNALLED)]) == {}
    assert len(aggregate([event])) == len(GRAINS)


def test_buckets_and_percentiles() -> None:
    assert bucket_of(0.2) == 0
    assert bucket_of(1.0) == 0
    assert bucket_of(1.01) == 1
    assert bucket_of(BOUNDS[-1] * 2) == len(BOUNDS)
    counts = [0] * (len(BOUNDS) + 1)
    rng = random.Random(4)
    values = [rng.lognormvariate(5, 1.5) for _ in range(20_000)]
    for value in values:
        counts[bucket_of(value)] += 1
    values.sort()
    for q in (0.5, 0.95, 0.99):
        exact = values[int(q * len(values)) - 1]
        estimate = percentile(counts, q)
        assert estimate is not None
        assert abs(estimate - exact) / exact < 0.12, (q, estimate, exact)
    assert percentile([0] * len(counts), 0.5) is None


async def test_a_journalled_stream_counts_once(
    backend: str, fresh_database_url: Callable[[str], str]
) -> None:
    db = Database(fresh_database_url(backend))
    try:
        await db.migrate()
        final = _events(1, seed=5)[0]._replace(status=200, request_id="journalled-1")
        journal = final._replace(status=JOURNALLED, completion_tokens=3)
        journalled = {"journalled-1"}
        await service.write_events(db, [journal], journalled)
        assert await _rows(db) == {}  # a stream under way is not in the rollups
        await service.write_events(db, [journal, final], journalled)
        written = await _rows(db)
        assert [row[len(KEY_COLUMNS)] for row in written.values()] == [1] * len(GRAINS)
        async with db.engine.begin() as conn:
            await rollup_sql.rebuild(conn)
        assert await _rows(db) == written
    finally:
        await db.dispose()
