"""The request-context middleware: request ids, 413 on declared and on chunked bodies, logs."""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator

import orjson
import pytest
from fastapi import FastAPI, Request
from httpx import ASGITransport, AsyncClient

from ollama_gateway.core.handlers import install_error_handlers
from ollama_gateway.core.logging import JsonFormatter, request_id_var
from ollama_gateway.core.middleware import RequestContextMiddleware

LIMIT = 1000
seen: list[str] = []


def _app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.post("/api/auth/echo")
    async def echo(request: Request) -> dict[str, int]:
        seen.append(request_id_var.get())
        logging.getLogger("test.handler").info("handled")
        return {"size": len(await request.body())}

    @app.post("/api/generate")
    async def generate(request: Request) -> dict[str, int]:
        return {"size": len(await request.body())}

    app.add_middleware(RequestContextMiddleware, max_body_bytes=LIMIT)
    return app


@pytest.fixture
async def client() -> AsyncIterator[AsyncClient]:
    async with AsyncClient(transport=ASGITransport(_app()), base_url="http://t") as http:
        yield http


async def _chunks(total: int) -> AsyncIterator[bytes]:
    sent = 0
    while sent < total:
        yield b"x" * 100
        sent += 100


async def test_within_the_limit_passes(client: AsyncClient) -> None:
    answer = await client.post("/api/auth/echo", content=b"x" * LIMIT)
    assert answer.status_code == 200
    chunked = await client.post("/api/auth/echo", content=_chunks(LIMIT))
    assert chunked.json() == {"size": LIMIT}


@pytest.mark.parametrize("path", ["/api/auth/echo", "/api/generate"])
async def test_declared_oversize_gets_413(client: AsyncClient, path: str) -> None:
    answer = await client.post(path, content=b"x" * (LIMIT + 1))
    assert answer.status_code == 413
    body = answer.json()
    if path == "/api/generate":  # Ollama's shape on Ollama routes
        assert body == {"error": f"Request body exceeds {LIMIT} bytes"}
    else:
        assert body["error"]["type"] == "payload_too_large"
        assert body["error"]["error_id"] == answer.headers["X-Request-ID"]


async def test_chunked_oversize_gets_413(client: AsyncClient) -> None:
    answer = await client.post("/api/auth/echo", content=_chunks(LIMIT * 5))
    assert "content-length" not in answer.request.headers
    assert answer.status_code == 413
    assert answer.json()["error"]["error_id"] == answer.headers["X-Request-ID"]
    assert answer.headers.get_list("x-request-id") == [answer.headers["X-Request-ID"]]


async def test_exempt_prefixes_have_no_body_limit() -> None:
    app = FastAPI()

    @app.post("/api/blobs/{digest}")
    async def upload(request: Request) -> dict[str, int]:
        return {"size": len(await request.body())}

    app.add_middleware(
        RequestContextMiddleware, max_body_bytes=LIMIT, exempt_prefixes=("/api/blobs/",)
    )
    async with AsyncClient(transport=ASGITransport(app), base_url="http://t") as http:
        declared = await http.post("/api/blobs/x", content=b"x" * (LIMIT * 5))
        assert declared.json() == {"size": LIMIT * 5}
        chunked = await http.post("/api/blobs/x", content=_chunks(LIMIT * 5))
        assert chunked.json() == {"size": LIMIT * 5}
        assert declared.headers["X-Request-ID"]
        other = await http.post("/api/blobsx", content=b"x" * (LIMIT + 1))
        assert other.status_code == 413


async def test_request_id_is_propagated_or_generated(client: AsyncClient) -> None:
    given = await client.post("/api/auth/echo", headers={"X-Request-ID": "client-id-1234"})
    assert given.headers["X-Request-ID"] == "client-id-1234"
    assert seen[-1] == "client-id-1234"  # visible to handlers (and so to log lines)
    hostile = await client.post("/api/auth/echo", headers={"X-Request-ID": "<script>\n"})
    generated = await client.post("/api/auth/echo")
    for answer in (hostile, generated):
        assert len(answer.headers["X-Request-ID"]) == 32
    assert hostile.headers["X-Request-ID"] != generated.headers["X-Request-ID"]


async def test_log_lines_carry_the_request_id(client: AsyncClient) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        answer = await client.post("/api/auth/echo", headers={"X-Request-ID": "log-id-12345"})
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    assert answer.status_code == 200
    lines = [orjson.loads(line) for line in stream.getvalue().splitlines()]
    handled = [line for line in lines if line["msg"] == "handled"]
    access = [line for line in lines if line["logger"] == "ollama_gateway.access"]
    assert handled[0]["request_id"] == "log-id-12345"
    assert access[0]["request_id"] == "log-id-12345"
    assert access[0]["status"] == 200


async def test_repeated_headers_keep_their_rules(client: AsyncClient) -> None:
    """The last well-formed X-Request-ID wins, and the last Content-Length counts."""
    repeated = [
        ("X-Request-ID", "first-id-0001"),
        ("X-Request-ID", "<bad id>"),
        ("content-type", "application/octet-stream"),
    ]
    answer = await client.post("/api/auth/echo", headers=repeated, content=b"x" * 10)
    assert answer.headers["X-Request-ID"] == "first-id-0001"
    assert seen[-1] == "first-id-0001"
    both = [("X-Request-ID", "first-id-0001"), ("X-Request-ID", "second-id-0002")]
    answer = await client.post("/api/auth/echo", headers=both)
    assert answer.headers["X-Request-ID"] == "second-id-0002"
