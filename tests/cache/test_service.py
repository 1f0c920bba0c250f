"""The gateway's seam: lookup, capture, commit, replay in the original form, metrics."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ollama_gateway.cache.memory import MemoryStore
from ollama_gateway.cache.service import ResponseCache
from ollama_gateway.core.metrics import Metrics

CHAT = "/api/chat"
DIGEST = "sha256:abc"
NDJSON = "application/x-ndjson"
STREAM = [
    b'{"model":"m","message":{"role":"assistant","content":"Hel"},"done":false}\n',
    b'{"model":"m","message":{"role":"assistant","content":"lo"},"done":false}\n',
    b'{"model":"m","message":{"role":"assistant","content":""},"done":true,'
    b'"prompt_eval_count":3,"eval_count":2}\n',
]


def _cache(metrics: Metrics | None = None, max_entry_bytes: int = 10_000) -> ResponseCache:
    store = MemoryStore(ttl_seconds=60, max_entries=10, max_total_bytes=1_000_000)
    return ResponseCache(store, metrics=metrics, max_entry_bytes=max_entry_bytes)


def _body(**extra: Any) -> dict[str, Any]:
    return {"model": "m", "messages": [{"role": "user", "content": "hi"}], **extra}


def _count(metrics: Metrics, result: str) -> float:
    return metrics.registry.get_sample_value("ollama_gateway_cache_total", {"result": result}) or 0


async def _fill(cache: ResponseCache, body: dict[str, Any], chunks: list[bytes], **kw: Any) -> bool:
    lookup = await cache.lookup(route=CHAT, body=body, headers={}, digest=DIGEST)
    assert lookup.capture is not None
    for chunk in chunks:
        assert lookup.capture.feed(chunk) is chunk
    return await lookup.commit(status=kw.get("status", 200), media_type=kw.get("media", NDJSON))


async def test_a_deterministic_stream_is_stored_then_replayed_as_a_stream() -> None:
    metrics = Metrics()
    cache = _cache(metrics)
    body = _body(options={"temperature": 0})
    assert await _fill(cache, body, STREAM)
    lookup = await cache.lookup(route=CHAT, body=body, headers={}, digest=DIGEST)
    assert lookup.hit is not None
    assert lookup.capture is None
    assert lookup.headers == {"X-Ollama-Gateway-Cache": "hit"}

    async def endpoint(request: Request) -> Response:
        return lookup.response()

    app = Starlette(routes=[Route("/", endpoint)])
    transport = httpx.ASGITransport(app=app)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://t") as client,
        client.stream("GET", "/") as response,
    ):
        lines = [line async for line in response.aiter_lines()]
        assert response.headers["content-type"] == NDJSON
        assert "content-length" not in response.headers
        assert response.headers["x-ollama-gateway-cache"] == "hit"
    assert [line.encode() + b"\n" for line in lines] == STREAM
    assert (_count(metrics, "miss"), _count(metrics, "store"), _count(metrics, "hit")) == (1, 1, 1)


async def test_stream_and_non_stream_are_stored_apart() -> None:
    cache = _cache()
    body = _body(options={"seed": 5})
    assert await _fill(cache, body, STREAM)
    unstreamed = {**body, "stream": False}
    plain = await cache.lookup(route=CHAT, body=unstreamed, headers={}, digest=DIGEST)
    assert plain.hit is None
    payload = b'{"model":"m","message":{"content":"Hello"},"done":true,"eval_count":2}'
    plain.capture.feed(payload)  # type: ignore[union-attr]
    assert await plain.commit(status=200, media_type="application/json")
    hit = await cache.lookup(route=CHAT, body=unstreamed, headers={}, digest=DIGEST)
    assert hit.hit is not None
    response = hit.response()
    assert response.body == payload
    assert (b"content-length", str(len(payload)).encode()) in response.raw_headers


@pytest.mark.parametrize(
    ("chunks", "status", "why"),
    [
        (STREAM[:2], 200, "no final done line"),
        ([*STREAM[:2], b'{"error":"upstream died"}\n'], 200, "in-band error"),
        (STREAM, 500, "not a success"),
        ([], 200, "empty"),
    ],
)
async def test_incomplete_or_failed_responses_are_not_stored(
    chunks: list[bytes], status: int, why: str
) -> None:
    cache = _cache()
    body = _body(options={"temperature": 0})
    assert not await _fill(cache, body, chunks, status=status), why
    assert (await cache.lookup(route=CHAT, body=body, headers={}, digest=DIGEST)).hit is None


async def test_oversized_responses_are_not_stored() -> None:
    cache = _cache(max_entry_bytes=100)
    body = _body(options={"temperature": 0})
    assert not await _fill(cache, body, STREAM)


async def test_sse_streams_need_their_done_marker() -> None:
    cache = _cache()
    route = "/v1/chat/completions"
    body = {"model": "m", "messages": [], "temperature": 0, "stream": True}
    events = [b'data: {"choices":[{"delta":{"content":"hi"}}]}\n\n', b"data: [DONE]\n\n"]
    for chunks, stored in ((events[:1], False), (events, True)):
        lookup = await cache.lookup(route=route, body=body, headers={}, digest=DIGEST)
        for chunk in chunks:
            lookup.capture.feed(chunk)  # type: ignore[union-attr]
        assert await lookup.commit(status=200, media_type="text/event-stream") is stored
    hit = await cache.lookup(route=route, body=body, headers={}, digest=DIGEST)
    assert hit.hit is not None
    assert (b"content-type", b"text/event-stream") in hit.response().raw_headers


async def test_sampled_requests_are_cached_only_when_forced() -> None:
    metrics = Metrics()
    cache = _cache(metrics)
    body = _body(options={"temperature": 0.9})
    lookup = await cache.lookup(route=CHAT, body=body, headers={}, digest=DIGEST)
    assert (lookup.capture, lookup.hit, lookup.headers) == (None, None, {})
    forced = {"X-Ollama-Gateway-Cache": "force"}
    lookup = await cache.lookup(route=CHAT, body=body, headers=forced, digest=DIGEST)
    assert lookup.capture is not None
    for chunk in STREAM:
        lookup.capture.feed(chunk)
    assert await lookup.commit(status=200, media_type=NDJSON)
    assert (await cache.lookup(route=CHAT, body=body, headers={}, digest=DIGEST)).hit is None
    assert (await cache.lookup(route=CHAT, body=body, headers=forced, digest=DIGEST)).hit


async def test_bypass_neither_reads_nor_writes() -> None:
    metrics = Metrics()
    cache = _cache(metrics)
    body = _body(options={"temperature": 0})
    assert await _fill(cache, body, STREAM)
    bypass = {"X-Ollama-Gateway-Cache": "bypass"}
    lookup = await cache.lookup(route=CHAT, body=body, headers=bypass, digest=DIGEST)
    assert (lookup.hit, lookup.capture) == (None, None)
    assert lookup.headers == {"X-Ollama-Gateway-Cache": "bypass"}
    assert _count(metrics, "bypass") == 1


async def test_unknown_digest_or_route_is_not_cached() -> None:
    cache = _cache()
    body = _body(options={"temperature": 0})
    assert (await cache.lookup(route=CHAT, body=body, headers={}, digest=None)).capture is None
    lookup = await cache.lookup(route="/api/pull", body=body, headers={}, digest=DIGEST)
    assert lookup.capture is None


class _Broken:
    name = "redis"

    async def get(self, key: str) -> bytes | None:
        raise ConnectionError("down")

    async def put(self, key: str, data: bytes) -> None:
        raise ConnectionError("down")

    async def flush(self) -> int:
        return 0

    async def close(self) -> None:
        return None


async def test_a_failing_store_means_misses_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    metrics = Metrics()
    cache = ResponseCache(_Broken(), metrics=metrics, max_entry_bytes=1000)
    body = _body(options={"temperature": 0})
    with caplog.at_level(logging.ERROR, logger="ollama_gateway.cache"):
        for _ in range(3):
            lookup = await cache.lookup(route=CHAT, body=body, headers={}, digest=DIGEST)
            assert lookup.hit is None
    assert len([r for r in caplog.records if r.levelno == logging.ERROR]) == 1
    # one error trips the breaker: the store is not asked again during the cool-down
    assert (_count(metrics, "error"), _count(metrics, "skipped")) == (1, 2)
