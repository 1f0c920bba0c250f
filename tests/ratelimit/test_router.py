"""The limit readout routes: one's own state, and any user's for admins."""

from __future__ import annotations

from fastapi import FastAPI
from httpx import AsyncClient

from tests.auth.factories import bearer, make_actor
from tests.keys.factories import make_key
from tests.users.factories import make_user


async def test_own_limits_show_role_defaults_and_use(app: FastAPI, client: AsyncClient) -> None:
    actor = await make_actor(app, "user")
    response = await client.get("/api/usage/limits", headers=actor.headers)
    assert response.status_code == 200
    body = response.json()
    assert body["user_id"] == actor.user_id
    assert body["backend"] == "memory"
    assert body["user_limits"]["requests_per_minute"] == 60
    rows = {(b["scope"], b["kind"]): b for b in body["buckets"]}
    assert rows[("user", "requests_per_minute")]["limit"] == 60
    assert rows[("user", "requests_per_minute")]["used"] == 0
    assert rows[("user", "concurrent_streams")]["reset_seconds"] is None


async def test_own_limits_through_a_key_show_the_keys_limits(
    app: FastAPI, client: AsyncClient
) -> None:
    user = await make_user(app, limits={"tokens_per_day": 5000})
    key, key_id = await make_key(app, user.id, limits={"requests_per_hour": 7})
    response = await client.get("/api/usage/limits", headers=bearer(key))
    assert response.status_code == 200
    body = response.json()
    assert body["key_id"] == key_id
    rows = {(b["scope"], b["kind"]): b for b in body["buckets"]}
    assert rows[("user", "tokens_per_day")]["limit"] == 5000
    assert rows[("key", "requests_per_hour")]["limit"] == 7
    assert rows[("key", "requests_per_hour")]["key_id"] == key_id


async def test_admins_read_any_users_limits(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    user = await make_user(app, role="developer", limits={"requests_per_minute": 5})
    _, key_id = await make_key(app, user.id, limits={"concurrent_streams": 1})
    await make_key(app, user.id, limits={"concurrent_streams": 1}, revoked=True)
    await make_key(app, user.id)  # no limits of its own: not listed
    response = await client.get(f"/api/admin/users/{user.id}/limits", headers=admin.headers)
    assert response.status_code == 200
    body = response.json()
    assert body["user_limits"]["requests_per_minute"] == 5
    keyed = [b for b in body["buckets"] if b["scope"] == "key"]
    assert [(b["key_id"], b["kind"], b["limit"]) for b in keyed] == [
        (key_id, "concurrent_streams", 1)
    ]
    missing = await client.get("/api/admin/users/999999/limits", headers=admin.headers)
    assert missing.status_code == 404


async def test_only_admins_read_others_limits(app: FastAPI, client: AsyncClient) -> None:
    actor = await make_actor(app, "developer")
    response = await client.get(f"/api/admin/users/{actor.user_id}/limits", headers=actor.headers)
    assert response.status_code == 403
    assert response.json()["error"]["type"] == "forbidden"
    assert (await client.get("/api/usage/limits")).status_code == 401
