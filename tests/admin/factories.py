"""Factories of the admin tests: usage records and audit events inserted directly."""

from __future__ import annotations

from datetime import datetime

from fastapi import FastAPI

from ollama_gateway.core.db import utcnow
from ollama_gateway.usage.models import UsageRecord
from tests.users.factories import database


async def make_usage(
    app: FastAPI,
    *,
    user_id: int | None,
    key_id: int | None = None,
    model: str = "llama3",
    route: str = "/api/chat",
    status: int = 200,
    upstream: str | None = "node-1",
    started_at: datetime | None = None,
    count: int = 1,
) -> list[int]:
    """``count`` usage records; their ids."""
    rows = [
        UsageRecord(
            started_at=started_at or utcnow(),
            user_id=user_id,
            key_id=key_id,
            model=model,
            route=route,
            upstream=upstream,
            status=status,
            latency_ms=12.5,
            prompt_tokens=3,
            completion_tokens=7,
            request_id=f"req-{user_id}-{index:04d}",
        )
        for index in range(count)
    ]
    async with database(app).session() as session:
        session.add_all(rows)
        await session.flush()
        return [row.id for row in rows]
