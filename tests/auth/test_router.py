"""Account flows over HTTP on both backends: register, login (form and JSON), refresh rotation and
reuse detection, logout, password change, cookies with CSRF, login throttling."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select

from ollama_gateway.auth.models import AuditEvent
from tests.auth.factories import bearer, make_actor
from tests.conftest import MakeApp, http_client
from tests.users.factories import DEFAULT_PASSWORD, database, make_user, unique

NEW_PASSWORD = "Brand-New-Pass-456?"


async def _login(client: AsyncClient, username: str, password: str = DEFAULT_PASSWORD, **kw: Any):
    return await client.post(
        "/api/auth/login", json={"username": username, "password": password}, **kw
    )


async def test_register_then_login_with_json_and_with_form(client: AsyncClient) -> None:
    name = unique()
    created = await client.post(
        "/api/auth/register",
        json={"username": name, "email": f"{name}@example.com", "password": DEFAULT_PASSWORD},
    )
    assert created.status_code == 201, created.text
    assert created.json()["role"] == "user"
    assert "password" not in created.text
    assert "hash" not in created.text

    as_json = await _login(client, name)
    as_form = await client.post(
        "/api/auth/login", data={"username": name, "password": DEFAULT_PASSWORD}
    )
    by_email = await _login(client, f"{name.upper()}@EXAMPLE.COM")
    for answer in (as_json, as_form, by_email):
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["token_type"] == "bearer"
        assert body["expires_in"] == 30 * 60
        assert body["access_token"]
        assert body["refresh_token"]
    me = await client.get("/api/auth/me", headers=bearer(as_form.json()["access_token"]))
    assert me.json()["username"] == name


async def test_register_rejects_weak_password_with_the_list_of_problems(
    client: AsyncClient,
) -> None:
    name = unique()
    answer = await client.post(
        "/api/auth/register",
        json={"username": name, "email": f"{name}@example.com", "password": "short"},
    )
    assert answer.status_code == 422
    problems = answer.json()["error"]["details"]["password"]
    assert "an uppercase letter" in problems
    assert "a digit" in problems


async def test_register_duplicate_is_a_conflict(client: AsyncClient, app: FastAPI) -> None:
    user = await make_user(app)
    answer = await client.post(
        "/api/auth/register",
        json={
            "username": user.username.upper(),
            "email": "x" + user.email,
            "password": DEFAULT_PASSWORD,
        },
    )
    assert answer.status_code == 409
    assert answer.json()["error"]["type"] == "conflict"


async def test_registration_closed_answers_403(make_app: MakeApp) -> None:
    async with make_app(registration_open=False) as app, http_client(app) as client:
        name = unique()
        answer = await client.post(
            "/api/auth/register",
            json={"username": name, "email": f"{name}@example.com", "password": DEFAULT_PASSWORD},
        )
        assert answer.status_code == 403


async def test_new_users_get_the_configured_default_role(make_app: MakeApp) -> None:
    async with make_app(default_role="read-only") as app, http_client(app) as client:
        name = unique()
        answer = await client.post(
            "/api/auth/register",
            json={"username": name, "email": f"{name}@example.com", "password": DEFAULT_PASSWORD},
        )
        assert answer.json()["role"] == "read-only"


async def test_failed_login_is_401_and_recorded(client: AsyncClient, app: FastAPI) -> None:
    user = await make_user(app)
    answer = await _login(client, user.username, "Wrong-Pass-123!")
    assert answer.status_code == 401
    assert answer.json()["error"]["message"] == "invalid username or password"
    unknown = await _login(client, unique(), "Wrong-Pass-123!")
    assert unknown.json()["error"]["message"] == "invalid username or password"
    async with database(app).session() as session:
        failures = await session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.kind == "login_failed", AuditEvent.actor_user_id == user.id)
        )
    assert failures == 1


async def test_refresh_rotates_and_reuse_revokes_the_family(
    client: AsyncClient, app: FastAPI
) -> None:
    user = await make_user(app)
    first = (await _login(client, user.username)).json()
    second = await client.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    rotated = second.json()
    assert rotated["refresh_token"] != first["refresh_token"]

    assert (await client.get("/api/auth/me", headers=bearer(rotated["access_token"]))).is_success
    reused = await client.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reused.status_code == 401
    assert "reuse" in reused.json()["error"]["message"]
    # the whole family is gone, including the legitimately rotated token and its access tokens
    after = await client.post("/api/auth/refresh", json={"refresh_token": rotated["refresh_token"]})
    assert after.status_code == 401
    for access in (first["access_token"], rotated["access_token"]):
        refused = await client.get("/api/auth/me", headers=bearer(access))
        assert refused.status_code == 401
    # another login (another family) is unaffected
    other = (await _login(client, user.username)).json()
    again = await client.post("/api/auth/refresh", json={"refresh_token": other["refresh_token"]})
    assert again.status_code == 200


async def test_logout_revokes_the_session_refresh_and_access_tokens(
    client: AsyncClient, app: FastAPI
) -> None:
    user = await make_user(app)
    pair = (await _login(client, user.username)).json()
    other = (await _login(client, user.username)).json()
    me = await client.get("/api/auth/me", headers=bearer(pair["access_token"]))
    assert me.status_code == 200  # the user's state is now cached: no SQL on the next request
    out = await client.post(
        "/api/auth/logout",
        json={"refresh_token": pair["refresh_token"]},
        headers=bearer(pair["access_token"]),
    )
    assert out.status_code == 204
    answer = await client.post("/api/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert answer.status_code == 401
    # the logged-out session's access token stops at once, not when it expires
    after = await client.get("/api/auth/me", headers=bearer(pair["access_token"]))
    assert after.status_code == 401
    assert after.json()["error"]["message"] == "session has been revoked; log in again"
    # the user's other session is untouched
    assert (await client.get("/api/auth/me", headers=bearer(other["access_token"]))).is_success


async def test_password_change_revokes_other_sessions_and_keeps_this_one(
    client: AsyncClient, app: FastAPI
) -> None:
    user = await make_user(app)
    other = (await _login(client, user.username)).json()
    mine = (await _login(client, user.username)).json()
    changed = await client.post(
        "/api/auth/me/password",
        json={"current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD},
        headers=bearer(mine["access_token"]),
    )
    assert changed.status_code == 200, changed.text
    fresh = changed.json()
    assert (
        await client.get("/api/auth/me", headers=bearer(fresh["access_token"]))
    ).status_code == 200
    for old in (other, mine):
        assert (
            await client.get("/api/auth/me", headers=bearer(old["access_token"]))
        ).status_code == 401
        refreshed = await client.post(
            "/api/auth/refresh", json={"refresh_token": old["refresh_token"]}
        )
        assert refreshed.status_code == 401
    ok = await client.post("/api/auth/refresh", json={"refresh_token": fresh["refresh_token"]})
    assert ok.status_code == 200
    assert (await _login(client, user.username)).status_code == 401
    assert (await _login(client, user.username, NEW_PASSWORD)).status_code == 200


async def test_password_change_needs_the_current_password(
    client: AsyncClient, app: FastAPI
) -> None:
    actor = await make_actor(app, "user")
    answer = await client.post(
        "/api/auth/me/password",
        json={"current_password": "Not-It-123!", "new_password": NEW_PASSWORD},
        headers=actor.headers,
    )
    assert answer.status_code == 422
    with_key = await client.post(
        "/api/auth/me/password",
        json={"current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD},
        headers=bearer(actor.key),
    )
    assert with_key.status_code == 403


async def test_cookie_session_requires_csrf_on_unsafe_methods(
    client: AsyncClient, app: FastAPI
) -> None:
    user = await make_user(app)
    login = await client.post(
        "/api/auth/login?cookie=true",
        json={"username": user.username, "password": DEFAULT_PASSWORD},
    )
    assert login.status_code == 200
    csrf = login.json()["csrf_token"]
    assert client.cookies.get("og_csrf") == csrf
    set_cookie = " ".join(login.headers.get_list("set-cookie")).lower()
    assert "og_session=" in set_cookie
    assert "httponly" in set_cookie
    assert (await client.get("/api/auth/me")).status_code == 200
    body = {"default_model": "llama3", "theme": "dark"}
    assert (await client.put("/api/auth/me/settings", json=body)).status_code == 403
    wrong = await client.put("/api/auth/me/settings", json=body, headers={"X-CSRF-Token": "0" * 64})
    assert wrong.status_code == 403
    right = await client.put("/api/auth/me/settings", json=body, headers={"X-CSRF-Token": csrf})
    assert right.status_code == 200
    # refresh by cookie also needs the CSRF header, and rotates the cookies
    assert (await client.post("/api/auth/refresh")).status_code == 403
    rotated = await client.post("/api/auth/refresh", headers={"X-CSRF-Token": csrf})
    assert rotated.status_code == 200
    session_cookie = client.cookies.get("og_session")
    out = await client.post("/api/auth/logout", headers={"X-CSRF-Token": csrf})
    assert out.status_code == 204
    client.cookies.clear()
    replayed = await client.get("/api/auth/me", headers={"Cookie": f"og_session={session_cookie}"})
    assert replayed.status_code == 401  # a copy of the cookie is dead too


@pytest.mark.parametrize("per", ["username", "ip"])
async def test_login_throttling_answers_429_with_retry_after(make_app: MakeApp, per: str) -> None:
    async with make_app(rate_limit_auth_per_minute=3) as app, http_client(app) as client:
        user = await make_user(app)
        for _ in range(3):
            name = user.username if per == "username" else unique()
            assert (await _login(client, name, "Wrong-Pass-1!")).status_code == 401
        name = user.username if per == "username" else unique()
        blocked = await _login(client, name)
        assert blocked.status_code == 429
        assert int(blocked.headers["Retry-After"]) >= 1
        error = blocked.json()["error"]
        assert error["type"] == "rate_limit_error"
        assert error["details"]["retry_after"] == int(blocked.headers["Retry-After"])
        assert error["error_id"] == blocked.headers["X-Request-ID"]
