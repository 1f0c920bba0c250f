"""Retention (``admin.retention``): usage records and audit events past their limits are deleted
in batches, their logged content with them; newer rows and the usage rollups stay.  Run on a
private database of each backend (it deletes old rows, whoever wrote them)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from ollama_gateway.admin import retention
from ollama_gateway.auth import audit
from ollama_gateway.auth.models import AuditEvent
from ollama_gateway.core.db import Base, Database, utcnow
from ollama_gateway.usage.models import UsageContent, UsageRecord
from ollama_gateway.usage.recorder import UsageEvent
from tests.conftest import MakeApp


async def _count(db: Database, table: str) -> int:
    async with db.sessionmaker() as session:
        return int((await session.execute(text(f'SELECT count(*) FROM "{table}"'))).scalar_one())


async def test_old_rows_go_in_batches_and_rollups_stay(
    make_app: MakeApp,
    backend: str,
    fresh_database_url: Callable[[str], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(retention, "BATCH", 3)
    now = utcnow()
    async with make_app(
        database_url=fresh_database_url(backend), retention_interval_seconds=0
    ) as app:
        db: Database = app.state.db
        recorder = app.state.usage
        for age_days in (200, 200, 150, 120, 100, 91, 89, 1, 0, 0):
            recorder.record(
                UsageEvent(
                    user_id=1,
                    key_id=None,
                    model="llama3",
                    route="/api/chat",
                    status=200,
                    started_at=now - timedelta(days=age_days),
                    latency_ms=10.0,
                )
            )
        await recorder.flush()
        async with db.session() as session:
            old_ids = (
                await session.execute(select(UsageRecord.id).order_by(UsageRecord.id).limit(2))
            ).scalars()
            for usage_id in old_ids:
                session.add(UsageContent(usage_id=usage_id, prompt="p", response="r"))
            for age_days in (400, 366, 300):
                session.add(
                    AuditEvent(
                        kind=audit.AuditKind.LOGIN.value,
                        at=now - timedelta(days=age_days),
                        actor_user_id=None,
                    )
                )
        keep = {
            name: await _count(db, name)
            for name in Base.metadata.tables
            if name not in ("usage_records", "usage_contents", "audit_events")
        }
        audit_before = await _count(db, "audit_events")
        purged = await retention.purge(db, usage_days=90, audit_days=365, now=now)
        assert purged == retention.Purged(usage_records=6, audit_events=2)
        async with db.sessionmaker() as session:
            left = (await session.execute(select(func.min(UsageRecord.started_at)))).scalar_one()
        assert left is not None
        assert left > now - timedelta(days=90)
        assert await _count(db, "usage_records") == 4
        assert await _count(db, "usage_contents") == 0
        assert await _count(db, "audit_events") == audit_before - 2
        assert {name: await _count(db, name) for name in keep} == keep
        assert any(count for name, count in keep.items() if "rollup" in name), keep
        again = await retention.purge(db, usage_days=90, audit_days=365, now=now)
        assert again == retention.Purged(usage_records=0, audit_events=0)


async def test_the_job_runs_in_the_background(make_app: MakeApp) -> None:
    async with make_app(retention_interval_seconds=0.05, usage_retention_days=1) as app:
        db: Database = app.state.db
        async with db.session() as session:
            session.add(
                UsageRecord(
                    started_at=utcnow() - timedelta(days=2),
                    route="/api/chat",
                    status=200,
                    latency_ms=1.0,
                    prompt_tokens=0,
                    completion_tokens=0,
                    cache_hit=False,
                )
            )
        for _ in range(100):
            if await _count(db, "usage_records") == 0:
                break
            await asyncio.sleep(0.02)
        assert await _count(db, "usage_records") == 0
