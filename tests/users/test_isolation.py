"""One user cannot read, change or delete another's keys, settings or profile: 404 or 403,
never the data (both backends)."""

from __future__ import annotations

from fastapi import FastAPI
from httpx import AsyncClient

from tests.auth.factories import bearer, make_actor

KEYS = "/api/auth/api-keys"


async def test_another_users_key_is_not_found(app: FastAPI, client: AsyncClient) -> None:
    owner = await make_actor(app, "developer")
    intruder = await make_actor(app, "developer")
    admin = await make_actor(app, "admin")  # the account routes are per caller, admins too
    path = f"{KEYS}/{owner.key_id}"
    for other in (intruder, admin):
        patch = await client.patch(path, json={"name": "stolen"}, headers=other.headers)
        delete = await client.delete(path, headers=other.headers)
        for answer in (patch, delete):
            assert answer.status_code == 404
            assert answer.json()["error"]["message"] == "API key not found"
            assert "test key" not in answer.text
        listed = await client.get(KEYS, headers=other.headers)
        assert owner.key_id not in [item["id"] for item in listed.json()["items"]]
    # the key is unchanged and still works
    whoami = await client.get("/api/auth/whoami", headers=bearer(owner.key))
    assert whoami.status_code == 200
    listed = (await client.get(KEYS, headers=owner.headers)).json()["items"]
    assert [i["name"] for i in listed if i["id"] == owner.key_id] == ["test key"]


async def test_a_missing_key_and_anothers_key_look_the_same(
    app: FastAPI, client: AsyncClient
) -> None:
    owner = await make_actor(app, "developer")
    intruder = await make_actor(app, "developer")
    theirs = await client.delete(f"{KEYS}/{owner.key_id}", headers=intruder.headers)
    missing = await client.delete(f"{KEYS}/987654321", headers=intruder.headers)
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json()["error"]["message"] == missing.json()["error"]["message"]


async def test_settings_and_profile_are_the_callers_own(app: FastAPI, client: AsyncClient) -> None:
    alice = await make_actor(app, "user")
    bob = await make_actor(app, "user")
    secret_prompt = "alice's private system prompt"
    put = await client.put(
        "/api/auth/me/settings", json={"system_prompt": secret_prompt}, headers=alice.headers
    )
    assert put.status_code == 200
    bob_settings = await client.get("/api/auth/me/settings", headers=bob.headers)
    assert secret_prompt not in bob_settings.text
    bob_me = (await client.get("/api/auth/me", headers=bob.headers)).json()
    assert bob_me["username"] == bob.username
    # ids in bodies or query strings are not a way in
    sneaky = await client.patch(
        "/api/auth/me", json={"id": alice.user_id, "email": "x@example.com"}, headers=bob.headers
    )
    assert sneaky.status_code == 422
    taken = await client.patch(
        "/api/auth/me", json={"username": alice.username}, headers=bob.headers
    )
    assert taken.status_code == 409
    assert alice.username not in str(taken.json()["error"]["details"])
    alice_me = (await client.get("/api/auth/me", headers=alice.headers)).json()
    assert alice_me["username"] == alice.username
    alice_settings = (await client.get("/api/auth/me/settings", headers=alice.headers)).json()
    assert alice_settings["system_prompt"] == secret_prompt


async def test_a_users_refresh_token_does_not_log_out_someone_else(
    app: FastAPI, client: AsyncClient
) -> None:
    alice = await make_actor(app, "user")
    bob = await make_actor(app, "user")
    out = await client.post(
        "/api/auth/logout", json={"refresh_token": alice.refresh_token}, headers=bob.headers
    )
    assert out.status_code == 204
    still = await client.post("/api/auth/refresh", json={"refresh_token": alice.refresh_token})
    assert still.status_code == 200
