"""``/health/live`` and ``/health/ready``: what a load balancer or Kubernetes reads.

Ready needs the database, Redis (when configured) and one healthy upstream; it fails, with the
failing check named, when any of them does not answer, and always once the process is draining.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from tests.conftest import MakeApp, http_client
from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import QUIET


@pytest.fixture(scope="module")
async def fake() -> AsyncIterator[FakeOllama]:
    async with FakeOllama() as server:
        yield server


async def test_live_answers_without_auth(make_app: MakeApp) -> None:
    async with make_app(**QUIET) as app, http_client(app) as http:
        response = await http.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_ready_with_a_healthy_upstream_then_not_while_draining(
    make_app: MakeApp, fake: FakeOllama
) -> None:
    async with make_app(**QUIET, ollama_api_base_url=[fake.url]) as app, http_client(app) as http:
        response = await http.get("/health/ready")
        assert response.status_code == 200, response.text
        assert response.json() == {
            "status": "ready",
            "draining": False,
            "checks": {"database": True, "upstreams": True},
        }
        app.state.readiness.drain()
        response = await http.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["status"] == "not_ready"
    assert response.json()["draining"] is True


async def test_not_ready_without_a_healthy_upstream(make_app: MakeApp) -> None:
    dead = "http://127.0.0.1:9"  # discard port: nothing listens
    async with make_app(**QUIET, ollama_api_base_url=[dead]) as app, http_client(app) as http:
        response = await http.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["upstreams"] is False
    assert dead not in response.text  # no addresses to anonymous callers


@pytest.mark.redis
async def test_ready_checks_redis_when_configured(
    make_app: MakeApp, fake: FakeOllama, redis_url: str
) -> None:
    async with (
        make_app(**QUIET, ollama_api_base_url=[fake.url], redis_url=redis_url) as app,
        http_client(app) as http,
    ):
        response = await http.get("/health/ready")
        assert response.json()["checks"]["redis"] is True

        async def hung() -> bool:
            raise ConnectionError("redis is down")

        app.state.readiness.add("redis", hung)
        response = await http.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"] is False


async def test_a_hung_check_fails_within_the_timeout(make_app: MakeApp, fake: FakeOllama) -> None:
    async with make_app(**QUIET, ollama_api_base_url=[fake.url]) as app, http_client(app) as http:
        app.state.readiness.timeout = 0.2

        async def never() -> bool:
            await asyncio.sleep(60)
            return True

        app.state.readiness.add("stuck", never)
        response = await asyncio.wait_for(http.get("/health/ready"), 5)
    assert response.status_code == 503
    assert response.json()["checks"]["stuck"] is False
