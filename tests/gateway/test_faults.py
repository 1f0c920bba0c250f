"""Upstream faults: down, slow, dying mid-stream, busy, one of two down; client disconnects.

Every failure reaches the client in its route family's shape (Ollama ``{"error": "..."}``,
OpenAI ``{"error": {...}}``), in-band once a stream has started, never naming the upstream
address; and every request still leaves its usage record.
"""

from __future__ import annotations

import asyncio
import socket

import httpx
import orjson
import pytest
from fastapi import FastAPI

from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import MakeGateway, make_caller, usage_of

CHAT = {"model": "llama3.2", "messages": [{"role": "user", "content": "hi"}]}
OPENAI_CHAT = {**CHAT, "stream": False}


def _closed_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw")


def _lines(body: bytes) -> list[dict[str, object]]:
    return [orjson.loads(line) for line in body.splitlines() if line]


async def test_upstream_down_is_503_in_each_family(make_gateway: MakeGateway) -> None:
    down = _closed_port()
    async with make_gateway(ollama_api_base_url=[down]) as app, _client(app) as http:
        caller = await make_caller(app)
        native = await http.post(
            "/api/chat", json={**CHAT, "stream": False}, headers=caller.headers
        )
        assert native.status_code == 503
        assert native.json() == {"error": "upstream Ollama server is unavailable"}
        compat = await http.post("/v1/chat/completions", json=OPENAI_CHAT, headers=caller.headers)
        assert compat.status_code == 503
        error = compat.json()["error"]
        assert error["type"] == "api_error"
        assert error["code"] == "external_service_error"
        for response in (native, compat):
            assert down.split("//")[1] not in response.text
        records = await usage_of(app, caller.user_id, 2)
        assert [r.status for r in records] == [503, 503]
        assert all(r.error and "ConnectFailed" in r.error for r in records)


async def test_slow_upstream_times_out_with_504(
    make_gateway: MakeGateway, fake: FakeOllama
) -> None:
    fake.delay_first_byte = 1.0
    settings = {"ollama_api_base_url": [fake.url], "upstream_first_byte_timeout": 0.2}
    async with make_gateway(**settings) as app, _client(app) as http:
        caller = await make_caller(app)
        slow = await http.post(
            "/api/generate", json={"model": "llama3.2", "prompt": "x"}, headers=caller.headers
        )
        assert slow.status_code == 504
        assert slow.json() == {"error": "upstream Ollama server timed out"}
        [record] = await usage_of(app, caller.user_id)
        assert record.status == 504


async def test_idle_upstream_mid_stream_gets_an_in_band_error(
    make_gateway: MakeGateway, fake: FakeOllama
) -> None:
    fake.delay_per_chunk = 0.5
    settings = {"ollama_api_base_url": [fake.url], "upstream_idle_timeout": 0.1}
    async with make_gateway(**settings) as app, _client(app) as http:
        caller = await make_caller(app)
        answer = await http.post("/api/chat", json=CHAT, headers=caller.headers)
        assert answer.status_code == 200
        lines = _lines(answer.content)
        assert lines[-1] == {"error": "upstream Ollama server timed out"}
        [record] = await usage_of(app, caller.user_id)
        assert record.status == 504


async def test_upstream_dying_mid_stream(
    gateway: FastAPI, client: httpx.AsyncClient, fake: FakeOllama
) -> None:
    caller = await make_caller(gateway)
    fake.die_after_chunks = 2
    native = await client.post("/api/chat", json=CHAT, headers=caller.headers)
    assert native.status_code == 200
    lines = _lines(native.content)  # every line is whole JSON, the error is the last one
    assert len(lines) == 3
    assert "message" in lines[0]
    assert lines[-1] == {"error": "upstream Ollama server connection failed"}
    compat = await client.post(
        "/v1/chat/completions", json={**CHAT, "stream": True}, headers=caller.headers
    )
    events = [e for e in compat.text.split("\n\n") if e]
    assert events[-1] == "data: [DONE]"
    error = orjson.loads(events[-2].removeprefix("data: "))["error"]
    assert error["message"] == "upstream Ollama server connection failed"
    records = await usage_of(gateway, caller.user_id, 2)
    assert [r.status for r in records] == [502, 502]
    assert all(r.error and "BrokenResponse" in r.error for r in records)
    # charged one completion token per line relayed before the cut
    assert records[0].completion_tokens == len(lines) - 1
    assert records[1].completion_tokens == len(events) - 2


async def test_upstream_error_line_passes_through(
    gateway: FastAPI, client: httpx.AsyncClient, fake: FakeOllama
) -> None:
    caller = await make_caller(gateway)
    fake.error_in_stream = "runner crashed"
    answer = await client.post(
        "/api/generate", json={"model": "llama3.2", "prompt": "x"}, headers=caller.headers
    )
    lines = _lines(answer.content)
    assert lines[-1] == {"error": "runner crashed"}
    [record] = await usage_of(gateway, caller.user_id)
    assert record.status == 502
    assert record.completion_tokens == len(lines) - 1
    assert record.error
    assert "runner crashed" in record.error


async def test_client_disconnect_cancels_upstream(
    gateway: FastAPI, served: str, fake: FakeOllama
) -> None:
    caller = await make_caller(gateway)
    fake.delay_per_chunk = 0.2
    fake.chunks = 50
    http = httpx.AsyncClient(base_url=served, headers=caller.headers)
    async with http, http.stream("POST", "/api/chat", json=CHAT) as response:
        async for line in response.aiter_lines():
            assert orjson.loads(line)["done"] is False
            break
    for _ in range(100):
        if fake.cancelled:
            break
        await asyncio.sleep(0.02)
    assert fake.cancelled == 1
    [record] = await usage_of(gateway, caller.user_id)
    assert record.status == 499
    assert record.error == "client disconnected"
    assert record.completion_tokens >= 1  # what was relayed before the client left is charged
    assert gateway.state.upstreams.nodes[0].in_flight == 0


async def test_disconnect_while_waiting_for_the_first_byte(
    gateway: FastAPI, served: str, fake: FakeOllama
) -> None:
    caller = await make_caller(gateway)
    fake.delay_first_byte = 5.0
    async with httpx.AsyncClient(base_url=served, headers=caller.headers) as http:
        request = asyncio.create_task(http.post("/api/chat", json={**CHAT, "stream": False}))
        await fake.wait_for_async(lambda: fake.in_flight == 1)
        request.cancel()
        with pytest.raises(asyncio.CancelledError):
            await request
    [record] = await usage_of(gateway, caller.user_id)
    assert record.status == 499
    for _ in range(100):
        if fake.in_flight == 0:
            break
        await asyncio.sleep(0.02)
    assert fake.in_flight == 0
    assert fake.cancelled == 1


async def test_one_of_two_upstreams_down(make_gateway: MakeGateway, fake: FakeOllama) -> None:
    settings = {"ollama_api_base_url": [_closed_port(), fake.url]}
    async with make_gateway(**settings) as app, _client(app) as http:
        caller = await make_caller(app)
        for _ in range(4):
            answer = await http.post(
                "/api/chat", json={**CHAT, "stream": False}, headers=caller.headers
            )
            assert answer.status_code == 200
        tags = await http.get("/api/tags", headers=caller.headers)
        assert "llama3.2:latest" in tags.text
        records = await usage_of(app, caller.user_id, 5)
        assert {r.upstream for r in records if r.route == "/api/chat"} == {"node-2"}


async def test_busy_node_is_retried_on_the_other(
    make_gateway: MakeGateway, fake: FakeOllama
) -> None:
    async with FakeOllama() as second:
        fake.busy = True
        settings = {"ollama_api_base_url": [fake.url, second.url]}
        async with make_gateway(**settings) as app, _client(app) as http:
            caller = await make_caller(app)
            app.state.upstreams.nodes[1].in_flight = 1  # make node-1 the first choice
            answer = await http.post(
                "/api/chat", json={**CHAT, "stream": False}, headers=caller.headers
            )
            app.state.upstreams.nodes[1].in_flight = 0
            assert answer.status_code == 200
            assert fake.rejected == 1
            assert second.completed == 1
            [record] = await usage_of(app, caller.user_id)
            assert record.upstream == "node-2"
            assert record.status == 200
            second.busy = True
            both = await http.post(
                "/api/chat", json={**CHAT, "stream": False}, headers=caller.headers
            )
            assert both.status_code == 503
            assert "busy" in both.json()["error"]
