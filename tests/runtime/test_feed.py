"""Settings changed on one process apply on another within a second: by the database poll
(no Redis) and by Redis pub/sub (poll off), on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable

import pytest
from fastapi import FastAPI

from ollama_gateway.runtime.store import RuntimeSettings
from tests.auth.factories import make_actor
from tests.conftest import MakeApp, http_client


async def _within(seconds: float, check: Callable[[], bool]) -> float:
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > seconds:
            raise AssertionError(f"not applied within {seconds} s")
        await asyncio.sleep(0.02)
    return time.monotonic() - start


def _runtime(app: FastAPI) -> RuntimeSettings:
    runtime: RuntimeSettings = app.state.runtime_settings
    return runtime


@pytest.mark.parametrize("transport", ["poll", "redis"])
async def test_a_change_reaches_another_process_within_a_second(
    make_app: MakeApp,
    backend: str,
    fresh_database_url: Callable[[str], str],
    request: pytest.FixtureRequest,
    transport: str,
) -> None:
    url = fresh_database_url(backend)
    if transport == "redis":
        shared = {
            "redis_url": request.getfixturevalue("redis_url"),
            "redis_key_prefix": f"ogw-test-{uuid.uuid4().hex[:8]}",
            "runtime_sync_seconds": 0,
        }
    else:
        shared = {"runtime_sync_seconds": 0.2}
    async with (
        make_app(database_url=url, **shared) as one,
        make_app(database_url=url, **shared) as two,
    ):
        admin = await make_actor(one, "admin")
        async with http_client(one) as http:
            answer = await http.patch(
                "/api/admin/settings",
                headers=admin.headers,
                json={"registration_open": False, "user_hosts_enabled": True,
                      "user_hosts_allowlist": ["10.0.0.0/8"]},
            )  # fmt: skip
            assert answer.status_code == 200, answer.text
        elapsed = await _within(1.0, lambda: not _runtime(two).current.registration_open)
        assert two.state.settings.user_hosts_allowlist == ["10.0.0.0/8"]
        assert elapsed < 1.0
        async with http_client(two) as http:
            refused = await http.post(
                "/api/auth/register",
                json={"username": "late", "email": "late@example.com", "password": "Str0ng-Pass!"},
            )
        assert refused.status_code == 403
