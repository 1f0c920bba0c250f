"""Two real gateway processes sharing one Redis: one limit, enforced exactly, and surviving an
outage of Redis without ever failing open."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.fakes.ollama import FakeOllama, FakeOllamaThread
from tests.processes import GatewayProcess, admin_key, start_pair

from .conftest import PrivateRedis

pytestmark = pytest.mark.redis

MODEL = "llama3.2"
CHAT = {"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "stream": False}


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOllamaThread]:
    """On its own thread: the test's loop blocks in places (sync HTTP calls, process waits)."""
    server = FakeOllama(chunks=3, record_requests=False).start_in_thread()
    yield server
    server.stop()


def _whole_minute(needed: float = 10.0) -> None:
    """Per-minute windows are clock-aligned: start a burst well inside one minute."""
    into = time.time() % 60
    if into > 60 - needed:
        time.sleep(60.2 - into)


async def _burst(gateways: list[GatewayProcess], key: str, n: int) -> list[int]:
    """``n`` concurrent chats spread over the gateways; their status codes."""
    headers = {"Authorization": f"Bearer {key}"}
    limits = httpx.Limits(max_connections=200)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:

        async def one(i: int) -> int:
            url = gateways[i % len(gateways)].url + "/api/chat"
            return (await client.post(url, json=CHAT, headers=headers)).status_code

        return list(await asyncio.gather(*(one(i) for i in range(n))))


@pytest.fixture(scope="module")
def shared_pair(
    tmp_path_factory: pytest.TempPathFactory, redis_url: str, fake: FakeOllamaThread
) -> Iterator[list[GatewayProcess]]:
    gateways = start_pair(
        tmp_path_factory.mktemp("pair"),
        ollama_api_base_url=fake.url,
        redis_url=redis_url,
        redis_key_prefix=f"test-{uuid.uuid4().hex[:12]}",
        # A loaded test machine must not mistake its own slowness for a Redis outage.
        rate_limit_redis_timeout=10,
    )
    yield gateways
    for gateway in gateways:
        gateway.stop()


async def test_two_processes_admit_exactly_n_per_minute(
    shared_pair: list[GatewayProcess],
) -> None:
    key = admin_key(shared_pair[0], {"requests_per_minute": 25})
    _whole_minute()
    statuses = await _burst(shared_pair, key, 90)
    assert statuses.count(200) == 25
    assert statuses.count(429) == 65
    assert all(
        gw.metric("ollama_gateway_limiter_backend", 'backend="redis"') == 1 for gw in shared_pair
    )


async def test_two_processes_share_one_token_quota(shared_pair: list[GatewayProcess]) -> None:
    probe = admin_key(shared_pair[0], {}, name="probe")
    async with httpx.AsyncClient(timeout=30) as client:
        answer = await client.post(
            shared_pair[0].url + "/api/chat",
            json=CHAT,
            headers={"Authorization": f"Bearer {probe}"},
        )
        cost = answer.json()["prompt_eval_count"] + answer.json()["eval_count"]
        # Quota for exactly 4 requests: the 4th uses it up, the 5th is refused, on either side.
        key = admin_key(shared_pair[0], {"tokens_per_day": 4 * cost}, name="quota")
        headers = {"Authorization": f"Bearer {key}"}
        statuses = []
        for i in range(8):
            url = shared_pair[i % 2].url + "/api/chat"
            statuses.append((await client.post(url, json=CHAT, headers=headers)).status_code)
        assert statuses == [200] * 4 + [429] * 4
        refused = await client.post(shared_pair[1].url + "/api/chat", json=CHAT, headers=headers)
        assert refused.json()["error"] == (
            f"token quota exhausted: {4 * cost} tokens per day for this API key"
        )
        # Concurrent settlements from both processes lose no tokens.
        bulk = admin_key(shared_pair[0], {"tokens_per_day": 10_000 * cost}, name="bulk")
        assert (await _burst(shared_pair, bulk, 40)).count(200) == 40
        state = await client.get(
            shared_pair[1].url + "/api/usage/limits", headers={"Authorization": f"Bearer {bulk}"}
        )
    used = {(b["scope"], b["kind"]): b["used"] for b in state.json()["buckets"]}
    assert used[("key", "tokens_per_day")] == 40 * cost


async def _wait_for(condition: object, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.1)


async def test_redis_outage_falls_back_then_limits_are_shared_again(
    tmp_path: Path, private_redis: PrivateRedis, fake: FakeOllamaThread
) -> None:
    gateways = start_pair(
        tmp_path,
        ollama_api_base_url=fake.url,
        redis_url=private_redis.url,
        rate_limit_redis_retry_seconds=0.2,
        rate_limit_redis_timeout=5,  # an outage here is a refused connection: immediate
    )
    try:
        key = admin_key(gateways[0], {"requests_per_minute": 10})
        _whole_minute(12)
        assert (await _burst(gateways, key, 4)).count(200) == 4  # 2 in each, shared: 4 of 10

        private_redis.stop()
        # Each process now limits on its own, starting from what it counted itself (2):
        # 8 more in each at most, never unlimited.
        statuses = await _burst(gateways[:1], key, 20)
        assert statuses.count(200) == 8
        assert statuses.count(429) == 12
        first = gateways[0]
        assert "falling back to in-process rate limits" in first.output()
        assert first.output().count("falling back to in-process rate limits") == 1
        assert first.metric("ollama_gateway_limiter_backend", 'backend="memory"') == 1
        assert first.metric("ollama_gateway_limiter_fallbacks_total") == 1

        private_redis.start()  # an empty Redis: the counts come back from the processes
        await _wait_for(
            lambda: first.metric("ollama_gateway_limiter_backend", 'backend="redis"') == 1
        )
        assert "shared rate limits restored" in first.output()
        # Shared again: a fresh limit is enforced exactly across both processes.
        fresh = admin_key(gateways[1], {"requests_per_minute": 12}, name="after")
        statuses = await _burst(gateways, fresh, 40)
        assert statuses.count(200) == 12
    finally:
        for gateway in gateways:
            gateway.stop()
