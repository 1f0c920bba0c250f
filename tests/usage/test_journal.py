"""The journal of streams under way (issue 8, finding 7): one row per request at any time.

Journal events (status 102) of a request replace its previous journal row; its final record
replaces the journal row; the limiter's start-up seed counts a journal row left by a crash.  On
SQLite and PostgreSQL (the ``app`` fixture's backends).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import select

from ollama_gateway.core.db import Database
from ollama_gateway.ratelimit import seed
from ollama_gateway.usage import service
from ollama_gateway.usage.models import UsageRecord
from ollama_gateway.usage.recorder import JOURNALLED, UsageEvent

START = datetime.now(UTC) - timedelta(seconds=30)


def _event(user_id: int, request_id: str, status: int, tokens: int, **more: object) -> UsageEvent:
    values: dict[str, object] = {
        "user_id": user_id,
        "key_id": None,
        "model": "llama3.2",
        "route": "/api/chat",
        "status": status,
        "started_at": START + timedelta(seconds=len(request_id)),  # one per request
        "latency_ms": 1.0,
        "completion_tokens": tokens,
        "request_id": request_id,
        "admitted": True,
    }
    values.update(more)
    return UsageEvent(**values)  # type: ignore[arg-type]


async def _rows(db: Database, user_id: int) -> list[tuple[str | None, int, int]]:
    async with db.sessionmaker() as session:
        records = await session.scalars(
            select(UsageRecord).where(UsageRecord.user_id == user_id).order_by(UsageRecord.id)
        )
        return [(r.request_id, r.status, r.completion_tokens) for r in records]


async def test_journal_rows_are_replaced_then_superseded(app: FastAPI) -> None:
    db: Database = app.state.db
    user = 700_000 + int(time.time()) % 10_000
    journalled: set[str] = set()

    async def write(*events: UsageEvent) -> None:
        journalled.update(e.request_id for e in events if e.status == JOURNALLED and e.request_id)
        await service.write_events(db, events, journalled)

    start = _event(user, "stream-a", JOURNALLED, 0)
    await write(start)
    assert await _rows(db, user) == [("stream-a", 102, 0)]
    # progress replaces the journal row; another request's record is untouched
    await write(_event(user, "stream-a", JOURNALLED, 40), _event(user, "plain", 200, 3))
    assert sorted(await _rows(db, user)) == [("plain", 200, 3), ("stream-a", 102, 40)]
    # two progress events and the final record in one batch: the final record alone
    await write(
        _event(user, "stream-a", JOURNALLED, 60),
        _event(user, "stream-b", JOURNALLED, 5),
        _event(user, "stream-a", JOURNALLED, 70),
        _event(user, "stream-a", 200, 75, prompt_tokens=4),
    )
    assert sorted(await _rows(db, user)) == [
        ("plain", 200, 3),
        ("stream-a", 200, 75),
        ("stream-b", 102, 5),
    ]
    assert journalled == {"stream-b"}  # stream-a's final record is written: forgotten


async def test_the_seed_counts_a_journal_row_left_by_a_crash(app: FastAPI) -> None:
    db: Database = app.state.db
    user = 710_000 + int(time.time()) % 10_000
    await service.write_events(
        db, [_event(user, "crashed", JOURNALLED, 120, prompt_tokens=8)], {"crashed"}
    )
    counters = await seed.load(db.engine, prefix="t-journal", now=time.time())
    mine = sorted(c.value for c in counters if c.key.startswith(f"t-journal:rl:{{u{user}}}:"))
    # its tokens (day and month: prompt and the completion journalled so far) and the admitted
    # request (in the windows of minute, hour and day that still hold it)
    assert mine.count(128) == 2
    assert set(mine) == {1, 128}
