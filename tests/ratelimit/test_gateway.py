"""Limits on the gateway's request path: every kind, per user and per key, role defaults and
overrides, the 429 in each family's shape with ``Retry-After`` and ``X-RateLimit-*``."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import ollama
import openai
import pytest
from fastapi import FastAPI

from ollama_gateway.main import create_app
from tests.auth.factories import bearer
from tests.conftest import http_client, running
from tests.fakes.ollama import FakeOllama
from tests.keys.factories import make_key
from tests.users.factories import make_user

MODEL = "llama3.2"
OVERRIDES = {"developer": {"requests_per_hour": 2}, "user": {"requests_per_minute": 3}}


@pytest.fixture(scope="module")
async def fake() -> AsyncIterator[FakeOllama]:
    async with FakeOllama(chunks=3) as server:
        yield server


@pytest.fixture(scope="module")
async def gateway(make_settings: Any, fake: FakeOllama) -> AsyncIterator[FastAPI]:
    settings = make_settings(
        ollama_api_base_url=[fake.url],
        rate_limit_per_minute=None,
        rate_limit_concurrent_streams=None,
        rate_limit_role_overrides=OVERRIDES,
        cache_enabled=False,
    )
    app = create_app(settings)
    async with running(app):
        yield app


@pytest.fixture
async def client(gateway: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with http_client(gateway) as http:
        yield http


@pytest.fixture(autouse=True)
async def _whole_minute() -> None:
    """Per-minute windows are clock-aligned: never start a test in a minute's last seconds."""
    into = time.time() % 60
    if into > 55:
        await asyncio.sleep(60.2 - into)


async def _caller(app: FastAPI, role: str = "user", **kw: Any) -> dict[str, str]:
    user = await make_user(app, role=role, limits=kw.pop("user_limits", None))
    key, _ = await make_key(app, user.id, limits=kw.pop("key_limits", None))
    return bearer(key)


def _chat(stream: bool = False) -> dict[str, Any]:
    return {"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "stream": stream}


async def test_role_default_per_minute_with_headers_and_ollama_429(
    gateway: FastAPI, client: httpx.AsyncClient
) -> None:
    headers = await _caller(gateway)
    for remaining in ("2", "1", "0"):
        response = await client.post("/api/chat", json=_chat(), headers=headers)
        assert response.status_code == 200
        assert response.headers["x-ratelimit-limit"] == "3"
        assert response.headers["x-ratelimit-remaining"] == remaining
        assert 1 <= int(response.headers["x-ratelimit-reset"]) <= 60
    refused = await client.post("/api/chat", json=_chat(), headers=headers)
    assert refused.status_code == 429
    assert refused.json() == {"error": "rate limit exceeded: 3 requests per minute for this user"}
    retry = int(refused.headers["retry-after"])
    assert 1 <= retry <= 60
    assert refused.headers["x-ratelimit-limit"] == "3"
    assert refused.headers["x-ratelimit-remaining"] == "0"
    assert refused.headers["x-ratelimit-reset"] == str(retry)


async def test_the_official_client_gets_a_response_error_429(gateway: FastAPI) -> None:
    headers = await _caller(gateway, user_limits={"requests_per_minute": 1})
    client = ollama.AsyncClient(
        host="http://gw", headers=headers, transport=httpx.ASGITransport(app=gateway)
    )
    await client.chat(model=MODEL, messages=[{"role": "user", "content": "a"}])
    with pytest.raises(ollama.ResponseError) as caught:
        await client.chat(model=MODEL, messages=[{"role": "user", "content": "b"}])
    assert caught.value.status_code == 429
    assert caught.value.error == "rate limit exceeded: 1 requests per minute for this user"


async def test_key_limits_apply_on_top_and_openai_gets_its_shape(
    gateway: FastAPI, client: httpx.AsyncClient
) -> None:
    headers = await _caller(gateway, key_limits={"requests_per_minute": 2})
    for _ in range(2):
        ok = await client.post("/v1/chat/completions", json=_chat(), headers=headers)
        assert ok.status_code == 200
    refused = await client.post("/v1/chat/completions", json=_chat(), headers=headers)
    assert refused.status_code == 429
    assert refused.json()["error"] == {
        "message": "rate limit exceeded: 2 requests per minute for this API key",
        "type": "rate_limit_error",
        "param": None,
        "code": "rate_limit_error",
    }
    assert "retry-after" in refused.headers


async def test_the_openai_sdk_gets_a_rate_limit_error(gateway: FastAPI) -> None:
    headers = await _caller(gateway, key_limits={"requests_per_minute": 1})
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=gateway))
    client = openai.AsyncOpenAI(
        base_url="http://gw/v1",
        api_key=headers["Authorization"].removeprefix("Bearer "),
        http_client=http,
        max_retries=0,
    )
    messages: Any = [{"role": "user", "content": "hi"}]
    async with http:
        await client.chat.completions.create(model=MODEL, messages=messages)
        with pytest.raises(openai.RateLimitError) as caught:
            await client.chat.completions.create(model=MODEL, messages=messages)
    assert caught.value.status_code == 429
    assert "1 requests per minute for this API key" in str(caught.value)
    assert caught.value.response.headers["x-ratelimit-remaining"] == "0"


async def test_role_override_per_hour_and_user_override_per_day(
    gateway: FastAPI, client: httpx.AsyncClient
) -> None:
    developer = await _caller(gateway, role="developer")
    prompt = {"model": MODEL, "prompt": "x", "stream": False}
    statuses = [
        await client.post("/api/generate", json=prompt, headers=developer) for _ in range(3)
    ]
    assert [r.status_code for r in statuses] == [200, 200, 429]
    assert statuses[2].json()["error"] == "rate limit exceeded: 2 requests per hour for this user"
    assert int(statuses[2].headers["retry-after"]) <= 3600
    # A user's own override wins over the role's (here: a day limit, the role's minute stays).
    daily = await _caller(gateway, role="developer", user_limits={"requests_per_day": 1})
    assert (await client.post("/api/chat", json=_chat(), headers=daily)).status_code == 200
    refused = await client.post("/api/chat", json=_chat(), headers=daily)
    assert refused.json()["error"] == "rate limit exceeded: 1 requests per day for this user"
    assert int(refused.headers["retry-after"]) <= 86400


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        ({"user_limits": {"tokens_per_day": 1}}, "1 tokens per day for this user"),
        ({"key_limits": {"tokens_per_month": 1}}, "1 tokens per month for this API key"),
    ],
)
async def test_token_quotas_refuse_once_used_up(
    gateway: FastAPI, client: httpx.AsyncClient, limits: dict[str, Any], message: str
) -> None:
    headers = await _caller(gateway, role="developer", **limits)
    first = await client.post("/api/chat", json=_chat(stream=True), headers=headers)
    assert first.status_code == 200  # the quota was not used yet; its tokens are charged now
    refused = await client.post("/api/chat", json=_chat(), headers=headers)
    assert refused.status_code == 429
    assert refused.json()["error"] == f"token quota exhausted: {message}"
    state = (await client.get("/api/usage/limits", headers=headers)).json()
    quota = next(b for b in state["buckets"] if b["kind"].startswith("tokens"))
    assert quota["used"] > 1
    assert quota["remaining"] == 0


async def test_concurrent_streams_per_key(
    gateway: FastAPI, client: httpx.AsyncClient, fake: FakeOllama
) -> None:
    headers = await _caller(gateway, key_limits={"concurrent_streams": 1})
    fake.override(MODEL, delay_per_chunk=0.1)
    try:
        first = asyncio.create_task(
            client.post("/api/chat", json=_chat(stream=True), headers=headers)
        )
        await fake.wait_for_async(lambda: fake.in_flight >= 1, timeout=5)
        refused = await client.post("/api/chat", json=_chat(stream=True), headers=headers)
        assert refused.status_code == 429
        assert refused.json()["error"] == (
            "concurrent stream limit reached: 1 streams at a time for this API key"
        )
        assert refused.headers["retry-after"] == "1"
        plain = await client.post("/api/chat", json=_chat(stream=False), headers=headers)
        assert plain.status_code == 200  # not a stream: needs no slot
        assert (await first).status_code == 200
    finally:
        fake.clear_overrides()
    again = await client.post("/api/chat", json=_chat(stream=True), headers=headers)
    assert again.status_code == 200  # the slot was released when the stream ended


async def test_admins_are_unlimited_by_default(gateway: FastAPI, client: httpx.AsyncClient) -> None:
    headers = await _caller(gateway, role="admin")
    for _ in range(5):
        response = await client.post("/api/chat", json=_chat(), headers=headers)
        assert response.status_code == 200
        assert "x-ratelimit-limit" not in response.headers


async def test_limits_switched_off(make_app: Any, fake: FakeOllama) -> None:
    async with make_app(
        ollama_api_base_url=[fake.url], rate_limit_enabled=False, rate_limit_per_minute=1
    ) as app:
        headers = await _caller(app)
        async with http_client(app) as http:
            for _ in range(3):
                response = await http.post("/api/chat", json=_chat(), headers=headers)
                assert response.status_code == 200
                assert "x-ratelimit-limit" not in response.headers
            state = (await http.get("/api/usage/limits", headers=headers)).json()
            assert state["backend"] == "disabled"


async def test_a_stream_cut_before_its_counts_still_uses_the_quota(
    gateway: FastAPI, client: httpx.AsyncClient, fake: FakeOllama
) -> None:
    """Ollama sends token counts only in its final line: a cut stream is charged per line."""
    headers = await _caller(gateway, role="developer", user_limits={"tokens_per_day": 3})
    fake.override(MODEL, chunks=10, die_after_chunks=5)
    try:
        cut = await client.post("/api/chat", json=_chat(stream=True), headers=headers)
    finally:
        fake.clear_overrides()
    assert cut.status_code == 200
    lines = cut.text.splitlines()
    assert len(lines) == 6  # five relayed lines, then the in-band error
    refused = await client.post("/api/chat", json=_chat(), headers=headers)
    assert refused.status_code == 429
    state = (await client.get("/api/usage/limits", headers=headers)).json()
    quota = next(b for b in state["buckets"] if b["kind"] == "tokens_per_day")
    assert quota["used"] == 5


async def test_request_windows_survive_a_restart(make_settings: Any, fake: FakeOllama) -> None:
    """The admitted requests of the current windows are restored from the usage table: a
    restart does not hand out a fresh day (in-process backend, the embedded default)."""
    settings = make_settings(ollama_api_base_url=[fake.url], cache_enabled=False)
    first, second = create_app(settings), create_app(settings)  # same database: a restart
    async with running(first):
        headers = await _caller(first, user_limits={"requests_per_day": 3})
        async with http_client(first) as http:
            for _ in range(2):
                assert (await http.post("/api/chat", json=_chat(), headers=headers)).is_success
            refused_model = await http.post(
                "/api/chat", json={**_chat(), "model": "no-such-model"}, headers=headers
            )
            assert refused_model.status_code == 404  # admitted, so it counts too
    async with running(second), http_client(second) as http:
        refused = await http.post("/api/chat", json=_chat(), headers=headers)
    assert refused.status_code == 429
    assert refused.json() == {"error": "rate limit exceeded: 3 requests per day for this user"}
