"""``GET|PATCH /api/admin/settings``: effective values, overrides that change behaviour at once
(registration, default role, role limits), resets, audit, validation; SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select

from ollama_gateway.auth.models import AuditEvent
from tests.auth.factories import make_actor
from tests.conftest import MakeApp, http_client
from tests.users.factories import database, unique

SETTINGS = "/api/admin/settings"


@pytest.fixture
async def private(
    make_app: MakeApp, backend: str, fresh_database_url: Callable[[str], str]
) -> AsyncIterator[FastAPI]:
    """An app on a fresh database of the backend (settings changes stay there)."""
    async with make_app(database_url=fresh_database_url(backend)) as app:
        yield app


def _register(name: str) -> dict[str, str]:
    return {"username": name, "email": f"{name}@example.com", "password": "Str0ng-Pass!"}


async def test_defaults_come_from_the_environment(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    body = (await client.get(SETTINGS, headers=admin.headers)).json()
    assert body["registration_open"] is True
    assert body["default_role"] == "user"
    assert body["role_limits"]["user"]["requests_per_minute"] == 60
    assert body["role_limits"]["admin"]["requests_per_minute"] is None
    assert body["log_content"] is False
    assert body["usage_retention_days"] == 90
    assert body["user_hosts_enabled"] is False
    assert body["user_hosts_allowlist"] == []
    assert body["overridden"] == []


async def test_non_admins_are_refused(app: FastAPI, client: AsyncClient) -> None:
    for role in ("developer", "user", "read-only"):
        actor = await make_actor(app, role)
        assert (await client.get(SETTINGS, headers=actor.headers)).status_code == 403
        answer = await client.patch(
            SETTINGS, headers=actor.headers, json={"registration_open": False}
        )
        assert answer.status_code == 403
    assert (await client.get(SETTINGS)).status_code == 401


async def test_overrides_apply_at_once_and_reset(private: FastAPI) -> None:
    admin = await make_actor(private, "admin")
    async with http_client(private) as http:
        changed = await http.patch(
            SETTINGS,
            headers=admin.headers,
            json={"registration_open": False, "log_content": True, "usage_retention_days": 7},
        )
        assert changed.status_code == 200, changed.text
        body = changed.json()
        assert body["registration_open"] is False
        assert body["log_content"] is True
        assert sorted(body["overridden"]) == [
            "log_content",
            "registration_open",
            "usage_retention_days",
        ]
        refused = await http.post("/api/auth/register", json=_register(unique("r")))
        assert refused.status_code == 403
        assert private.state.settings.log_content is True  # SettingsDep sees it too

        body = (
            await http.patch(
                SETTINGS,
                headers=admin.headers,
                json={"default_role": "developer", "reset": ["registration_open"]},
            )
        ).json()
        assert body["registration_open"] is True
        assert "registration_open" not in body["overridden"]
        made = await http.post("/api/auth/register", json=_register(unique("r")))
        assert made.status_code == 201, made.text
        assert made.json()["role"] == "developer"

    async with database(private).session() as session:
        events = (
            await session.scalars(
                select(AuditEvent).where(AuditEvent.kind == "system_settings_change")
            )
        ).all()
    assert len(events) == 2
    assert events[0].actor_user_id == admin.user_id
    assert events[0].details is not None
    assert events[0].details["set"]["registration_open"] is False
    assert events[0].details["before"]["registration_open"] is True
    assert events[1].details is not None
    assert events[1].details["reset"] == ["registration_open"]


async def test_role_limits_reach_cached_users(private: FastAPI) -> None:
    admin = await make_actor(private, "admin")
    user = await make_actor(private, "user")
    async with http_client(private) as http:
        before = (await http.get("/api/usage/limits", headers=user.headers)).json()
        patch = {"role_limits": {"user": {"requests_per_minute": 5, "tokens_per_day": 1000}}}
        body = (await http.patch(SETTINGS, headers=admin.headers, json=patch)).json()
        assert body["role_limits"]["user"]["requests_per_minute"] == 5
        assert body["role_limits"]["developer"]["requests_per_minute"] == 60
        after = (await http.get("/api/usage/limits", headers=user.headers)).json()
    assert before["user_limits"]["requests_per_minute"] == 60
    assert after["user_limits"]["requests_per_minute"] == 5
    assert after["user_limits"]["tokens_per_day"] == 1000


@pytest.mark.parametrize(
    "patch",
    [
        {"user_hosts_allowlist": ["127.0.0.0/8"]},
        {"user_hosts_allowlist": ["169.254.169.254/32"]},
        {"user_hosts_allowlist": ["not-a-network"]},
        {"default_role": "admin"},
        {"usage_retention_days": 0},
        {"role_limits": {"user": {"requests_per_minute": -1}}},
        {"role_limits": {"admin": {"requests_per_minute": 0}}},
        {"user_hosts_allowlist": ["10.0.0.0/33"]},
        {"unknown": 1},
        {"reset": ["secret_key"]},
        {"user_hosts_enabled": 1},
        {"registration_open": "true"},
        {"log_content": 0},
        {"usage_retention_days": 30.5},
        {"usage_retention_days": "30"},
    ],
)
async def test_invalid_changes_are_refused(
    app: FastAPI, client: AsyncClient, patch: dict[str, object]
) -> None:
    admin = await make_actor(app, "admin")
    answer = await client.patch(SETTINGS, headers=admin.headers, json=patch)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["type"] == "validation_error"
