"""The error tree rendered in the three families' shapes, through the registered handlers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import orjson
import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from pydantic import BaseModel

from ollama_gateway.core.errors import (
    AppError,
    Conflict,
    Family,
    NotFound,
    RateLimited,
    Unauthorized,
    UpstreamTimeout,
    family_for_path,
    render_body,
)
from ollama_gateway.core.handlers import install_error_handlers
from ollama_gateway.core.middleware import RequestContextMiddleware


class Body(BaseModel):
    name: str


def _app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)
    for prefix in ("/api/auth", "/api", "/v1"):

        @app.get(f"{prefix}/conflict")
        async def conflict() -> None:
            raise Conflict("already there", details={"field": "name"})

        @app.get(f"{prefix}/limited")
        async def limited() -> None:
            raise RateLimited(retry_after=7)

        @app.get(f"{prefix}/boom")
        async def boom() -> None:
            raise RuntimeError("secret internals")

        @app.post(f"{prefix}/body")
        async def body(data: Body) -> Body:
            return data

    app.add_middleware(RequestContextMiddleware, max_body_bytes=1000)
    return app


@pytest.fixture
async def client() -> AsyncIterator[AsyncClient]:
    transport = ASGITransport(_app(), raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://t") as http:
        yield http


@pytest.mark.parametrize(
    ("path", "family"),
    [
        ("/api/auth/login", Family.PORTAL),
        ("/api/chats/1", Family.PORTAL),
        ("/api/admin/users", Family.PORTAL),
        ("/health", Family.PORTAL),
        ("/", Family.PORTAL),
        ("/api/generate", Family.OLLAMA),
        ("/api/tags", Family.OLLAMA),
        ("/v1/chat/completions", Family.OPENAI),
        ("/v1", Family.OPENAI),
    ],
)
def test_family_for_path(path: str, family: Family) -> None:
    assert family_for_path(path) is family


def test_render_body_in_each_shape() -> None:
    error = Unauthorized("bad key")
    portal = orjson.loads(render_body(error, Family.PORTAL, "rid-12345678"))["error"]
    assert portal["type"] == "unauthorized"
    assert portal["message"] == "bad key"
    assert portal["error_id"] == "rid-12345678"
    assert set(portal) == {"type", "message", "error_id", "timestamp", "details"}
    assert orjson.loads(render_body(error, Family.OLLAMA, "x")) == {"error": "bad key"}
    openai = orjson.loads(render_body(UpstreamTimeout(), Family.OPENAI, "x"))["error"]
    assert openai["type"] == "api_error"
    assert openai["code"] == "external_service_error"
    assert set(openai) == {"message", "type", "param", "code"}
    assert NotFound("chat").message == "chat not found"
    assert AppError().status == 500


@pytest.mark.parametrize(
    ("prefix", "shape"), [("/api/auth", "portal"), ("/api", "ollama"), ("/v1", "openai")]
)
async def test_handlers_render_by_route_family(
    client: AsyncClient, prefix: str, shape: str
) -> None:
    conflict = await client.get(f"{prefix}/conflict")
    limited = await client.get(f"{prefix}/limited")
    boom = await client.get(f"{prefix}/boom")
    invalid = await client.post(f"{prefix}/body", json={"name": ["x"]})
    malformed = await client.post(
        f"{prefix}/body", content=b"{", headers={"content-type": "application/json"}
    )
    missing = await client.get(f"{prefix}/nope")
    assert conflict.status_code == 409
    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == "7"
    assert boom.status_code == 500
    assert "secret internals" not in boom.text
    assert invalid.status_code == (400 if shape == "ollama" else 422)
    assert malformed.status_code == 400
    assert missing.status_code == 404
    for answer in (conflict, limited, boom, invalid, malformed, missing):
        body = answer.json()
        if shape == "portal":
            assert body["error"]["error_id"] == answer.headers["X-Request-ID"]
        elif shape == "ollama":
            assert isinstance(body["error"], str)
        else:
            assert set(body["error"]) == {"message", "type", "param", "code"}
    if shape == "portal":
        assert conflict.json()["error"]["details"] == {"field": "name"}
        assert limited.json()["error"]["type"] == "rate_limit_error"
        assert invalid.json()["error"]["type"] == "validation_error"
    if shape == "openai":
        assert limited.json()["error"]["type"] == "rate_limit_error"
