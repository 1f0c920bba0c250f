"""``last_used_at`` is written in batches by the keys lifespan: periodically and at shutdown."""

from __future__ import annotations

import asyncio
from pathlib import Path

from ollama_gateway.core.db import Database
from ollama_gateway.keys.models import ApiKey
from tests.auth.factories import bearer
from tests.conftest import MakeApp, http_client
from tests.keys.factories import make_key
from tests.users.factories import make_user


async def _last_used(url: str, key_id: int) -> object:
    db = Database(url)
    try:
        async with db.session() as session:
            key = await session.get(ApiKey, key_id)
            assert key is not None
            return key.last_used_at
    finally:
        await db.dispose()


async def test_periodic_flush(make_app: MakeApp) -> None:
    async with make_app(api_key_last_used_flush_seconds=0.05) as app, http_client(app) as client:
        user = await make_user(app)
        key, key_id = await make_key(app, user.id)
        assert (await client.get("/api/auth/whoami", headers=bearer(key))).status_code == 200
        for _ in range(100):
            if await _last_used(app.state.settings.database_url, key_id) is not None:
                break
            await asyncio.sleep(0.02)
        assert await _last_used(app.state.settings.database_url, key_id) is not None


async def test_flush_at_shutdown(make_app: MakeApp, tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}"
    async with make_app(database_url=url) as app, http_client(app) as client:
        user = await make_user(app)
        key, key_id = await make_key(app, user.id)
        assert (await client.get("/api/auth/whoami", headers={"X-API-Key": key})).status_code == 200
        assert await _last_used(url, key_id) is None
    assert await _last_used(url, key_id) is not None
