"""``DELETE /api/admin/cache``: admins with admin:system only, audited."""

from __future__ import annotations

from fastapi import FastAPI
from httpx import AsyncClient

from tests.auth.factories import make_actor


async def test_admin_flushes_the_cache(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    cache = app.state.cache
    await cache.store.put("k", b"x")
    response = await client.delete("/api/admin/cache", headers=admin.headers)
    assert response.status_code == 200
    assert response.json() == {"flushed": 1, "backend": "memory"}
    assert await cache.store.get("k") is None
    trail = await client.get(
        "/api/admin/audit",
        params={"kind": "cache_flush", "actor_user_id": admin.user_id},
        headers=admin.headers,
    )
    [event] = trail.json()["items"]
    assert event["details"] == {"flushed": 1, "backend": "memory"}


async def test_others_may_not_flush(app: FastAPI, client: AsyncClient) -> None:
    for role in ("developer", "user", "read-only"):
        actor = await make_actor(app, role)
        response = await client.delete("/api/admin/cache", headers=actor.headers)
        assert response.status_code == 403, role
