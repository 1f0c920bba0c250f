"""`/health` (no auth, no details) and `/metrics` (admin or scrape token, with real figures)."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from tests.auth.factories import bearer
from tests.conftest import MakeApp, http_client
from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import QUIET, make_caller
from tests.keys.factories import make_key
from tests.users.factories import make_user

SCRAPE_TOKEN = "scrape-token-for-tests-0123456789"


@pytest.fixture(scope="module")
async def fake() -> AsyncIterator[FakeOllama]:
    async with FakeOllama() as server:
        yield server


@pytest.fixture
async def app(make_app: MakeApp, fake: FakeOllama) -> AsyncIterator[FastAPI]:
    async with make_app(
        **{**QUIET, "rate_limit_enabled": True, "rate_limit_per_minute": 2},
        ollama_api_base_url=[fake.url],
        metrics_token=SCRAPE_TOKEN,
    ) as application:
        yield application


@pytest.fixture
async def http(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with http_client(app) as client:
        yield client


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one Prometheus sample in the exposition ``text`` (0 when absent)."""
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        if all(f'{key}="{value}"' in line for key, value in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


async def test_health_needs_no_auth_and_tells_nothing(http: httpx.AsyncClient) -> None:
    response = await http.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "11434" not in response.text
    assert "127.0.0.1" not in response.text


async def test_metrics_refuse_anonymous_users_and_wrong_tokens(
    app: FastAPI, http: httpx.AsyncClient
) -> None:
    assert (await http.get("/metrics")).status_code == 401
    assert (await http.get("/metrics", headers=bearer("not-the-token"))).status_code == 401
    user = await make_caller(app, "developer")
    denied = await http.get("/metrics", headers=user.headers)
    assert denied.status_code == 403
    assert denied.json()["error"]["type"] == "forbidden"


async def test_metrics_compare_the_scrape_token_as_bytes(http: httpx.AsyncClient) -> None:
    """Non-ASCII bytes in ``Authorization`` are a wrong token (401), not a 500 from comparing
    text that ``hmac.compare_digest`` refuses (issue 8, finding 11)."""
    for value in (
        "Bearer \xe9t\xe9".encode("latin-1"),
        b"Bearer " + SCRAPE_TOKEN.encode()[:-1] + "é".encode(),
        b"Bearer \xff\xfe",
        b"Bearer " + SCRAPE_TOKEN.encode() + b" \xe9",
    ):
        answer = await http.get("/metrics", headers=[(b"Authorization", value)])
        assert answer.status_code == 401, value
    token = await http.get("/metrics", headers={"Authorization": f"bearer  {SCRAPE_TOKEN} "})
    assert token.status_code == 200


async def test_metrics_for_the_scrape_token_and_admins(
    app: FastAPI, http: httpx.AsyncClient
) -> None:
    scraped = await http.get("/metrics", headers=bearer(SCRAPE_TOKEN))
    assert scraped.status_code == 200
    assert scraped.headers["content-type"].startswith("text/plain")
    admin = await make_user(app, role="admin")
    key, _ = await make_key(app, admin.id)
    assert (await http.get("/metrics", headers=bearer(key))).status_code == 200


async def test_metrics_count_requests_tokens_limits_and_upstreams(
    app: FastAPI, http: httpx.AsyncClient
) -> None:
    caller = await make_caller(app, "developer")
    body = {"model": "llama3.2", "prompt": "one two three", "stream": False}
    ok = await http.post("/api/generate", json=body, headers=caller.headers)
    assert ok.status_code == 200
    streamed = await http.post(
        "/api/generate", json={**body, "stream": True}, headers=caller.headers
    )
    assert streamed.status_code == 200
    limited = await http.post("/api/generate", json=body, headers=caller.headers)
    assert limited.status_code == 429
    await app.state.usage.flush()

    text = (await http.get("/metrics", headers=bearer(SCRAPE_TOKEN))).text
    answer = ok.json()
    final = next(line for line in streamed.text.splitlines() if '"done":true' in line)
    streamed_answer = json.loads(final)
    assert sample(text, "ollama_gateway_requests_total", route="/api/generate", status="200") == 2
    assert sample(text, "ollama_gateway_request_duration_seconds_count", route="/api/generate") >= 2
    assert sample(text, "ollama_gateway_time_to_first_token_seconds_count") == 1
    prompt = answer["prompt_eval_count"] + streamed_answer["prompt_eval_count"]
    completion = answer["eval_count"] + streamed_answer["eval_count"]
    assert sample(text, "ollama_gateway_tokens_total", kind="prompt") == prompt
    assert sample(text, "ollama_gateway_tokens_total", kind="completion") == completion
    assert sample(text, "ollama_gateway_rate_limited_total", kind="requests_per_minute") == 1
    assert sample(text, "ollama_gateway_limiter_backend", backend="memory") == 1
    assert sample(text, "ollama_gateway_upstream_healthy") == 1
    assert re.search(r"^ollama_gateway_usage_queue_depth \d", text, flags=re.MULTILINE)
