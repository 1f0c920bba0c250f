"""A role change, a deactivation and a deletion made through the admin API take effect on the
user's very next request, with a JWT and with an API key: on the same process at once (warm
cache), and on another process through Redis pub/sub or, without Redis, the database poll
(``PRINCIPAL_SYNC_SECONDS``, which also reads deletions from the audit trail).  SQLite and
PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from tests.auth.factories import Actor, bearer, make_actor
from tests.conftest import MakeApp, http_client

#: What the caller is now: their role as authentication sees it, or ``"refused"`` (401).
PROBE = "/api/auth/whoami"

CHANGES: dict[str, tuple[str, dict[str, Any] | None, str]] = {
    "role": ("PATCH", {"role": "read-only"}, "read-only"),
    "deactivation": ("PATCH", {"is_active": False}, "refused"),
    "deletion": ("DELETE", None, "refused"),
}


async def _state(client: AsyncClient, headers: dict[str, str]) -> str:
    answer = await client.get(PROBE, headers=headers)
    if answer.status_code == 401:
        return "refused"
    assert answer.status_code == 200, answer.text
    return str(answer.json()["role"])


def _headers(actor: Actor, credential: str) -> dict[str, str]:
    return bearer(actor.access_token) if credential == "jwt" else {"X-API-Key": actor.key}


async def _change(client: AsyncClient, admin: Actor, victim: Actor, change: str) -> None:
    method, body, _status = CHANGES[change]
    answer = await client.request(
        method, f"/api/admin/users/{victim.user_id}", json=body, headers=admin.headers
    )
    assert answer.status_code in (200, 204), answer.text


@pytest.mark.parametrize("credential", ["jwt", "key"])
@pytest.mark.parametrize("change", list(CHANGES))
async def test_next_request_on_the_same_process(
    app: FastAPI, client: AsyncClient, change: str, credential: str
) -> None:
    admin = await make_actor(app, "admin")
    victim = await make_actor(app, "developer")
    headers = _headers(victim, credential)
    generate = {"model": "llama3.2", "prompt": "hi"}
    assert await _state(client, headers) == "developer"  # warm in the cache
    await _change(client, admin, victim, change)
    assert await _state(client, headers) == CHANGES[change][2]
    after = await client.post("/api/generate", json=generate, headers=headers)
    assert after.status_code == (403 if change == "role" else 401)  # read-only: no generation


async def _settles(client: AsyncClient, headers: dict[str, str], state: str) -> float:
    """Seconds until ``PROBE`` shows ``state`` on ``client`` (fails after 3 s)."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    while await _state(client, headers) != state:
        assert loop.time() - start < 3.0, "the change never reached the other process"
        await asyncio.sleep(0.02)
    return loop.time() - start


@pytest.mark.parametrize("transport", ["redis", "poll"])
async def test_next_request_on_another_process(
    make_app: MakeApp, database_url: str, request: pytest.FixtureRequest, transport: str
) -> None:
    """Two servers on one database: the admin changes users on the first, the users' warm
    credentials are refused by the second."""
    if transport == "redis":
        redis_url = request.getfixturevalue("redis_url")
        shared = {
            "redis_url": redis_url,
            "redis_key_prefix": f"ogw-test-{uuid.uuid4().hex[:8]}",
            "principal_sync_seconds": 0,
        }
    else:
        shared = {"principal_sync_seconds": 0.1}
    async with (
        make_app(database_url=database_url, **shared) as first,
        make_app(database_url=database_url, **shared) as second,
        http_client(first) as admin_side,
        http_client(second) as user_side,
    ):
        admin = await make_actor(first, "admin")
        for change, (_method, _body, state) in CHANGES.items():
            for credential in ("jwt", "key"):
                victim = await make_actor(first, "developer")
                headers = _headers(victim, credential)
                assert await _state(user_side, headers) == "developer"
                await _change(admin_side, admin, victim, change)
                waited = await _settles(user_side, headers, state)
                limit = 0.5 if transport == "redis" else 1.5
                assert waited < limit, (change, credential, waited)
