"""``REQUEST_TIMEOUT``: the total deadline of a proxied generation request.

Past it, a request whose response has not started gets 504 in its family's shape; a stream under
way ends with the family's in-band error; either way the upstream request is closed and the usage
record says so.  Management calls (pull...) are exempt.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import httpx
import orjson
import pytest
from fastapi import FastAPI

from ollama_gateway.core.config import Settings
from ollama_gateway.core.errors import UpstreamTimeout
from ollama_gateway.core.metrics import Metrics
from ollama_gateway.gateway.nodes import NodeSpec
from ollama_gateway.gateway.upstreams import UpstreamPool
from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import MakeGateway, make_caller, usage_of

TIMEOUT = 0.5
CHAT = {"model": "llama3.2", "messages": [{"role": "user", "content": "hi"}]}
TIMED_OUT = {"error": "request timed out"}


@pytest.fixture(scope="module")
async def app(make_gateway: MakeGateway, fake: FakeOllama) -> AsyncIterator[FastAPI]:
    async with make_gateway(ollama_api_base_url=[fake.url], request_timeout=TIMEOUT) as gateway:
        yield gateway


@pytest.fixture
async def http(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gw", timeout=10) as client:
        yield client


def _lines(body: bytes) -> list[dict[str, object]]:
    return [orjson.loads(line) for line in body.splitlines() if line]


async def _upstream_closed(fake: FakeOllama, count: int) -> None:
    await fake.wait_for_async(lambda: fake.cancelled == count and fake.in_flight == 0)


async def test_no_answer_in_time_is_504_in_each_family(
    app: FastAPI, http: httpx.AsyncClient, fake: FakeOllama
) -> None:
    caller = await make_caller(app)
    fake.delay_first_byte = 3.0  # well within UPSTREAM_FIRST_BYTE_TIMEOUT (300 s)
    started = time.monotonic()
    native = await http.post("/api/chat", json={**CHAT, "stream": False}, headers=caller.headers)
    assert time.monotonic() - started < 2.0
    assert native.status_code == 504
    assert native.json() == TIMED_OUT
    streamed = await http.post("/api/generate", json={"model": "llama3.2", "prompt": "x"},
                               headers=caller.headers)  # fmt: skip
    assert streamed.status_code == 504  # a stream whose head never came: not started yet
    assert streamed.json() == TIMED_OUT
    compat = await http.post("/v1/embeddings", json={"model": "llama3.2", "input": "x"},
                             headers=caller.headers)  # fmt: skip
    assert compat.status_code == 504
    error = compat.json()["error"]
    assert error["message"] == "request timed out"
    assert error["code"] == "external_service_error"
    await _upstream_closed(fake, 3)
    records = await usage_of(app, caller.user_id, 3)
    assert [r.status for r in records] == [504, 504, 504]
    assert all(r.error and "DeadlineExceeded on default" in r.error for r in records)
    assert app.state.upstreams.nodes[0].in_flight == 0


async def test_a_stream_past_the_deadline_ends_in_band(
    app: FastAPI, http: httpx.AsyncClient, fake: FakeOllama
) -> None:
    caller = await make_caller(app)
    fake.chunks = 100
    fake.delay_per_chunk = 0.05  # never idle for long: the idle timeout (120 s) is not it
    started = time.monotonic()
    native = await http.post("/api/chat", json=CHAT, headers=caller.headers)
    assert time.monotonic() - started < 2.0
    assert native.status_code == 200
    lines = _lines(native.content)
    assert len(lines) > 2
    assert all(line["done"] is False for line in lines[:-1])
    assert lines[-1] == TIMED_OUT
    await _upstream_closed(fake, 1)
    [record] = await usage_of(app, caller.user_id)
    assert record.status == 504
    assert record.error
    assert "DeadlineExceeded" in record.error
    assert record.ttft_ms is not None
    # the final line never came: one completion token per relayed line, the prompt unknown
    assert (record.prompt_tokens, record.completion_tokens) == (0, len(lines) - 1)


async def test_an_sse_stream_past_the_deadline_ends_with_an_error_event(
    app: FastAPI, http: httpx.AsyncClient, fake: FakeOllama
) -> None:
    caller = await make_caller(app)
    fake.chunks = 100
    fake.delay_per_chunk = 0.05
    compat = await http.post(
        "/v1/chat/completions", json={**CHAT, "stream": True}, headers=caller.headers
    )
    assert compat.status_code == 200
    events = [e for e in compat.text.split("\n\n") if e]
    assert len(events) > 3
    assert events[-1] == "data: [DONE]"
    error = orjson.loads(events[-2].removeprefix("data: "))["error"]
    assert error["message"] == "request timed out"
    await _upstream_closed(fake, 1)
    [record] = await usage_of(app, caller.user_id)
    assert record.status == 504
    assert record.completion_tokens == len(events) - 2  # the relayed events, not the error's
    assert app.state.upstreams.nodes[0].in_flight == 0


async def test_management_calls_are_exempt(
    app: FastAPI, http: httpx.AsyncClient, fake: FakeOllama
) -> None:
    admin = await make_caller(app, "admin")
    fake.delay_first_byte = 0.3
    fake.delay_per_chunk = 0.1  # 8+ progress lines: well past REQUEST_TIMEOUT in all
    started = time.monotonic()
    pull = await http.post("/api/pull", json={"model": "tinyllama"}, headers=admin.headers)
    assert time.monotonic() - started > TIMEOUT
    assert _lines(pull.content)[-1] == {"status": "success"}
    fake.delay_per_chunk = 0.0
    fake.delay_first_byte = TIMEOUT + 0.3
    quiet = await http.post(
        "/api/pull", json={"model": "tinyllama", "stream": False}, headers=admin.headers
    )
    assert quiet.json() == {"status": "success"}
    assert fake.cancelled == 0


async def test_waiting_for_a_slot_stops_at_the_deadline(make_settings: object) -> None:
    settings: Settings = make_settings(  # type: ignore[operator]
        upstream_queue_timeout=30, upstream_health_interval=3600
    )
    pool = UpstreamPool(settings, Metrics())
    try:
        async with FakeOllama() as one:
            await pool.start([NodeSpec(key="t:1", name="n1", url=one.url, max_in_flight=1)])
            held = await pool.acquire("llama3.2")
            loop = asyncio.get_running_loop()
            with pytest.raises(UpstreamTimeout) as waited:
                await pool.acquire("llama3.2", deadline=loop.time() + 0.2)
            assert waited.value.status == 504
            assert waited.value.message == "request timed out"
            pool.release(held)
            assert pool.nodes[0].in_flight == 0
    finally:
        await pool.close()
