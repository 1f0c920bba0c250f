"""Health checks shared by a fleet: one probe per node per interval, whatever the process count.

Two gateways on one Redis check the same fake Ollama every 0.3 s: together they probe it about
as often as one would alone, and both see it healthy with its models.  Without Redis, or with a
Redis that does not answer, each process probes for itself (never less than needed).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from ollama_gateway.gateway.health import Outcome, SharedChecks
from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import MakeGateway

INTERVAL = 0.3


@pytest.fixture
async def fake() -> AsyncIterator[FakeOllama]:
    async with FakeOllama() as server:
        yield server


def _probes(fake: FakeOllama) -> int:
    return len(fake.requests_to("/api/version"))


@pytest.mark.redis
async def test_two_processes_share_one_probe_per_interval(
    make_gateway: MakeGateway, fake: FakeOllama, redis_url: str
) -> None:
    prefix = f"health-test-{id(fake)}"
    settings = {
        "ollama_api_base_url": [fake.url],
        "redis_url": redis_url,
        "redis_key_prefix": prefix,
        "upstream_health_interval": INTERVAL,
    }
    async with make_gateway(**settings) as first, make_gateway(**settings) as second:
        await asyncio.sleep(0.5)  # both started and checked once
        before = _probes(fake)
        await asyncio.sleep(INTERVAL * 10)
        probed = _probes(fake) - before
        for app in (first, second):
            (node,) = app.state.upstreams.nodes
            assert node.healthy is True
            assert node.models
    # alone, each process would probe ~10 times: 20 in all; shared, about 10
    assert 7 <= probed <= 13, probed


async def test_without_redis_each_process_probes(
    make_gateway: MakeGateway, fake: FakeOllama
) -> None:
    settings = {"ollama_api_base_url": [fake.url], "upstream_health_interval": INTERVAL}
    async with make_gateway(**settings), make_gateway(**settings):
        await asyncio.sleep(0.5)
        before = _probes(fake)
        await asyncio.sleep(INTERVAL * 10)
        probed = _probes(fake) - before
    assert probed >= 16, probed


async def test_a_dead_redis_falls_back_to_probing() -> None:
    from redis.asyncio import Redis

    dead = Redis.from_url("redis://127.0.0.1:9/0", socket_connect_timeout=0.2, socket_timeout=0.2)
    shared = SharedChecks(dead, prefix="x:", interval=1.0)
    calls = 0

    async def probe() -> Outcome:
        nonlocal calls
        calls += 1
        return Outcome(True, "0.1.0", {})

    class _Spec:
        kind, url = "ollama", "http://127.0.0.1:1"

    class _Node:
        spec, name = _Spec(), "n"

    outcome = await shared.check(_Node(), probe)  # type: ignore[arg-type]
    assert outcome.ok
    assert calls == 1
    await dead.aclose()
