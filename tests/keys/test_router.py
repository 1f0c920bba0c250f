"""``/api/auth/api-keys``: the secret once, prefix-only listings, updates, scopes, revocation."""

from __future__ import annotations

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select

from ollama_gateway.core.security import sha256_hex
from ollama_gateway.keys.models import ApiKey
from tests.auth.factories import bearer, make_actor
from tests.users.factories import database

KEYS = "/api/auth/api-keys"


async def test_create_shows_the_secret_once_and_stores_only_its_hash(
    app: FastAPI, client: AsyncClient
) -> None:
    actor = await make_actor(app, "developer")
    created = await client.post(
        KEYS,
        json={
            "name": "ci",
            "description": "for the CI runner",
            "allowed_models": ["llama3"],
            "scopes": ["generate", "models:view"],
            "limits": {"requests_per_minute": 10},
            "expires_at": "2999-01-01T00:00:00Z",
        },
        headers=actor.headers,
    )
    assert created.status_code == 201, created.text
    body = created.json()
    secret = body["key"]
    assert secret.startswith("og-")
    assert body["prefix"] == secret[:10]
    assert body["limits"] == {"requests_per_minute": 10}
    async with database(app).session() as session:
        row = (await session.execute(select(ApiKey).where(ApiKey.id == body["id"]))).scalar_one()
    assert row.key_hash == sha256_hex(secret)
    assert secret not in str(row.__dict__)

    listed = await client.get(KEYS, headers=actor.headers)
    assert listed.status_code == 200
    assert secret not in listed.text
    assert row.key_hash not in listed.text
    item = next(i for i in listed.json()["items"] if i["id"] == body["id"])
    assert "key" not in item
    assert item["prefix"] == body["prefix"]
    assert item["active"] is True

    whoami = (await client.get("/api/auth/whoami", headers=bearer(secret))).json()
    assert whoami["permissions"] == ["generate", "models:view"]
    assert whoami["allowed_models"] == ["llama3"]


async def test_last_used_is_reported_without_a_write_per_request(
    app: FastAPI, client: AsyncClient
) -> None:
    actor = await make_actor(app, "developer")
    assert (await client.get("/api/auth/whoami", headers=bearer(actor.key))).status_code == 200
    listed = (await client.get(KEYS, headers=actor.headers)).json()["items"]
    item = next(i for i in listed if i["id"] == actor.key_id)
    assert item["last_used_at"] is not None  # from the in-memory tracker
    async with database(app).session() as session:
        stored = await session.get(ApiKey, actor.key_id)
        assert stored is not None
        assert stored.last_used_at is None  # not flushed yet
    assert await app.state.key_usage.flush(database(app)) >= 1
    async with database(app).session() as session:
        stored = await session.get(ApiKey, actor.key_id)
        assert stored is not None
        assert stored.last_used_at is not None


async def test_update_changes_only_the_fields_sent(app: FastAPI, client: AsyncClient) -> None:
    actor = await make_actor(app, "developer")
    created = (
        await client.post(KEYS, json={"name": "a", "description": "keep me"}, headers=actor.headers)
    ).json()
    changed = await client.patch(
        f"{KEYS}/{created['id']}",
        json={"name": "b", "expires_at": "2999-01-01T00:00:00Z", "limits": {"tokens_per_day": 5}},
        headers=actor.headers,
    )
    assert changed.status_code == 200
    body = changed.json()
    assert body["name"] == "b"
    assert body["description"] == "keep me"
    assert body["limits"] == {"tokens_per_day": 5}
    cleared = await client.patch(
        f"{KEYS}/{created['id']}", json={"expires_at": None, "limits": None}, headers=actor.headers
    )
    assert cleared.json()["expires_at"] is None
    assert cleared.json()["limits"] is None


async def test_scopes_must_be_within_the_owners_permissions(
    app: FastAPI, client: AsyncClient
) -> None:
    developer = await make_actor(app, "developer")
    denied = await client.post(
        KEYS, json={"name": "x", "scopes": ["models:delete"]}, headers=developer.headers
    )
    assert denied.status_code == 422
    assert denied.json()["error"]["details"]["invalid_scopes"] == ["models:delete"]
    admin = await make_actor(app, "admin")
    allowed = await client.post(
        KEYS, json={"name": "x", "scopes": ["models:delete"]}, headers=admin.headers
    )
    assert allowed.status_code == 201


async def test_no_api_key_can_manage_keys(app: FastAPI, client: AsyncClient) -> None:
    """Key management needs a login session: a key, scoped or not, can neither list keys nor
    mint one that would outlive its own revocation (issue 8, finding 10)."""
    actor = await make_actor(app, "developer")
    scoped = (
        await client.post(KEYS, json={"name": "s", "scopes": ["generate"]}, headers=actor.headers)
    ).json()["key"]
    assert (await client.get(KEYS, headers=bearer(scoped))).status_code == 403
    for key in (scoped, actor.key):
        calls = [
            client.get(KEYS, headers=bearer(key)),
            client.post(KEYS, json={"name": "minted"}, headers=bearer(key)),
            client.patch(f"{KEYS}/{actor.key_id}", json={"name": "x"}, headers=bearer(key)),
            client.delete(f"{KEYS}/{actor.key_id}", headers=bearer(key)),
        ]
        for call in calls:
            assert (await call).status_code == 403
    minted = await client.post(KEYS, json={"name": "m"}, headers=bearer(actor.key))
    assert minted.json()["error"]["message"] == (
        "this needs a login session (access token or cookie), not an API key"
    )
    listed = await client.get(KEYS, headers=actor.headers)
    assert listed.status_code == 200
    assert {item["name"] for item in listed.json()["items"]} == {"test key", "s"}


async def test_revoked_key_cannot_be_updated_and_revoking_twice_is_fine(
    app: FastAPI, client: AsyncClient
) -> None:
    actor = await make_actor(app, "developer")
    path = f"{KEYS}/{actor.key_id}"
    assert (await client.delete(path, headers=actor.headers)).status_code == 204
    assert (await client.delete(path, headers=actor.headers)).status_code == 204
    assert (await client.patch(path, json={"name": "z"}, headers=actor.headers)).status_code == 422
    listed = (await client.get(KEYS, headers=actor.headers)).json()["items"]
    item = next(i for i in listed if i["id"] == actor.key_id)
    assert item["active"] is False
    assert item["revoked_at"] is not None
