"""Fleet mode: an invalidation in one process reaches the others through Redis pub/sub."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest

from ollama_gateway.core.permissions import Role, permissions_for
from ollama_gateway.core.principal import AuthMethod, Principal
from ollama_gateway.core.security import sha256_hex
from ollama_gateway.keys.broadcast import channel_for, publish_once, redis_invalidation
from ollama_gateway.keys.cache import PrincipalCache
from tests.auth.factories import bearer, make_actor
from tests.conftest import MakeApp, http_client

pytestmark = pytest.mark.redis
WHOAMI = "/api/auth/whoami"


def _principal(user_id: int, key_id: int) -> Principal:
    return Principal(
        user_id, "u", Role.USER, permissions_for(Role.USER), AuthMethod.API_KEY, key_id=key_id
    )


async def _until(condition: object, timeout: float = 3.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():  # type: ignore[operator]
        assert asyncio.get_running_loop().time() < deadline, "invalidation did not arrive"
        await asyncio.sleep(0.01)


async def test_invalidation_reaches_another_process(redis_url: str) -> None:
    channel = channel_for(f"test-{uuid.uuid4().hex}")
    here, there = PrincipalCache(ttl_seconds=60), PrincipalCache(ttl_seconds=60)
    async with (
        redis_invalidation(here, redis_url, channel=channel),
        redis_invalidation(there, redis_url, channel=channel),
    ):
        for cache in (here, there):
            cache.put_key("k1", _principal(1, 11), key_expires_at=None, generation=cache.generation)
            cache.put_key("k2", _principal(2, 22), key_expires_at=None, generation=cache.generation)
        here.invalidate_key(11)
        await _until(lambda: there.get_key("k1") is None)
        assert there.get_key("k2") is not None
        await publish_once(
            redis_url, "user", 2, channel=channel
        )  # what `ollama-gateway reset-password` sends
        await _until(lambda: here.get_key("k2") is None and there.get_key("k2") is None)


async def test_a_fleet_of_apps_shares_revocations(
    redis_url: str, make_app: MakeApp, tmp_path: Path
) -> None:
    """Two gateway processes on one database and one Redis: a key revoked through one stops
    working on the other, whose cache still held it."""
    shared = {
        "database_url": f"sqlite+aiosqlite:///{tmp_path / 'fleet.db'}",
        "redis_url": redis_url,
        "redis_key_prefix": f"test-{uuid.uuid4().hex}",
    }
    async with (
        make_app(**shared) as one,
        make_app(**shared) as two,
        http_client(one) as client_one,
        http_client(two) as client_two,
    ):
        actor = await make_actor(one, "developer")
        assert (await client_two.get(WHOAMI, headers=bearer(actor.key))).status_code == 200
        revoked = await client_one.delete(
            f"/api/auth/api-keys/{actor.key_id}", headers=actor.headers
        )
        assert revoked.status_code == 204
        await _until(lambda: two.state.principal_cache.get_key(sha256_hex(actor.key)) is None)
        answer = await client_two.get(WHOAMI, headers=bearer(actor.key))
        assert answer.status_code == 401
