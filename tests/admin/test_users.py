"""``/api/admin/users``: listing (filters, cursor, totals, counts), create, read, change, delete,
reset-password, and the guards that keep one active admin; on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select

from ollama_gateway.auth.models import AuditEvent, RefreshToken
from ollama_gateway.chats.models import Chat
from ollama_gateway.keys.models import ApiKey
from ollama_gateway.usage.models import UsageRecord
from tests.admin.factories import make_usage
from tests.auth.factories import bearer, make_actor
from tests.conftest import ADMIN_PASSWORD, MakeApp, http_client
from tests.keys.factories import make_key
from tests.users.factories import database, make_user, unique

USERS = "/api/admin/users"


async def _kinds(app: FastAPI, target: str) -> list[str]:
    async with database(app).session() as session:
        stmt = select(AuditEvent.kind).where(AuditEvent.target == target).order_by(AuditEvent.id)
        return list((await session.execute(stmt)).scalars())


async def test_list_filters_pages_and_counts(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    tag = unique("flt")
    users = [await make_user(app, role="developer") for _ in range(3)]
    async with database(app).session() as session:
        for index, user in enumerate(users):
            fresh = await session.get(type(user), user.id)
            assert fresh is not None
            fresh.username = f"{tag}{index}"
    await make_key(app, users[0].id)
    await make_key(app, users[0].id)
    await make_key(app, users[0].id, revoked=True)
    await make_usage(app, user_id=users[0].id, count=4)
    params: dict[str, Any] = {"q": tag.upper(), "limit": 2}
    first = await client.get(USERS, params=params, headers=admin.headers)
    assert first.status_code == 200, first.text
    page = first.json()
    assert page["total"] == 3
    assert [item["username"] for item in page["items"]] == [f"{tag}0", f"{tag}1"]
    assert page["items"][0]["key_count"] == 2
    assert page["items"][0]["requests_today"] == 4
    assert page["items"][1]["key_count"] == 0
    assert page["next_cursor"]
    second = await client.get(
        USERS, params={**params, "cursor": page["next_cursor"]}, headers=admin.headers
    )
    assert [item["username"] for item in second.json()["items"]] == [f"{tag}2"]
    assert second.json()["next_cursor"] is None
    only_dev = await client.get(USERS, params={"q": tag, "role": "user"}, headers=admin.headers)
    assert only_dev.json()["total"] == 0
    bad = await client.get(USERS, params={"cursor": "nonsense!"}, headers=admin.headers)
    assert bad.status_code == 422
    assert bad.json()["error"]["type"] == "validation_error"


async def test_like_wildcards_are_literal(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    answer = await client.get(USERS, params={"q": "%_%"}, headers=admin.headers)
    assert answer.status_code == 200
    assert answer.json()["total"] == 0


async def test_create_with_generated_password_shown_once(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    name = unique("new")
    body = {"username": name, "email": f"{name}@example.com", "role": "developer"}
    created = await client.post(USERS, json=body, headers=admin.headers)
    assert created.status_code == 201, created.text
    data = created.json()
    assert data["role"] == "developer"
    assert data["password"]
    login = await client.post(
        "/api/auth/login", json={"username": name, "password": data["password"]}
    )
    assert login.status_code == 200
    again = await client.get(f"{USERS}/{data['id']}", headers=admin.headers)
    assert again.status_code == 200
    assert "password" not in again.json()
    assert "password_hash" not in again.json()
    assert await _kinds(app, f"user:{data['id']}") == ["user_created", "login"]
    duplicate = await client.post(USERS, json=body, headers=admin.headers)
    assert duplicate.status_code == 409


async def test_create_with_given_password(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    name = unique("given")
    body = {"username": name, "email": f"{name}@example.com", "password": "Given-Pass-123!"}
    created = await client.post(USERS, json=body, headers=admin.headers)
    assert created.status_code == 201
    assert created.json()["password"] is None
    assert created.json()["role"] == "user"
    weak = {"username": unique(), "email": f"{unique()}@example.com", "password": "weak"}
    assert (await client.post(USERS, json=weak, headers=admin.headers)).status_code == 422
    bad_role = {"username": unique(), "email": f"{unique()}@example.com", "role": "root"}
    assert (await client.post(USERS, json=bad_role, headers=admin.headers)).status_code == 422


async def test_missing_user_is_404(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    for method in ("GET", "PATCH", "DELETE"):
        body = {"role": "user"} if method == "PATCH" else None
        answer = await client.request(
            method, f"{USERS}/2147483000", json=body, headers=admin.headers
        )
        assert answer.status_code == 404, method
    reset = await client.post(f"{USERS}/2147483000/reset-password", headers=admin.headers)
    assert reset.status_code == 404


async def test_patch_changes_and_audits(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    user = await make_user(app, role="user")
    email = f"{unique()}@Example.com"
    body = {"role": "read-only", "email": email, "limits": {"requests_per_minute": 5}}
    changed = await client.patch(f"{USERS}/{user.id}", json=body, headers=admin.headers)
    assert changed.status_code == 200, changed.text
    data = changed.json()
    assert (data["role"], data["email"]) == ("read-only", email.lower())
    assert data["limits"] == {"requests_per_minute": 5}
    off = await client.patch(f"{USERS}/{user.id}", json={"is_active": False}, headers=admin.headers)
    assert off.json()["is_active"] is False
    cleared = await client.patch(f"{USERS}/{user.id}", json={"limits": None}, headers=admin.headers)
    assert cleared.json()["limits"] is None
    assert await _kinds(app, f"user:{user.id}") == [
        "role_change",
        "user_updated",
        "limits_change",
        "user_deactivated",
        "limits_change",
    ]
    taken = await make_user(app)
    clash = await client.patch(
        f"{USERS}/{user.id}", json={"email": taken.email}, headers=admin.headers
    )
    assert clash.status_code == 409
    unknown = await client.patch(f"{USERS}/{user.id}", json={"name": "x"}, headers=admin.headers)
    assert unknown.status_code == 422


async def test_admin_cannot_deactivate_or_delete_themselves(
    app: FastAPI, client: AsyncClient
) -> None:
    admin = await make_actor(app, "admin")
    me = f"{USERS}/{admin.user_id}"
    off = await client.patch(me, json={"is_active": False}, headers=admin.headers)
    assert off.status_code == 409
    assert (await client.delete(me, headers=admin.headers)).status_code == 409
    assert (await client.get(me, headers=admin.headers)).json()["is_active"] is True


async def test_the_last_active_admin_stays(make_app: MakeApp, database_url: str) -> None:
    del database_url  # a private app on a fresh SQLite database: one admin only
    async with make_app() as app, http_client(app) as client:
        login = await client.post(
            "/api/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD}
        )
        first = bearer(login.json()["access_token"])
        first_id = (await client.get("/api/auth/me", headers=first)).json()["id"]
        demote = await client.patch(f"{USERS}/{first_id}", json={"role": "user"}, headers=first)
        assert demote.status_code == 409
        assert "last active admin" in demote.json()["error"]["message"]
        second = await make_actor(app, "admin")
        # with two, one may go; then the other is the last again
        gone = await client.patch(
            f"{USERS}/{first_id}", json={"role": "user"}, headers=second.headers
        )
        assert gone.status_code == 200
        last = second.user_id
        for change in ({"role": "developer"}, {"is_active": False}):
            refused = await client.patch(f"{USERS}/{last}", json=change, headers=second.headers)
            assert refused.status_code == 409
        inactive_admin = await make_user(app, role="admin", active=False)
        assert (
            await client.delete(f"{USERS}/{inactive_admin.id}", headers=second.headers)
        ).status_code == 204


async def test_delete_removes_keys_and_sessions_keeps_usage(
    app: FastAPI, client: AsyncClient
) -> None:
    admin = await make_actor(app, "admin")
    victim = await make_actor(app, "developer")
    await make_usage(app, user_id=victim.user_id, count=2)
    async with database(app).session() as session:
        session.add(Chat(user_id=victim.user_id, title="goes with its owner"))
    answer = await client.delete(f"{USERS}/{victim.user_id}", headers=admin.headers)
    assert answer.status_code == 204
    async with database(app).session() as session:
        keys = await session.scalar(
            select(func.count()).select_from(ApiKey).where(ApiKey.user_id == victim.user_id)
        )
        tokens = await session.scalar(
            select(func.count())
            .select_from(RefreshToken)
            .where(RefreshToken.user_id == victim.user_id)
        )
        usage = await session.scalar(
            select(func.count())
            .select_from(UsageRecord)
            .where(UsageRecord.user_id == victim.user_id)
        )
        chats = await session.scalar(
            select(func.count()).select_from(Chat).where(Chat.user_id == victim.user_id)
        )
    assert (keys, tokens, chats, usage) == (0, 0, 0, 2)
    assert await _kinds(app, f"user:{victim.user_id}") == ["user_deleted"]
    refresh = await client.post("/api/auth/refresh", json={"refresh_token": victim.refresh_token})
    assert refresh.status_code == 401
    assert (await client.get(f"{USERS}/{victim.user_id}", headers=admin.headers)).status_code == 404


async def test_reset_password_ends_sessions(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    victim = await make_actor(app, "user")
    assert (await client.get("/api/auth/me", headers=victim.headers)).status_code == 200
    reset = await client.post(f"{USERS}/{victim.user_id}/reset-password", headers=admin.headers)
    assert reset.status_code == 200
    password = reset.json()["password"]
    assert (await client.get("/api/auth/me", headers=victim.headers)).status_code == 401
    refresh = await client.post("/api/auth/refresh", json={"refresh_token": victim.refresh_token})
    assert refresh.status_code == 401
    login = await client.post(
        "/api/auth/login", json={"username": victim.username, "password": password}
    )
    assert login.status_code == 200
    assert await _kinds(app, f"user:{victim.user_id}") == ["password_reset", "login"]


async def test_patch_is_as_strict_as_its_schema(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    user = await make_user(app)
    for body in (
        {"is_active": 0},
        {"is_active": "false"},
        {"limits": {"concurrent_streams": False}},
        {"limits": {"requests_per_minute": -1}},
        {"limits": {"requests_per_minute": "5"}},
    ):
        answer = await client.patch(f"{USERS}/{user.id}", json=body, headers=admin.headers)
        assert answer.status_code == 422, body
    whole = {"limits": {"tokens_per_day": 1000.0}}  # an integer to JSON Schema
    answer = await client.patch(f"{USERS}/{user.id}", json=whole, headers=admin.headers)
    assert answer.status_code == 200
    assert answer.json()["limits"] == {"tokens_per_day": 1000}
