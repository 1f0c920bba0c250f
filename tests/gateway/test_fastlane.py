"""The lane application: hot routes skip FastAPI's outer layers, never the app's own middleware."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import orjson
import pytest

from ollama_gateway.gateway.fastlane import AppState
from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import MakeGateway, make_caller

CHAT = {"model": "llama3.2", "messages": [{"role": "user", "content": "hi"}], "stream": False}
ORIGIN = "https://portal.example"


async def test_hot_routes_keep_request_ids_cors_and_the_body_limit(
    make_gateway: MakeGateway, fake: FakeOllama
) -> None:
    settings = {"cors_origins": [ORIGIN], "max_request_body_bytes": 4096}
    async with make_gateway(ollama_api_base_url=[fake.url], **settings) as app:
        caller = await make_caller(app)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gw") as http:
            headers = {**caller.headers, "Origin": ORIGIN, "X-Request-ID": "lane-test-0001"}
            ok = await http.post("/api/chat", json=CHAT, headers=headers)
            tags = await http.get("/api/tags", headers=headers)
            big = {**CHAT, "messages": [{"role": "user", "content": "x" * 8192}]}
            too_big = await http.post("/api/chat", json=big, headers=caller.headers)
            anonymous = await http.post("/api/chat", json=CHAT, headers={"Origin": ORIGIN})
    for answer in (ok, tags):
        assert answer.status_code == 200
        assert answer.headers["X-Request-ID"] == "lane-test-0001"
        assert answer.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert ok.json()["done"] is True
    assert too_big.status_code == 413
    assert len(too_big.headers["X-Request-ID"]) == 32
    assert anonymous.status_code == 401
    assert anonymous.headers["Access-Control-Allow-Origin"] == ORIGIN


async def test_other_routes_and_a_disabled_lane_go_through_fastapi(
    make_gateway: MakeGateway, fake: FakeOllama
) -> None:
    for fast in (True, False):
        async with make_gateway(ollama_api_base_url=[fake.url], gateway_fast_lane=fast) as app:
            caller = await make_caller(app)
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://gw") as http:
                ok = await http.post("/api/chat", json=CHAT, headers=caller.headers)
                version = await http.get("/api/version", headers=caller.headers)
                missing = await http.get("/api/no-such-route", headers=caller.headers)
        assert ok.status_code == 200
        assert ok.json()["done"] is True
        assert version.status_code == 200
        assert missing.status_code == 404
        assert ok.headers["X-Request-ID"]


async def test_a_body_in_several_messages_is_read_whole(
    make_gateway: MakeGateway, fake: FakeOllama
) -> None:
    payload = orjson.dumps(CHAT)

    async def pieces() -> AsyncIterator[bytes]:
        for start in range(0, len(payload), 7):
            yield payload[start : start + 7]

    async with make_gateway(ollama_api_base_url=[fake.url]) as app:
        caller = await make_caller(app)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gw") as http:
            answer = await http.post("/api/chat", content=pieces(), headers=caller.headers)
    assert "content-length" not in answer.request.headers
    assert answer.status_code == 200
    assert answer.json()["done"] is True


def test_app_state_reads_are_plain_attributes() -> None:
    state = AppState()
    state.pool = "p"
    state["cache"] = None
    assert (state.pool, state.cache, state["pool"]) == ("p", None, "p")
    assert "pool" in vars(state)
    assert (list(state), len(state)) == (["pool", "cache"], 2)
    del state.pool
    del state["cache"]
    assert (list(state), len(state)) == ([], 0)
    with pytest.raises(AttributeError):
        _ = state.pool
