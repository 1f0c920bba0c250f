"""Blob uploads are exempt from ``MAX_REQUEST_BODY_BYTES``, and that is safe.

Model blobs are gigabytes, so ``POST /api/blobs/{digest}`` has no body size limit; the caller and
the ``models:manage`` permission are checked before a single body byte is read, so an
unauthorised upload costs nothing (nothing read, buffered or forwarded).  Here the limit is 1 KiB
and the blobs 64 KiB.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from tests.conftest import http_client
from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import MakeGateway, make_caller, serve

LIMIT = 1024
SIZE = 64 * 1024


def _blob(seed: bytes) -> tuple[bytes, str]:
    data = hashlib.sha256(seed).digest() * (SIZE // 32)
    return data, "sha256:" + hashlib.sha256(data).hexdigest()


class Body:
    """A request body handed out in 4 KiB pieces, counting what the server pulled."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pulled = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for start in range(0, len(self.data), 4096):
            piece = self.data[start : start + 4096]
            self.pulled += len(piece)
            yield piece


@pytest.fixture(scope="module")
async def app(make_gateway: MakeGateway, fake: FakeOllama) -> AsyncIterator[FastAPI]:
    async with make_gateway(ollama_api_base_url=[fake.url], max_request_body_bytes=LIMIT) as gw:
        yield gw


@pytest.fixture
async def http(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with http_client(app) as client:
        yield client


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
async def test_unauthorised_uploads_are_refused_before_the_body_is_read(
    app: FastAPI, http: httpx.AsyncClient, fake: FakeOllama, declared: bool
) -> None:
    data, digest = _blob(b"refused")
    user = await make_caller(app, "user")
    reader = await make_caller(app, "read-only")
    for headers, status in (({}, 401), (user.headers, 403), (reader.headers, 403)):
        body = Body(data)
        sized = {"Content-Length": str(SIZE)} if declared else {}
        answer = await http.post(f"/api/blobs/{digest}", content=body, headers={**headers, **sized})
        assert answer.status_code == status
        assert set(answer.json()) == {"error"}
        assert body.pulled == 0
    assert fake.requests_to(f"/api/blobs/{digest}") == []
    assert digest not in fake.blobs


async def test_a_developer_uploads_blobs_larger_than_the_body_limit(
    app: FastAPI, http: httpx.AsyncClient, fake: FakeOllama
) -> None:
    dev = await make_caller(app, "developer")
    declared, declared_digest = _blob(b"declared")
    sent = await http.post(f"/api/blobs/{declared_digest}", content=declared, headers=dev.headers)
    assert sent.status_code == 201  # the fake checked the sha256 of what it received
    chunked, chunked_digest = _blob(b"chunked")
    body = Body(chunked)
    streamed = await http.post(f"/api/blobs/{chunked_digest}", content=body, headers=dev.headers)
    assert streamed.status_code == 201
    assert body.pulled == SIZE
    assert {declared_digest, chunked_digest} <= fake.blobs
    there = await http.head(f"/api/blobs/{chunked_digest}", headers=dev.headers)
    assert there.status_code == 200


async def test_other_routes_keep_the_body_limit(app: FastAPI, http: httpx.AsyncClient) -> None:
    dev = await make_caller(app, "developer")
    data, _ = _blob(b"chat")
    for path in ("/api/chat", "/api/blobs"):  # "/api/blobs" itself is not under the prefix
        answer = await http.post(path, content=data, headers=dev.headers)
        assert answer.status_code == 413


async def test_a_refused_upload_closes_the_connection_instead_of_draining_the_body(
    app: FastAPI, fake: FakeOllama
) -> None:
    """After a 401/403 on a blob upload the server closes the connection (``Connection:
    close``) rather than reading and discarding gigabytes it will never use."""
    _, digest = _blob(b"never sent")
    user = await make_caller(app, "user")
    async with serve(app) as url:
        host, port = url.removeprefix("http://").split(":")
        for auth, status in ((b"", b"401"), (user.headers["Authorization"].encode(), b"403")):
            reader, writer = await asyncio.open_connection(host, int(port))
            head = b"POST /api/blobs/%s HTTP/1.1\r\nHost: gw\r\nContent-Length: %d\r\n" % (
                digest.encode(),
                1 << 30,
            )
            if auth:
                head += b"Authorization: " + auth + b"\r\n"
            writer.write(head + b"\r\n" + b"x" * 4096)  # a first piece of a 1 GiB body
            answer = await asyncio.wait_for(reader.read(), timeout=5)  # EOF: the server closed
            writer.close()
            assert answer.startswith(b"HTTP/1.1 " + status)
            assert b"\r\nconnection: close\r\n" in answer.lower()
    assert fake.requests_to(f"/api/blobs/{digest}") == []


async def test_a_digest_must_match_whole(
    app: FastAPI, http: httpx.AsyncClient, fake: FakeOllama
) -> None:
    """``^…$`` accepted a final newline (``%0A``), which then went into the upstream URL; the
    digest pattern is now matched in full (issue 8, finding 11)."""
    dev = await make_caller(app, "developer")
    _data, digest = _blob(b"newline")
    for suffix in ("%0A", "%0D%0A", "x", "%20"):
        answer = await http.head(f"/api/blobs/{digest}{suffix}", headers=dev.headers)
        assert answer.status_code == 400, suffix
    posted = await http.post(f"/api/blobs/{digest}%0A", content=b"x", headers=dev.headers)
    assert posted.status_code == 400
    assert "digest" in posted.json()["error"]
    assert [r for r in fake.requests if r.path.startswith("/api/blobs/")] == []
