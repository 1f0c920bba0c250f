"""Fixtures of the chats tests: a fake Ollama, a gateway in front of it per backend, callers.

``chats_app`` is one app per backend for the whole run (SQLite, PostgreSQL) whose only upstream
is ``fake``; cache and rate limits are off unless a test starts its own (``make_chats_app``).
``events(text)`` parses a server-sent event stream.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import orjson
import pytest
from fastapi import FastAPI

from ollama_gateway.main import create_app
from tests.auth.factories import Actor, make_actor
from tests.conftest import MakeSettings, http_client, running
from tests.fakes.ollama import FakeOllama

MODEL = "llama3.2:latest"
QUIET = {
    "cache_enabled": False,
    "rate_limit_enabled": False,
    "usage_flush_interval": 0.01,
    "catalog_reload_interval": 0,
    "upstream_health_interval": 3600,
    "default_model": MODEL,
    "chat_checkpoint_seconds": 0.2,
}

MakeChatsApp = Callable[..., AbstractAsyncContextManager[FastAPI]]


@pytest.fixture(scope="session")
async def fake() -> AsyncIterator[FakeOllama]:
    async with FakeOllama() as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh_fake(request: pytest.FixtureRequest) -> None:
    if "fake" in request.fixturenames:
        request.getfixturevalue("fake").reset()


@pytest.fixture(scope="session")
def make_chats_app(
    make_settings: MakeSettings, fresh_database_url: Callable[[str], str], fake: FakeOllama
) -> MakeChatsApp:
    @asynccontextmanager
    async def factory(backend: str = "sqlite", **overrides: Any) -> AsyncIterator[FastAPI]:
        values = {**QUIET, "ollama_api_base_url": [fake.url], **overrides}
        values.setdefault("database_url", fresh_database_url(backend))
        app = create_app(make_settings(**values))
        async with running(app):
            yield app

    return factory


@pytest.fixture(scope="session")
async def chats_app(backend: str, make_chats_app: MakeChatsApp) -> AsyncIterator[FastAPI]:
    async with make_chats_app(backend) as app:
        yield app


@pytest.fixture
async def client(chats_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with http_client(chats_app) as http:
        yield http


@pytest.fixture
async def alice(chats_app: FastAPI) -> Actor:
    return await make_actor(chats_app, "user")


@pytest.fixture
async def bob(chats_app: FastAPI) -> Actor:
    return await make_actor(chats_app, "user")


def events(text: str) -> list[tuple[str, Any]]:
    """``(event, data)`` of each server-sent event in ``text``."""
    found = []
    for block in text.split("\n\n"):
        kind, data = "message", None
        for line in block.splitlines():
            if line.startswith("event: "):
                kind = line[7:]
            elif line.startswith("data: "):
                data = orjson.loads(line[6:])
        if data is not None:
            found.append((kind, data))
    return found


async def new_chat(client: httpx.AsyncClient, actor: Actor, **fields: Any) -> dict[str, Any]:
    response = await client.post("/api/chats", json=fields, headers=actor.headers)
    assert response.status_code == 201, response.text
    chat: dict[str, Any] = response.json()
    return chat


async def ask(
    client: httpx.AsyncClient, actor: Actor, chat_id: int, content: str, **fields: Any
) -> dict[str, Any]:
    """Send ``content`` without streaming; the ``TurnResult``."""
    response = await client.post(
        f"/api/chats/{chat_id}/messages",
        json={"content": content, "stream": False, **fields},
        headers=actor.headers,
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result
