"""The upstream pool: choice by model and load, per-node slots and waiting, the breaker, reload."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from ollama_gateway.core.config import Settings
from ollama_gateway.core.errors import UpstreamUnavailable
from ollama_gateway.core.metrics import Metrics
from ollama_gateway.gateway.nodes import NodeSpec
from ollama_gateway.gateway.upstreams import UpstreamPool
from tests.fakes.ollama import FakeOllama


def _spec(n: int, url: str, cap: int = 2) -> NodeSpec:
    return NodeSpec(key=f"t:{n}", name=f"n{n}", url=url, max_in_flight=cap)


@pytest.fixture
async def pool(make_settings: object) -> AsyncIterator[UpstreamPool]:
    settings: Settings = make_settings(  # type: ignore[operator]
        upstream_queue_timeout=0.2,
        upstream_breaker_failures=2,
        upstream_breaker_cooldown=60,
        upstream_health_interval=3600,
    )
    upstreams = UpstreamPool(settings, Metrics())
    yield upstreams
    await upstreams.close()


async def test_requests_go_to_holders_with_the_fewest_in_flight(pool: UpstreamPool) -> None:
    async with (
        FakeOllama(models=["a:latest"]) as one,
        FakeOllama(models=["a:latest", "b:1"]) as two,
    ):
        await pool.start([_spec(1, one.url), _spec(2, two.url)])
        assert [n.healthy for n in pool.nodes] == [True, True]
        first = await pool.acquire("a")
        second = await pool.acquire("a")
        assert {first.name, second.name} == {"n1", "n2"}
        only = await pool.acquire("b:1")
        assert only.name == "n2"
        assert [n.name for n in pool.candidates("unknown")] == ["n1", "n2"]  # fallback: any
        assert pool.model_digest("b:1")
        assert pool.model_digest("nope") is None
        for node in (first, second, only):
            pool.release(node)
        assert [n.in_flight for n in pool.nodes] == [0, 0]


async def test_a_full_node_makes_requests_wait_then_503(pool: UpstreamPool) -> None:
    async with FakeOllama() as one:
        await pool.start([_spec(1, one.url, cap=1)])
        held = await pool.acquire("llama3.2")
        waiting = asyncio.create_task(pool.acquire("llama3.2"))
        await asyncio.sleep(0.05)
        assert not waiting.done()
        pool.release(held)
        assert (await waiting) is held
        with pytest.raises(UpstreamUnavailable, match="busy"):
            await pool.acquire("llama3.2")  # the slot is still taken: 0.2 s, then 503
        pool.release(held)


async def test_the_breaker_keeps_a_failing_node_out(pool: UpstreamPool) -> None:
    async with FakeOllama() as one, FakeOllama() as two:
        await pool.start([_spec(1, one.url), _spec(2, two.url)])
        bad = pool.nodes[0]
        pool.record_failure(bad, "connect refused")
        assert bad in pool.candidates("llama3.2")
        pool.record_failure(bad, "connect refused")
        assert [n.name for n in pool.candidates("llama3.2")] == ["n2"]
        await pool.check(bad)  # a successful health check closes it
        assert bad in pool.candidates("llama3.2")
        assert bad.failures == 0


async def test_health_checks_follow_the_node(pool: UpstreamPool) -> None:
    async with FakeOllama() as one:
        await pool.start([_spec(1, one.url)])
        node = pool.nodes[0]
        version = pool.models_version
        one.add_model("phi3:mini")
        await pool.check(node)
        assert pool.knows("phi3:mini")
        assert pool.models_version == version + 1
    await pool.check(node)  # the fake is gone now
    assert node.healthy is False
    assert not pool.knows("phi3:mini")  # an unhealthy node's models leave the map


async def test_sync_adds_updates_and_retires_nodes(pool: UpstreamPool) -> None:
    async with FakeOllama() as one, FakeOllama() as two:
        await pool.start([_spec(1, one.url)])
        first = pool.nodes[0]
        await pool.sync([_spec(1, one.url, cap=9), _spec(2, two.url)], wait=True)
        assert pool.nodes[0] is first  # same URL: updated in place
        assert first.spec.max_in_flight == 9
        assert [n.healthy for n in pool.nodes] == [True, True]
        held = await pool.acquire("llama3.2", among=[first])
        await pool.sync([_spec(2, two.url)])
        assert [n.name for n in pool.nodes] == ["n2"]
        assert first.removed
        assert not first.session.closed  # still serving its request
        pool.release(held)
        await asyncio.sleep(0.05)
        assert first.session.closed
