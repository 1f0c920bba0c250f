"""Content logging end to end: off by default (no text stored); on, each proxied request's
prompt and answer (streamed or not, Ollama or OpenAI) are stored next to its usage record, cut
to ``LOG_CONTENT_MAX_BYTES``, and shown by ``GET /api/admin/logs/{id}`` (both backends)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from sqlalchemy import func, select

from ollama_gateway.usage.models import UsageContent
from tests.auth.factories import make_actor
from tests.conftest import MakeApp, http_client
from tests.fakes.ollama import FakeOllama
from tests.fakes.ollama_models import DEFAULT_MODELS
from tests.users.factories import database

QUIET = {
    "cache_enabled": False,
    "rate_limit_enabled": False,
    "usage_flush_interval": 0.01,
    "catalog_reload_interval": 0,
}
MODEL = DEFAULT_MODELS[0]


async def _detail(app: FastAPI, admin: Any, request_id: str) -> dict[str, Any]:
    await app.state.usage.flush()
    async with http_client(app) as client:
        logs = await client.get("/api/admin/logs", params={"limit": 20}, headers=admin.headers)
        [entry] = [e for e in logs.json()["items"] if e["request_id"] == request_id]
        detail = await client.get(f"/api/admin/logs/{entry['id']}", headers=admin.headers)
    data: dict[str, Any] = detail.json()
    return data


async def test_content_is_logged_when_on(
    make_app: MakeApp, backend: str, fresh_database_url: Callable[[str], str]
) -> None:
    async with (
        FakeOllama() as fake,
        make_app(
            database_url=fresh_database_url(backend),
            ollama_api_base_url=[fake.url],
            log_content=True,
            log_content_max_bytes=2000,
            **QUIET,
        ) as app,
        http_client(app) as client,
    ):
        admin = await make_actor(app, "admin")
        user = await make_actor(app, "developer")
        headers = {"X-API-Key": user.key}
        cases = [
            ("/api/generate", {"model": MODEL, "prompt": "say hi", "stream": False}, "say hi"),
            (
                "/api/chat",
                {"model": MODEL, "messages": [{"role": "user", "content": "stream me"}]},
                "user: stream me",
            ),
            (
                "/v1/chat/completions",
                {
                    "model": MODEL,
                    "stream": True,
                    "messages": [{"role": "user", "content": "openai way"}],
                },
                "user: openai way",
            ),
        ]
        for path, body, prompt in cases:
            answer = await client.post(path, json=body, headers=headers)
            assert answer.status_code == 200, answer.text
            detail = await _detail(app, admin, answer.headers["X-Request-ID"])
            content = detail["content"]
            assert content is not None, path
            assert content["prompt"] == prompt
            assert content["response"], path
            assert content["truncated"] is False
            assert "{" not in content["response"], content["response"]  # text, not JSON


async def test_content_is_cut_to_the_cap(make_app: MakeApp) -> None:
    async with (
        FakeOllama() as fake,
        make_app(
            ollama_api_base_url=[fake.url], log_content=True, log_content_max_bytes=40, **QUIET
        ) as app,
        http_client(app) as client,
    ):
        admin = await make_actor(app, "admin")
        user = await make_actor(app, "developer")
        body = {"model": MODEL, "prompt": "x" * 500, "stream": True}
        answer = await client.post("/api/generate", json=body, headers={"X-API-Key": user.key})
        assert answer.status_code == 200
        content = (await _detail(app, admin, answer.headers["X-Request-ID"]))["content"]
        assert content["truncated"] is True
        assert len(content["prompt"].encode()) <= 40
        assert len(content["response"].encode()) <= 40


async def test_nothing_is_stored_when_off(make_app: MakeApp) -> None:
    async with (
        FakeOllama() as fake,
        make_app(ollama_api_base_url=[fake.url], **QUIET) as app,
        http_client(app) as client,
    ):
        user = await make_actor(app, "developer")
        body = {"model": MODEL, "prompt": "secret", "stream": False}
        answer = await client.post("/api/generate", json=body, headers={"X-API-Key": user.key})
        assert answer.status_code == 200
        await app.state.usage.flush()
        async with database(app).sessionmaker() as session:
            stored = await session.scalar(select(func.count()).select_from(UsageContent))
        assert stored == 0
