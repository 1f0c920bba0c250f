"""Limits survive a restart: token quotas and request windows are seeded from the usage table
at startup."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import Boolean, Column, Integer, MetaData, Table

from ollama_gateway.core.db import Database, UTCDateTime
from ollama_gateway.core.errors import RateLimited
from ollama_gateway.ratelimit import runtime, seed
from ollama_gateway.ratelimit.failover import Failover
from ollama_gateway.ratelimit.limiter import Limiter
from ollama_gateway.ratelimit.memory import MemoryBackend
from ollama_gateway.ratelimit.redis import RedisBackend, connect

from .conftest import Clock
from .factories import principal

_NOW = datetime(2025, 3, 15, 12, 0, tzinfo=UTC)

_metadata = MetaData()
_usage = Table(
    "usage_records",
    _metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer),
    Column("key_id", Integer),
    Column("prompt_tokens", Integer),
    Column("completion_tokens", Integer),
    Column("cache_hit", Boolean, default=False),
    Column("started_at", UTCDateTime()),
    Column("admitted", Boolean, default=False),
)


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'seed.db'}")
    async with db.engine.begin() as conn:
        await conn.run_sync(_metadata.create_all)
    yield db
    await db.dispose()


async def _insert(db: Database, *rows: dict[str, Any]) -> None:
    async with db.engine.begin() as conn:
        await conn.execute(_usage.insert(), list(rows))


def _row(
    user_id: int, key_id: int | None, tokens: int, at: datetime, admitted: bool = False
) -> dict[str, Any]:
    return {
        "user_id": user_id,
        "key_id": key_id,
        "prompt_tokens": tokens // 2,
        "completion_tokens": tokens - tokens // 2,
        "started_at": at,
        "admitted": admitted,
    }


async def test_day_and_month_totals_per_user_and_key(database: Database) -> None:
    await _insert(
        database,
        _row(1, 10, 100, _NOW - timedelta(hours=1)),  # today, key 10
        _row(1, None, 50, _NOW - timedelta(hours=2)),  # today, no key
        _row(1, 10, 300, _NOW - timedelta(days=3)),  # this month
        _row(1, 10, 999, _NOW - timedelta(days=30)),  # last month: ignored
        _row(2, 20, 7, _NOW - timedelta(minutes=5)),
    )
    counters = await seed.usage_counters(database.engine, prefix="p", now=_NOW.timestamp())
    found = {c.key.rsplit(":", 1)[0]: c.value for c in counters}
    assert found == {
        "p:rl:{u1}:user:tpd": 150,
        "p:rl:{u1}:user:tpm": 450,
        "p:rl:{u1}:key:10:tpd": 100,
        "p:rl:{u1}:key:10:tpm": 400,
        "p:rl:{u2}:user:tpd": 7,
        "p:rl:{u2}:user:tpm": 7,
        "p:rl:{u2}:key:20:tpd": 7,
        "p:rl:{u2}:key:20:tpm": 7,
    }
    ends = {c.key.rsplit(":", 1)[0].rsplit(":", 1)[1]: c.expires_at for c in counters}
    assert ends == {
        "tpd": datetime(2025, 3, 16, tzinfo=UTC).timestamp(),
        "tpm": datetime(2025, 4, 1, tzinfo=UTC).timestamp(),
    }


async def test_admitted_requests_of_the_current_windows(database: Database) -> None:
    now = _NOW + timedelta(minutes=30, seconds=40)  # 12:30:40
    await _insert(
        database,
        _row(1, 10, 0, now - timedelta(seconds=10), admitted=True),  # this minute
        _row(1, 10, 0, now - timedelta(seconds=20), admitted=True),  # this minute
        _row(1, None, 0, now - timedelta(minutes=30), admitted=True),  # this hour
        _row(1, 10, 0, now - timedelta(hours=3), admitted=True),  # today
        _row(1, 10, 0, now - timedelta(days=1), admitted=True),  # yesterday: no window
        _row(1, 10, 0, now - timedelta(seconds=5)),  # refused or never limited: not counted
    )
    counters = await seed.usage_counters(database.engine, prefix="p", now=now.timestamp())
    found = {c.key.rsplit(":", 1)[0]: c.value for c in counters if ":rp" in c.key}
    assert found == {
        "p:rl:{u1}:user:rpm": 2,
        "p:rl:{u1}:user:rph": 3,
        "p:rl:{u1}:user:rpd": 4,
        "p:rl:{u1}:key:10:rpm": 2,
        "p:rl:{u1}:key:10:rph": 2,
        "p:rl:{u1}:key:10:rpd": 3,
    }
    ends = {c.key.rsplit(":", 1)[0].rsplit(":", 1)[1]: c.expires_at for c in counters}
    assert ends["rpm"] == datetime(2025, 3, 15, 12, 31, tzinfo=UTC).timestamp()
    assert ends["rph"] == datetime(2025, 3, 15, 13, 0, tzinfo=UTC).timestamp()
    assert ends["rpd"] == datetime(2025, 3, 16, tzinfo=UTC).timestamp()


async def test_a_restarted_limiter_still_refuses_an_exhausted_quota(
    database: Database, clock: Clock
) -> None:
    today = datetime.fromtimestamp(clock.now - 0.2, UTC)
    await _insert(database, _row(1, 10, 120, today))
    limiter = Limiter(Failover(MemoryBackend(), None), clock=clock)
    await runtime.start(limiter, SimpleNamespace(state=SimpleNamespace(db=database)))  # type: ignore[arg-type]
    with pytest.raises(RateLimited, match="100 tokens per day for this user"):
        await limiter.admit(principal(user={"tokens_per_day": 100}), streaming=False)
    with pytest.raises(RateLimited, match="for this API key"):
        await limiter.admit(principal(key_id=10, key={"tokens_per_month": 120}), streaming=False)


async def test_a_missing_usage_table_is_not_fatal(tmp_path: Path, clock: Clock) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}")
    try:
        assert await seed.load(db.engine, prefix="p", now=clock.now) == []
    finally:
        await db.dispose()


@pytest.mark.redis
async def test_redis_counters_are_seeded_only_where_missing(
    database: Database, clock: Clock, redis_url: str, prefix: str
) -> None:
    today = datetime.fromtimestamp(clock.now - 0.2, UTC)
    await _insert(database, _row(1, None, 40, today), _row(2, None, 40, today))
    backend = RedisBackend(connect(redis_url, timeout=2.0))
    limiter = Limiter(Failover(MemoryBackend(), backend), prefix=prefix, clock=clock)
    try:
        newer = principal(2, user={"tokens_per_day": 1000})
        admission = await limiter.admit(newer, streaming=False)
        await admission.settle(prompt_tokens=500, completion_tokens=0)  # Redis is ahead
        await runtime.start(limiter, SimpleNamespace(state=SimpleNamespace(db=database)))  # type: ignore[arg-type]
        day = {b.kind: b.used for b in (await limiter.state(newer)).buckets}
        assert day["tokens_per_day"] == 500
        seeded = principal(1, user={"tokens_per_day": 1000})
        day = {b.kind: b.used for b in (await limiter.state(seeded)).buckets}
        assert day["tokens_per_day"] == 40
    finally:
        await backend.delete_prefix(prefix)
        await backend.close()
