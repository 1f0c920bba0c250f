"""Fleet mode: an invalidation in one process reaches the others through Redis pub/sub."""

from __future__ import annotations

import asyncio

import pytest

from ollama_gateway.core.permissions import Role, permissions_for
from ollama_gateway.core.principal import AuthMethod, Principal
from ollama_gateway.keys import broadcast
from ollama_gateway.keys.broadcast import publish_once, redis_invalidation
from ollama_gateway.keys.cache import PrincipalCache

pytestmark = pytest.mark.redis


def _principal(user_id: int, key_id: int) -> Principal:
    return Principal(
        user_id, "u", Role.USER, permissions_for(Role.USER), AuthMethod.API_KEY, key_id=key_id
    )


async def _until(condition: object, timeout: float = 3.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():  # type: ignore[operator]
        assert asyncio.get_running_loop().time() < deadline, "invalidation did not arrive"
        await asyncio.sleep(0.01)


async def test_invalidation_reaches_another_process(
    redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(broadcast, "CHANNEL", f"{broadcast.CHANNEL}:test:{id(monkeypatch)}")
    here, there = PrincipalCache(ttl_seconds=60), PrincipalCache(ttl_seconds=60)
    async with redis_invalidation(here, redis_url), redis_invalidation(there, redis_url):
        for cache in (here, there):
            cache.put_key("k1", _principal(1, 11), key_expires_at=None, generation=cache.generation)
            cache.put_key("k2", _principal(2, 22), key_expires_at=None, generation=cache.generation)
        here.invalidate_key(11)
        await _until(lambda: there.get_key("k1") is None)
        assert there.get_key("k2") is not None
        await publish_once(redis_url, "user", 2)  # what `ollama-gateway reset-password` sends
        await _until(lambda: here.get_key("k2") is None and there.get_key("k2") is None)
