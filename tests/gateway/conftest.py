"""Fixtures of the gateway tests: a fake Ollama, the gateway in front of it, callers, a live port.

``gateway`` is one app per test module (SQLite) whose only upstream is ``fake``; cache and rate
limits are off so each test sees the gateway alone.  ``served`` runs that app under uvicorn on a
real loopback port for the official clients.  ``make_gateway(**settings)`` starts a private one
(other upstreams, other timeouts).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from ollama_gateway.core.server import CoalescingHttpToolsProtocol
from ollama_gateway.main import create_app
from ollama_gateway.usage import service as usage_service
from tests.auth.factories import bearer
from tests.fakes.ollama import FakeOllama
from tests.keys.factories import make_key
from tests.users.factories import database, make_user

MakeGateway = Callable[..., AbstractAsyncContextManager[FastAPI]]

QUIET = {
    "cache_enabled": False,
    "rate_limit_enabled": False,
    "usage_flush_interval": 0.01,
    "catalog_reload_interval": 0,
    "upstream_health_interval": 3600,
}


@dataclass
class Caller:
    user_id: int
    key_id: int
    key: str

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.key)


@pytest.fixture(scope="module")
async def fake() -> AsyncIterator[FakeOllama]:
    async with FakeOllama() as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh_fake(request: pytest.FixtureRequest) -> None:
    """Knobs and counters back to their defaults before every test that uses the fake."""
    if "fake" in request.fixturenames:
        request.getfixturevalue("fake").reset()


@pytest.fixture(scope="module")
def make_gateway(make_settings: Any) -> MakeGateway:
    @asynccontextmanager
    async def factory(**overrides: Any) -> AsyncIterator[FastAPI]:
        app = create_app(make_settings(**{**QUIET, **overrides}))
        async with LifespanManager(app, startup_timeout=30, shutdown_timeout=30):
            yield app

    return factory


@pytest.fixture(scope="module")
async def gateway(make_gateway: MakeGateway, fake: FakeOllama) -> AsyncIterator[FastAPI]:
    async with make_gateway(ollama_api_base_url=[fake.url]) as app:
        yield app


async def make_caller(
    app: FastAPI, role: str = "developer", *, allowed_models: list[str] | None = None
) -> Caller:
    user = await make_user(app, role=role)
    key, key_id = await make_key(app, user.id, allowed_models=allowed_models)
    return Caller(user_id=user.id, key_id=key_id, key=key)


@pytest.fixture
async def dev(gateway: FastAPI) -> Caller:
    return await make_caller(gateway, "developer")


@pytest.fixture
async def client(gateway: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=gateway), base_url="http://gw"
    ) as http:
        yield http


@asynccontextmanager
async def serve(app: FastAPI) -> AsyncIterator[str]:
    """``app`` (already started) under uvicorn on a free loopback port; yields its base URL."""
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,
        lifespan="off",
        log_level="warning",
        http=CoalescingHttpToolsProtocol,  # the protocol ``serve`` runs
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@pytest.fixture(scope="module")
async def served(gateway: FastAPI) -> AsyncIterator[str]:
    async with serve(gateway) as url:
        yield url


async def usage_of(app: FastAPI, user_id: int, count: int = 1) -> list[Any]:
    """The user's usage records, oldest first, once ``count`` of them are written."""
    records: list[Any] = []
    for _ in range(300):
        await app.state.usage.flush()
        async with database(app).session() as session:
            records = await usage_service.recent(session, user_id=user_id)
        if len(records) >= count:
            return list(reversed(records))
        await asyncio.sleep(0.01)
    raise AssertionError(f"expected {count} usage records, found {len(records)}")
