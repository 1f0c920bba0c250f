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

#: Needs the ``api_keys`` permission: 200 for a developer, 403 for a user, 401 when gone.
PROBE = "/api/auth/api-keys"

CHANGES: dict[str, tuple[str, dict[str, Any] | None, int]] = {
    "role": ("PATCH", {"role": "user"}, 403),
    "deactivation": ("PATCH", {"is_active": False}, 401),
    "deletion": ("DELETE", None, 401),
}


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
    assert (await client.get(PROBE, headers=headers)).status_code == 200  # warm in the cache
    await _change(client, admin, victim, change)
    assert (await client.get(PROBE, headers=headers)).status_code == CHANGES[change][2]


async def _settles(client: AsyncClient, headers: dict[str, str], status: int) -> float:
    """Seconds until ``PROBE`` answers ``status`` on ``client`` (fails after 3 s)."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    while (await client.get(PROBE, headers=headers)).status_code != status:
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
        for change, (_method, _body, status) in CHANGES.items():
            for credential in ("jwt", "key"):
                victim = await make_actor(first, "developer")
                headers = _headers(victim, credential)
                assert (await user_side.get(PROBE, headers=headers)).status_code == 200
                await _change(admin_side, admin, victim, change)
                waited = await _settles(user_side, headers, status)
                limit = 0.5 if transport == "redis" else 1.5
                assert waited < limit, (change, credential, waited)
