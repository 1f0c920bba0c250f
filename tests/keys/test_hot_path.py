"""API-key (and JWT) authentication runs no SQL once cached, and every change that must end
access (revoke, expiry, deactivation, role change, deletion) applies on the very next request."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import event

from ollama_gateway.core.db import utcnow
from ollama_gateway.core.permissions import Role
from ollama_gateway.users import service as users_service
from tests.auth.factories import bearer, make_actor
from tests.keys.factories import make_key
from tests.users.factories import database, make_user

WHOAMI = "/api/auth/whoami"
API_KEYS = "/api/auth/api-keys"


@contextmanager
def count_statements(app: FastAPI) -> Iterator[list[str]]:
    statements: list[str] = []
    engine = database(app).engine.sync_engine

    def record(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def test_cached_api_key_runs_no_sql(app: FastAPI, client: AsyncClient) -> None:
    actor = await make_actor(app, "developer")
    with count_statements(app) as cold:
        assert (await client.get(WHOAMI, headers=bearer(actor.key))).status_code == 200
    assert cold  # the miss read the key and its owner
    for headers in (bearer(actor.key), {"X-API-Key": actor.key}):
        with count_statements(app) as warm:
            answer = await client.get(WHOAMI, headers=headers)
        assert answer.status_code == 200
        assert answer.json()["key_id"] == actor.key_id
        assert warm == []


async def test_warm_jwt_runs_no_sql(app: FastAPI, client: AsyncClient) -> None:
    actor = await make_actor(app, "user")
    assert (await client.get(WHOAMI, headers=actor.headers)).status_code == 200
    with count_statements(app) as warm:
        answer = await client.get(WHOAMI, headers=actor.headers)
    assert answer.json()["method"] == "jwt"
    assert warm == []


async def test_revocation_applies_on_the_very_next_request(
    app: FastAPI, client: AsyncClient
) -> None:
    actor = await make_actor(app, "developer")
    victim, victim_id = await make_key(app, actor.user_id, name="to revoke")
    assert (await client.get(WHOAMI, headers=bearer(victim))).status_code == 200  # now cached
    revoked = await client.delete(f"/api/auth/api-keys/{victim_id}", headers=actor.headers)
    assert revoked.status_code == 204
    answer = await client.get(WHOAMI, headers=bearer(victim))
    assert answer.status_code == 401
    assert answer.json()["error"]["message"] == "API key has been revoked"
    # the owner's other key is untouched
    assert (await client.get(WHOAMI, headers=bearer(actor.key))).status_code == 200


async def test_cached_key_stops_at_its_expiry(app: FastAPI, client: AsyncClient) -> None:
    user = await make_user(app)
    key, _ = await make_key(app, user.id, expires_at=utcnow() + timedelta(seconds=1))
    assert (await client.get(WHOAMI, headers=bearer(key))).status_code == 200
    await asyncio.sleep(1.1)
    with count_statements(app) as statements:
        answer = await client.get(WHOAMI, headers=bearer(key))
    assert answer.status_code == 401
    assert answer.json()["error"]["message"] == "API key has expired"
    assert statements == []  # decided from the cache entry itself


async def test_deactivation_ends_keys_and_tokens_on_the_next_request(
    app: FastAPI, client: AsyncClient
) -> None:
    actor = await make_actor(app, "developer")
    for headers in (bearer(actor.key), actor.headers):
        assert (await client.get(WHOAMI, headers=headers)).status_code == 200
    async with database(app).session() as session:
        await users_service.update_account(
            session, user_id=actor.user_id, cache=app.state.principal_cache, is_active=False
        )
    for headers in (bearer(actor.key), actor.headers):
        answer = await client.get(WHOAMI, headers=headers)
        assert answer.status_code == 401
        assert answer.json()["error"]["message"] == "account is deactivated"


async def test_role_change_applies_on_the_next_request(app: FastAPI, client: AsyncClient) -> None:
    """A developer made a user loses the developer's permissions on the next request, both on a
    login session (managing API keys, which needs one) and on a cached API key (``models:manage``,
    which a key may use: ``POST /api/copy`` checks it before reaching a node)."""
    actor = await make_actor(app, "developer")
    key = bearer(actor.key)
    copy = {"source": "llama3", "destination": "role-change"}
    assert (await client.get(API_KEYS, headers=actor.headers)).status_code == 200
    before = (await client.get(WHOAMI, headers=key)).json()  # the key's principal now cached
    assert before["role"] == "developer"
    assert "models:manage" in before["permissions"]
    allowed = await client.post("/api/copy", json=copy, headers=key)
    assert allowed.status_code != 403  # past the permission check (the session app's node is down)
    async with database(app).session() as session:
        await users_service.update_account(
            session, user_id=actor.user_id, cache=app.state.principal_cache, role=Role.USER
        )
    assert (await client.get(API_KEYS, headers=actor.headers)).status_code == 403
    refused = await client.post("/api/copy", json=copy, headers=key)
    assert refused.status_code == 403
    assert refused.json()["error"] == "requires the models:manage permission"
    whoami = (await client.get(WHOAMI, headers=key)).json()
    assert whoami["role"] == "user"
    assert "models:manage" not in whoami["permissions"]


async def test_deleted_user_loses_access(app: FastAPI, client: AsyncClient) -> None:
    actor = await make_actor(app, "user")
    for headers in (bearer(actor.key), actor.headers):
        assert (await client.get(WHOAMI, headers=headers)).status_code == 200
    async with database(app).session() as session:
        await users_service.delete(session, user_id=actor.user_id, cache=app.state.principal_cache)
    for headers in (bearer(actor.key), actor.headers):
        assert (await client.get(WHOAMI, headers=headers)).status_code == 401


async def test_key_update_applies_on_the_next_request(app: FastAPI, client: AsyncClient) -> None:
    actor = await make_actor(app, "developer")
    first = await client.get(WHOAMI, headers=bearer(actor.key))
    assert first.json()["allowed_models"] is None
    changed = await client.patch(
        f"/api/auth/api-keys/{actor.key_id}",
        json={"allowed_models": ["llama3"], "scopes": ["generate"]},
        headers=actor.headers,
    )
    assert changed.status_code == 200
    after = (await client.get(WHOAMI, headers=bearer(actor.key))).json()
    assert after["allowed_models"] == ["llama3"]
    assert after["permissions"] == ["generate"]


async def test_unknown_keys_are_refused_without_sql_after_the_first_try(
    app: FastAPI, client: AsyncClient
) -> None:
    bogus = bearer("og-" + "Z" * 43)
    first = await client.get(WHOAMI, headers=bogus)
    assert first.status_code == 401
    with count_statements(app) as statements:
        again = await client.get(WHOAMI, headers=bogus)
    assert again.status_code == 401
    assert again.json()["error"]["message"] == "invalid API key"
    assert statements == []
