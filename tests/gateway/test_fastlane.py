"""The lane application: hot routes skip FastAPI's outer layers, never the app's own middleware."""

from __future__ import annotations

import httpx

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
