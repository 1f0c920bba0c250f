"""The response cache on the gateway's request path, against the fake Ollama."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import ollama
import pytest
from fastapi import FastAPI

from ollama_gateway.usage import service as usage_service
from tests.auth.factories import bearer
from tests.fakes.ollama import FakeOllama
from tests.keys.factories import make_key
from tests.users.factories import database, make_user

HEADER = "x-ollama-gateway-cache"
MODEL = "llama3.2"


@pytest.fixture
async def fake() -> AsyncIterator[FakeOllama]:
    async with FakeOllama(chunks=4) as server:
        yield server


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
async def gateway(
    request: pytest.FixtureRequest, make_app: Any, fake: FakeOllama
) -> AsyncIterator[FastAPI]:
    """The gateway with its cache in process, or on the machine's Redis (own key prefix)."""
    extra: dict[str, Any] = {}
    if request.param == "redis":
        prefix = f"test-{uuid.uuid4().hex[:12]}"
        extra = {"redis_url": request.getfixturevalue("redis_url"), "redis_key_prefix": prefix}
    async with make_app(
        ollama_api_base_url=[fake.url],
        usage_flush_interval=0.02,
        rate_limit_per_minute=None,
        **extra,
    ) as app:
        assert app.state.cache.backend == request.param
        yield app
        if extra:
            await app.state.cache.flush()
            limiter = app.state.limiter.backend.redis
            await limiter.delete_prefix(extra["redis_key_prefix"])


@pytest.fixture
async def caller(gateway: FastAPI) -> tuple[int, dict[str, str]]:
    user = await make_user(gateway, role="developer")
    key, _ = await make_key(gateway, user.id)
    return user.id, bearer(key)


@pytest.fixture
async def client(gateway: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=gateway)
    async with httpx.AsyncClient(transport=transport, base_url="http://gw") as http:
        yield http


def _chat(content: str, **extra: Any) -> dict[str, Any]:
    return {"model": MODEL, "messages": [{"role": "user", "content": content}], **extra}


async def _usage(app: FastAPI, user_id: int, count: int) -> list[Any]:
    for _ in range(200):
        async with database(app).session() as session:
            records = await usage_service.recent(session, user_id=user_id)
        if len(records) >= count:
            return list(reversed(records))
        await asyncio.sleep(0.02)
    raise AssertionError(f"expected {count} usage records, found {len(records)}")


@pytest.mark.parametrize("stream", [True, False])
async def test_a_deterministic_chat_hits_the_second_time(
    gateway: FastAPI,
    client: httpx.AsyncClient,
    caller: tuple[int, dict[str, str]],
    fake: FakeOllama,
    stream: bool,
) -> None:
    user_id, headers = caller
    body = _chat(f"hello {stream}", options={"temperature": 0}, stream=stream)
    first = await client.post("/api/chat", json=body, headers=headers)
    second = await client.post("/api/chat", json=body, headers=headers)
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first.headers[HEADER], second.headers[HEADER]) == ("miss", "hit")
    assert second.content == first.content  # the very bytes, same framing
    assert second.headers["content-type"] == first.headers["content-type"]
    if stream:
        assert first.headers["content-type"] == "application/x-ndjson"
        assert "content-length" not in second.headers
        assert len(second.text.splitlines()) == 5  # 4 content lines and the done line
    else:
        assert second.headers["content-length"] == str(len(first.content))
    assert len(fake.requests_to("/api/chat")) == 1  # the hit cost no upstream call
    records = await _usage(gateway, user_id, 2)
    assert [(r.cache_hit, r.status) for r in records] == [(False, 200), (True, 200)]
    assert records[0].prompt_tokens + records[0].completion_tokens > 0
    assert (records[1].prompt_tokens, records[1].completion_tokens) == (0, 0)
    assert records[1].upstream is None


async def test_streamed_and_plain_requests_are_cached_apart(
    client: httpx.AsyncClient, caller: tuple[int, dict[str, str]], fake: FakeOllama
) -> None:
    _, headers = caller
    body = _chat("apart", options={"seed": 3})
    streamed = await client.post("/api/chat", json=body, headers=headers)
    plain = await client.post("/api/chat", json={**body, "stream": False}, headers=headers)
    assert (streamed.headers[HEADER], plain.headers[HEADER]) == ("miss", "miss")
    assert plain.json()["done"] is True
    assert len(fake.requests_to("/api/chat")) == 2


async def test_sampled_requests_are_not_cached_unless_forced(
    client: httpx.AsyncClient, caller: tuple[int, dict[str, str]], fake: FakeOllama
) -> None:
    _, headers = caller
    body = _chat("sampled", options={"temperature": 0.8}, stream=False)
    for _ in range(2):
        response = await client.post("/api/chat", json=body, headers=headers)
        assert response.status_code == 200
        assert HEADER not in response.headers
    assert len(fake.requests_to("/api/chat")) == 2
    forced = {**headers, "X-Ollama-Gateway-Cache": "force"}
    results = [
        (await client.post("/api/chat", json=body, headers=forced)).headers[HEADER]
        for _ in range(2)
    ]
    assert results == ["miss", "hit"]
    assert len(fake.requests_to("/api/chat")) == 3


async def test_bypass_header_and_admin_flush(
    gateway: FastAPI,
    client: httpx.AsyncClient,
    caller: tuple[int, dict[str, str]],
    fake: FakeOllama,
) -> None:
    _, headers = caller
    body = _chat("flush me", options={"temperature": 0}, stream=False)
    await client.post("/api/chat", json=body, headers=headers)
    bypass = {**headers, "X-Ollama-Gateway-Cache": "bypass"}
    response = await client.post("/api/chat", json=body, headers=bypass)
    assert response.headers[HEADER] == "bypass"
    assert len(fake.requests_to("/api/chat")) == 2
    assert (await client.post("/api/chat", json=body, headers=headers)).headers[HEADER] == "hit"

    admin = await make_user(gateway, role="admin")
    admin_key, _ = await make_key(gateway, admin.id)
    flushed = await client.delete("/api/admin/cache", headers=bearer(admin_key))
    assert flushed.status_code == 200
    assert flushed.json()["flushed"] >= 1
    assert (await client.post("/api/chat", json=body, headers=headers)).headers[HEADER] == "miss"
    assert len(fake.requests_to("/api/chat")) == 3


async def test_openai_sse_stream_replays_identically(
    client: httpx.AsyncClient, caller: tuple[int, dict[str, str]], fake: FakeOllama
) -> None:
    _, headers = caller
    body = {**_chat("sse"), "temperature": 0, "stream": True}
    first = await client.post("/v1/chat/completions", json=body, headers=headers)
    second = await client.post("/v1/chat/completions", json=body, headers=headers)
    assert (first.headers[HEADER], second.headers[HEADER]) == ("miss", "hit")
    assert first.headers["content-type"].startswith("text/event-stream")
    assert second.headers["content-type"] == first.headers["content-type"]
    assert second.content == first.content
    assert second.text.rstrip().endswith("data: [DONE]")
    assert len(fake.requests_to("/v1/chat/completions")) == 1


async def test_failed_streams_are_not_cached(
    client: httpx.AsyncClient, caller: tuple[int, dict[str, str]], fake: FakeOllama
) -> None:
    _, headers = caller
    fake.error_in_stream = "out of memory"
    body = _chat("broken", options={"temperature": 0})
    response = await client.post("/api/chat", json=body, headers=headers)
    assert '"error"' in response.text.splitlines()[-1]
    fake.error_in_stream = None
    again = await client.post("/api/chat", json=body, headers=headers)
    assert again.headers[HEADER] == "miss"
    assert '"done":true' in again.text.splitlines()[-1].replace(" ", "")


async def test_the_official_client_reads_a_replayed_stream(
    gateway: FastAPI, caller: tuple[int, dict[str, str]]
) -> None:
    _, headers = caller
    client = ollama.AsyncClient(
        host="http://gw", headers=headers, transport=httpx.ASGITransport(app=gateway)
    )
    messages = [{"role": "user", "content": "official"}]
    texts = []
    for _ in range(2):
        parts = [
            part.message.content or ""
            async for part in await client.chat(
                model=MODEL, messages=messages, stream=True, options={"temperature": 0}
            )
        ]
        texts.append("".join(parts))
    assert texts[0] == texts[1]
    assert texts[0]
