"""The first admin: created at first start with a generated password printed once (never logged,
never a default), idempotent and race-safe; ``create_admin`` and ``reset_password`` of the CLI."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from httpx import AsyncClient

from ollama_gateway.auth import bootstrap
from ollama_gateway.core.config import Settings
from ollama_gateway.core.db import Database
from ollama_gateway.core.errors import ValidationFailed
from ollama_gateway.users import service as users_service
from tests.auth.factories import bearer
from tests.conftest import MakeApp, MakeSettings, http_client

PRINTED = re.compile(r"Generated password \(shown once, change it after login\): (\S+)")


async def _login(client: AsyncClient, username: str, password: str) -> int:
    answer = await client.post("/api/auth/login", data={"username": username, "password": password})
    return answer.status_code


async def test_first_start_generates_prints_once_and_the_password_works(
    backend: str,
    fresh_database_url: Callable[[str], str],
    make_app: MakeApp,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    url = fresh_database_url(backend)
    async with make_app(database_url=url, admin_password=None) as app, http_client(app) as client:
        printed = PRINTED.findall(capsys.readouterr().out)
        assert len(printed) == 1
        password = printed[0]
        assert password not in caplog.text
        assert await _login(client, "admin", password) == 200
        assert await _login(client, "admin", "admin123") == 401
    async with make_app(database_url=url, admin_password=None):
        assert PRINTED.findall(capsys.readouterr().out) == []


async def test_admin_password_from_settings_is_used_and_not_printed(
    make_app: MakeApp, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = "Chosen-Admin-Pass-1!"
    async with make_app(admin_password=chosen, admin_username="root") as app:
        assert "root" not in capsys.readouterr().out
        async with http_client(app) as client:
            assert await _login(client, "root", chosen) == 200


def test_no_default_admin_password() -> None:
    assert Settings.model_fields["admin_password"].default is None
    source = Path(bootstrap.__file__).parent.parent
    offenders = [
        str(path)
        for path in source.rglob("*.py")
        if re.search(r"admin123|AdminPassword123|changeme", path.read_text(), re.IGNORECASE)
    ]
    assert offenders == []


async def test_concurrent_starts_create_exactly_one_admin(
    backend: str, fresh_database_url: Callable[[str], str], make_settings: MakeSettings
) -> None:
    settings = make_settings(database_url=fresh_database_url(backend), admin_password=None)
    databases = [Database(settings.database_url) for _ in range(3)]
    try:
        await databases[0].migrate()
        results = await asyncio.gather(*(bootstrap.ensure_admin(db, settings) for db in databases))
        assert len([r for r in results if r]) == 1
        async with databases[0].session() as session:
            assert await users_service.count_active_admins(session) == 1
        assert await bootstrap.ensure_admin(databases[0], settings) is None
    finally:
        for db in databases:
            await db.dispose()


async def test_create_admin_and_reset_password(make_app: MakeApp) -> None:
    async with make_app() as app, http_client(app) as client:
        db, settings = app.state.db, app.state.settings
        generated = await bootstrap.create_admin(
            db, settings, username="second", email="second@example.com", password=None
        )
        assert generated
        assert await _login(client, "second", generated) == 200
        with pytest.raises(ValidationFailed):
            await bootstrap.create_admin(
                db, settings, username="weak", email="weak@example.com", password="weak"
            )

        session = (
            await client.post("/api/auth/login", data={"username": "second", "password": generated})
        ).json()
        # nothing cached for this user yet: the next request reloads the bumped token version
        new = await bootstrap.reset_password(db, settings, username="second", password=None)
        assert new
        assert new != generated
        assert await _login(client, "second", generated) == 401
        assert await _login(client, "second", new) == 200
        refreshed = await client.post(
            "/api/auth/refresh", json={"refresh_token": session["refresh_token"]}
        )
        assert refreshed.status_code == 401
        stale = await client.get("/api/auth/whoami", headers=bearer(session["access_token"]))
        assert stale.status_code == 401
