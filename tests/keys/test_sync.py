"""The database poll (``keys.sync``): an account changed by another process, with no Redis to
carry the news, reaches this server's warm cache within ``PRINCIPAL_SYNC_SECONDS``."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from fastapi import FastAPI

from ollama_gateway.auth import bootstrap
from ollama_gateway.core.db import Database
from ollama_gateway.keys.cache import PrincipalCache
from ollama_gateway.users import service as users_service
from tests.auth.factories import bearer, make_actor
from tests.conftest import MakeApp, http_client

WHOAMI = "/api/auth/whoami"


async def _reset_password_elsewhere(app: FastAPI, username: str, user_id: int) -> None:
    """What ``ollama-gateway reset-password`` does: its own engine, no Redis."""
    other = Database(app.state.settings.database_url)
    try:
        await bootstrap.reset_password(
            other, app.state.settings, username=username, password="Another-Pass-123!"
        )
    finally:
        await other.engine.dispose()


async def _deactivate_elsewhere(app: FastAPI, username: str, user_id: int) -> None:
    other = Database(app.state.settings.database_url)
    try:
        async with other.sessionmaker() as session:
            await users_service.update_account(
                session, user_id=user_id, cache=PrincipalCache(ttl_seconds=0), is_active=False
            )
    finally:
        await other.engine.dispose()


Change = Callable[[FastAPI, str, int], Awaitable[None]]


@pytest.mark.parametrize(
    ("change", "credential"),
    [(_reset_password_elsewhere, "access_token"), (_deactivate_elsewhere, "key")],
    ids=["password-reset-ends-sessions", "deactivation-ends-keys"],
)
@pytest.mark.parametrize("sync", [0.1, 0.0], ids=["poll", "no-poll"])
async def test_a_change_made_elsewhere_reaches_the_warm_cache(
    make_app: MakeApp, database_url: str, change: Change, credential: str, sync: float
) -> None:
    settings = {"database_url": database_url, "principal_sync_seconds": sync}
    async with make_app(**settings) as app, http_client(app) as client:
        actor = await make_actor(app, "developer")
        headers = bearer(getattr(actor, credential))
        assert (await client.get(WHOAMI, headers=headers)).status_code == 200  # cached now
        await change(app, actor.username, actor.user_id)
        status = 200
        for _ in range(20):  # 1 s
            status = (await client.get(WHOAMI, headers=headers)).status_code
            if status == 401:
                break
            await asyncio.sleep(0.05)
        # with the poll the change applies within about one interval; without it (the control)
        # the cache serves the old state until its TTL (300 s)
        assert status == (401 if sync else 200)
