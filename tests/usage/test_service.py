"""Usage persistence on both backends: the recorder's batch insert and reading records back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
from fastapi import FastAPI
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import create_async_engine

from ollama_gateway.core.db import Database
from ollama_gateway.usage import service
from ollama_gateway.usage.models import UsageRecord
from ollama_gateway.usage.recorder import RecordsRejected, UsageEvent


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


def _event(**fields: object) -> UsageEvent:
    values: dict[str, object] = {
        "user_id": 1,
        "key_id": None,
        "model": "llama3.2",
        "route": "/api/chat",
        "status": 200,
        "started_at": datetime.now(UTC),
        "latency_ms": 1.0,
    }
    values.update(fields)
    return UsageEvent(**values)  # type: ignore[arg-type]


async def test_text_is_made_to_fit_its_column(app: FastAPI) -> None:
    """A hostile model name (too long, a NUL character) cannot make the batch fail: it is
    stored cut to the column's length, NUL replaced (PostgreSQL refuses NUL in text)."""
    db: Database = app.state.db
    request_id = f"fit-{datetime.now(UTC).timestamp()}"
    hostile = _event(model="m\x00" + "x" * 500, error="e" * 2000, request_id=request_id)
    neighbour = _event(request_id=request_id + "-b")
    await service.write_events(db, [hostile, neighbour])
    async with db.sessionmaker() as session:
        rows = await service.recent(session, user_id=1, limit=1000)
    [stored] = [r for r in rows if r.request_id == request_id]
    assert stored.model is not None
    assert stored.error is not None
    assert stored.model.startswith("m\ufffdxxx")
    assert len(stored.model) == 200
    assert len(stored.error) == 500
    assert any(r.request_id == request_id + "-b" for r in rows)


async def test_records_the_database_refuses_raise_records_rejected(app: FastAPI) -> None:
    db: Database = app.state.db
    with pytest.raises(RecordsRejected):
        await service.write_events(db, [_event(route=None)])  # NOT NULL


async def test_an_unavailable_database_is_not_a_refusal(tmp_path: Path) -> None:
    """A database that cannot take writes now (here: opened read-only; down, locked, disk full
    alike) raises its own error, which makes the recorder keep the batch and retry."""
    path = tmp_path / "usage.db"
    setup = create_async_engine(f"sqlite+aiosqlite:///{path}")
    async with setup.begin() as conn:
        await conn.run_sync(UsageRecord.metadata.create_all, tables=[UsageRecord.__table__])
    await setup.dispose()
    read_only = create_async_engine(f"sqlite+aiosqlite:///file:{path}?mode=ro&uri=true")
    try:
        with pytest.raises(OperationalError, match="readonly"):
            await service.write_events(
                cast(Database, SimpleNamespace(engine=read_only)), [_event()]
            )
    finally:
        await read_only.dispose()


async def test_a_value_no_column_can_take_is_a_refusal(app: FastAPI) -> None:
    db: Database = app.state.db
    with pytest.raises(RecordsRejected, match="cannot be stored"):
        await service.write_events(db, [_event(started_at="yesterday")])
