"""``/api/admin/api-keys``: every key with its owner, filters and paging; revoking any key
makes it fail on its very next request (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI
from httpx import AsyncClient

from ollama_gateway.core.db import utcnow
from tests.auth.factories import make_actor
from tests.keys.factories import make_key
from tests.users.factories import make_user, unique

KEYS = "/api/admin/api-keys"


async def test_lists_keys_with_owner_filters_and_pages(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    owner = await make_user(app, role="developer")
    name = unique("k")
    live_id = (await make_key(app, owner.id, name=name, scopes=["generate"]))[1]
    revoked_id = (await make_key(app, owner.id, name=name + "-old", revoked=True))[1]
    expired = utcnow() - timedelta(days=1)
    expired_id = (await make_key(app, owner.id, name=name + "-exp", expires_at=expired))[1]
    page = (await client.get(KEYS, params={"user_id": owner.id}, headers=admin.headers)).json()
    assert page["total"] == 3
    by_id = {item["id"]: item for item in page["items"]}
    assert by_id[live_id]["owner"] == owner.username
    assert by_id[live_id]["scopes"] == ["generate"]
    assert by_id[live_id]["active"] is True
    assert by_id[revoked_id]["revoked"] is True
    assert by_id[expired_id]["active"] is False
    assert all("hash" not in field for item in page["items"] for field in item)
    active = await client.get(
        KEYS, params={"user_id": owner.id, "active": True}, headers=admin.headers
    )
    assert [item["id"] for item in active.json()["items"]] == [live_id]
    inactive = await client.get(
        KEYS, params={"user_id": owner.id, "active": False}, headers=admin.headers
    )
    assert {item["id"] for item in inactive.json()["items"]} == {revoked_id, expired_id}
    by_owner = await client.get(KEYS, params={"q": owner.username}, headers=admin.headers)
    assert by_owner.json()["total"] == 3
    first = await client.get(KEYS, params={"user_id": owner.id, "limit": 2}, headers=admin.headers)
    assert len(first.json()["items"]) == 2
    rest = await client.get(
        KEYS,
        params={"user_id": owner.id, "limit": 2, "cursor": first.json()["next_cursor"]},
        headers=admin.headers,
    )
    assert [item["id"] for item in rest.json()["items"]] == [expired_id]
    assert rest.json()["next_cursor"] is None


async def test_revoking_any_key_ends_it_at_once(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    owner = await make_actor(app, "developer")
    headers = {"X-API-Key": owner.key}
    assert (await client.get("/api/auth/whoami", headers=headers)).status_code == 200  # cached
    answer = await client.delete(f"{KEYS}/{owner.key_id}", headers=admin.headers)
    assert answer.status_code == 204
    assert (await client.get("/api/auth/whoami", headers=headers)).status_code == 401
    listed = await client.get(KEYS, params={"user_id": owner.user_id}, headers=admin.headers)
    assert listed.json()["items"][0]["revoked"] is True
    again = await client.delete(f"{KEYS}/{owner.key_id}", headers=admin.headers)
    assert again.status_code == 204
    missing = await client.delete(f"{KEYS}/2147483000", headers=admin.headers)
    assert missing.status_code == 404
