"""Usage persistence on both backends: the recorder's batch insert and reading records back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import FastAPI

from ollama_gateway.core.db import Database
from ollama_gateway.usage import service
from ollama_gateway.usage.recorder import UsageEvent


async def test_batches_round_trip(app: FastAPI) -> None:
    db: Database = app.state.db
    start = datetime.now(UTC).replace(microsecond=0)
    user_id = 900_000 + start.second
    events = [
        UsageEvent(
            user_id=user_id,
            key_id=7,
            model="llama3.2:latest",
            route="/api/chat",
            status=200 if n else 499,
            started_at=start + timedelta(seconds=n),
            latency_ms=12.5,
            ttft_ms=3.25 if n else None,
            prompt_tokens=11,
            completion_tokens=n,
            cache_hit=n == 2,
            upstream_id=None,
            upstream="default",
            error=None if n else "client disconnected",
            request_id=f"req-{n}",
        )
        for n in range(3)
    ]
    await service.write_events(db, events)
    async with db.sessionmaker() as session:
        rows = await service.recent(session, user_id=user_id)
        since = await service.recent(session, user_id=user_id, since=start + timedelta(seconds=1))
    assert [r.request_id for r in rows] == ["req-2", "req-1", "req-0"]
    assert len(since) == 2
    oldest = rows[-1]
    assert oldest.status == 499
    assert oldest.error == "client disconnected"
    assert oldest.ttft_ms is None
    assert oldest.started_at == start
    assert rows[0].cache_hit is True
    assert rows[0].completion_tokens == 2
