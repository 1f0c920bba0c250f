"""HTTPS upstreams: a fake Ollama behind TLS with a private CA (``trustme``, made at test time).

The gateway trusts it through ``UPSTREAM_CA_BUNDLE`` (both the lean client of the hot path and
the aiohttp sessions of health checks and listings); a certificate it does not trust is a failed
connection: 503 in the family's shape, no upstream address shown, the cause in the usage record.
"""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import orjson
import pytest
import trustme
from fastapi import FastAPI

from ollama_gateway.gateway.client import tls_context
from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import MakeGateway, make_caller, usage_of

CHAT = {"model": "llama3.2", "messages": [{"role": "user", "content": "hi"}]}


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def ca_bundle(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tls") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture(scope="module")
async def tls_fake(ca: trustme.CA) -> AsyncIterator[FakeOllama]:
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(server)
    async with FakeOllama(ssl_context=server) as fake:
        yield fake


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw")


async def _chats(http: httpx.AsyncClient, headers: dict[str, str]) -> list[httpx.Response]:
    return [
        await http.post("/api/chat", json={**CHAT, "stream": False}, headers=headers),
        await http.post("/api/chat", json=CHAT, headers=headers),
        await http.post("/v1/chat/completions", json={**CHAT, "stream": True}, headers=headers),
    ]


async def test_chat_through_https_with_a_private_ca(
    make_gateway: MakeGateway, tls_fake: FakeOllama, ca_bundle: Path
) -> None:
    assert tls_fake.url.startswith("https://")
    settings = {"ollama_api_base_url": [tls_fake.url], "upstream_ca_bundle": str(ca_bundle)}
    async with make_gateway(**settings) as app, _client(app) as http:
        assert app.state.upstreams.nodes[0].healthy is True  # aiohttp health check over TLS
        caller = await make_caller(app)
        tags = await http.get("/api/tags", headers=caller.headers)
        assert "llama3.2:latest" in tags.text
        whole, native, compat = await _chats(http, caller.headers)
        assert whole.status_code == 200
        assert whole.json()["message"]["role"] == "assistant"
        lines = [orjson.loads(line) for line in native.content.splitlines()]
        assert len(lines) > 2
        assert lines[-1]["done"] is True
        assert compat.status_code == 200
        assert compat.text.rstrip().endswith("data: [DONE]")
        assert '"usage"' not in compat.text  # not asked for: the gateway's own request stripped
        records = await usage_of(app, caller.user_id, 4)
        assert [r.status for r in records] == [200, 200, 200, 200]
        assert all(r.completion_tokens > 0 for r in records if r.route != "/api/tags")


@pytest.mark.parametrize("trusted", ["system store", "another CA"])
async def test_an_untrusted_certificate_is_503_without_the_address(
    make_gateway: MakeGateway,
    tls_fake: FakeOllama,
    tmp_path: Path,
    trusted: str,
) -> None:
    settings: dict[str, object] = {"ollama_api_base_url": [tls_fake.url]}
    if trusted == "another CA":
        other = tmp_path / "other.pem"
        trustme.CA().cert_pem.write_to_path(str(other))
        settings["upstream_ca_bundle"] = str(other)
    before = len(tls_fake.requests)
    async with make_gateway(**settings) as app, _client(app) as http:
        assert app.state.upstreams.nodes[0].healthy is False
        caller = await make_caller(app)
        answers = await _chats(http, caller.headers)
        status = await http.get("/api/status", headers=caller.headers)
        for answer in answers:
            assert answer.status_code == 503
            assert "127.0.0.1" not in answer.text
            assert tls_fake.url not in answer.text
        assert isinstance(answers[0].json()["error"], str)
        assert answers[2].json()["error"]["code"] == "external_service_error"
        assert status.status_code == 200
        assert "127.0.0.1" not in status.text
        records = await usage_of(app, caller.user_id, 3)
        assert records[0].error
        assert "CERTIFICATE_VERIFY_FAILED" in records[0].error  # admins see the cause
    assert len(tls_fake.requests) == before  # nothing got through the handshake


async def test_verification_can_be_turned_off(
    make_gateway: MakeGateway, tls_fake: FakeOllama
) -> None:
    settings = {"ollama_api_base_url": [tls_fake.url], "upstream_tls_verify": False}
    async with make_gateway(**settings) as app, _client(app) as http:
        caller = await make_caller(app)
        whole, native, compat = await _chats(http, caller.headers)
        assert [whole.status_code, native.status_code, compat.status_code] == [200, 200, 200]


def test_an_unreadable_ca_bundle_fails_at_startup(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="UPSTREAM_CA_BUNDLE"):
        tls_context(tmp_path / "missing.pem")
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("not a certificate")
    with pytest.raises(ValueError, match="UPSTREAM_CA_BUNDLE"):
        tls_context(garbage)
