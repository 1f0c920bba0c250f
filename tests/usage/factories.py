"""Factories of the usage domain: usage events written through the batch writer (records and
rollups), at chosen times."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import FastAPI

from ollama_gateway.usage import service
from ollama_gateway.usage.recorder import UsageEvent
from tests.users.factories import database


def event(at: datetime, **fields: Any) -> UsageEvent:
    values: dict[str, Any] = {
        "user_id": None,
        "key_id": None,
        "model": "llama3.2",
        "route": "/api/chat",
        "status": 200,
        "started_at": at,
        "latency_ms": 100.0,
        "ttft_ms": 20.0,
        "prompt_tokens": 10,
        "completion_tokens": 20,
        "upstream": "node-a",
    }
    values.update(fields)
    return UsageEvent(**values)


async def write(app: FastAPI, events: list[UsageEvent]) -> None:
    await service.write_events(database(app), events)
