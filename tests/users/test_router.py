"""``/api/auth/me`` and ``/api/auth/me/settings``: profile changes, settings, audit trail."""

from __future__ import annotations

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select

from ollama_gateway.auth import audit
from ollama_gateway.auth.models import AuditEvent
from tests.auth.factories import bearer, make_actor
from tests.users.factories import database, make_user, unique


async def _audit_kinds(app: FastAPI, user_id: int) -> list[str]:
    async with database(app).session() as session:
        events = await audit.list_events(session, actor_user_id=user_id)
    return [event.kind for event in events]


async def test_profile_read_and_update(app: FastAPI, client: AsyncClient) -> None:
    actor = await make_actor(app, "user")
    me = (await client.get("/api/auth/me", headers=actor.headers)).json()
    assert me["username"] == actor.username
    assert me["role"] == "user"
    assert "password_hash" not in me
    new_name = unique("renamed")
    changed = await client.patch(
        "/api/auth/me",
        json={"username": new_name, "email": f"{new_name}@Example.com"},
        headers=actor.headers,
    )
    assert changed.status_code == 200
    assert changed.json()["username"] == new_name
    assert changed.json()["email"] == f"{new_name}@example.com"
    assert "profile_change" in await _audit_kinds(app, actor.user_id)


async def test_email_taken_is_a_conflict(app: FastAPI, client: AsyncClient) -> None:
    other = await make_user(app)
    actor = await make_actor(app, "user")
    answer = await client.patch(
        "/api/auth/me", json={"email": other.email.upper()}, headers=actor.headers
    )
    assert answer.status_code == 409
    assert answer.json()["error"]["details"] == {"field": "email"}


async def test_an_api_key_may_read_but_not_change_the_profile(
    app: FastAPI, client: AsyncClient
) -> None:
    actor = await make_actor(app, "developer")
    assert (await client.get("/api/auth/me", headers=bearer(actor.key))).status_code == 200
    answer = await client.patch(
        "/api/auth/me", json={"email": "x@example.com"}, headers=bearer(actor.key)
    )
    assert answer.status_code == 403


async def test_settings_default_then_replace(app: FastAPI, client: AsyncClient) -> None:
    actor = await make_actor(app, "read-only")
    empty = (await client.get("/api/auth/me/settings", headers=actor.headers)).json()
    assert empty == {
        "default_model": None,
        "system_prompt": None,
        "theme": None,
        "extra": None,
        "ollama_host": None,
    }
    body = {
        "default_model": "llama3:8b",
        "system_prompt": "Be brief.",
        "theme": "dark",
        "extra": {"font_size": 14},
    }
    put = await client.put("/api/auth/me/settings", json=body, headers=actor.headers)
    assert put.status_code == 200
    assert put.json() == {**body, "ollama_host": None}
    stored = (await client.get("/api/auth/me/settings", headers=actor.headers)).json()
    assert stored == {**body, "ollama_host": None}
    replaced = await client.put(
        "/api/auth/me/settings", json={"theme": "light"}, headers=actor.headers
    )
    assert replaced.json() == {**dict.fromkeys(body), "ollama_host": None, "theme": "light"}
    assert "settings_change" in await _audit_kinds(app, actor.user_id)


async def test_login_and_key_events_are_audited(app: FastAPI, client: AsyncClient) -> None:
    actor = await make_actor(app, "developer")
    await client.post(
        "/api/auth/login", json={"username": actor.username, "password": actor.password}
    )
    created = (
        await client.post("/api/auth/api-keys", json={"name": "a"}, headers=actor.headers)
    ).json()
    await client.patch(
        f"/api/auth/api-keys/{created['id']}", json={"name": "b"}, headers=actor.headers
    )
    await client.delete(f"/api/auth/api-keys/{created['id']}", headers=actor.headers)
    kinds = await _audit_kinds(app, actor.user_id)
    for kind in ("login", "key_created", "key_updated", "key_revoked"):
        assert kind in kinds
    async with database(app).session() as session:
        row = (
            await session.execute(
                select(AuditEvent).where(
                    AuditEvent.kind == "key_created", AuditEvent.actor_user_id == actor.user_id
                )
            )
        ).scalar_one()
    assert created["key"] not in str(row.details)
    assert row.target == f"api_key:{created['id']}"


def _nested(depth: int) -> dict[str, object]:
    """A JSON object ``depth`` levels deep (itself the first level)."""
    value: dict[str, object] = {"leaf": 1}
    for _ in range(depth - 1):
        value = {"k": value}
    return value


async def test_settings_extra_is_bounded(app: FastAPI, client: AsyncClient) -> None:
    """Deep, large or non-finite ``extra`` is a 422 with nothing stored (a 300-deep object was a
    500 when stored; PostgreSQL's JSON refuses NaN), on both backends (issue 8, finding 11)."""
    actor = await make_actor(app, "user")
    url = "/api/auth/me/settings"
    kept = await client.put(url, json={"extra": _nested(10)}, headers=actor.headers)
    assert kept.status_code == 200
    refused = [
        {"extra": _nested(11)},
        {"extra": _nested(300)},
        {"extra": {"big": "x" * 17_000}},
        {"extra": {"list": [[[[[[[[[[[1]]]]]]]]]]]}},
    ]
    for body in refused:
        answer = await client.put(url, json=body, headers=actor.headers)
        assert answer.status_code == 422, str(body)[:80]
        assert answer.json()["error"]["type"] == "validation_error"
    for raw in (b'{"extra": {"n": NaN}}', b'{"extra": {"n": [-Infinity]}}'):
        headers = {**actor.headers, "Content-Type": "application/json"}
        answer = await client.put(url, content=raw, headers=headers)
        assert answer.status_code == 422, raw
    stored = (await client.get(url, headers=actor.headers)).json()
    assert stored["extra"] == _nested(10)
