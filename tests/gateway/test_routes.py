"""Route details: ``/`` like Ollama, seed 002's chat shape, management targets, blobs, headers."""

from __future__ import annotations

import hashlib

import httpx
from fastapi import FastAPI

from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import make_caller


async def test_root_answers_like_ollama(client: httpx.AsyncClient) -> None:
    plain = await client.get("/")
    assert plain.text == "Ollama is running"
    assert plain.headers["content-type"].startswith("text/plain")
    assert (await client.head("/")).status_code == 200
    page = await client.get("/", headers={"Accept": "text/html,application/xhtml+xml"})
    assert page.status_code == 303
    assert page.headers["location"] == "/ui/"


async def test_seed_002_chat_and_clean_upstream_headers(
    gateway: FastAPI, client: httpx.AsyncClient, fake: FakeOllama
) -> None:
    caller = await make_caller(gateway, "user")
    headers = {**caller.headers, "X-API-Key": caller.key, "Cookie": "og_session=x"}
    answer = await client.post(
        "/api/chat", json={"model": "llama3.2", "prompt": "hello", "stream": False}, headers=headers
    )
    assert answer.status_code == 200
    assert answer.json()["message"]["role"] == "assistant"
    sent = fake.last_request("/api/chat")
    assert sent.json["messages"] == [{"role": "user", "content": "hello"}]
    assert "prompt" not in sent.json
    for secret in ("authorization", "x-api-key", "cookie"):
        assert secret not in sent.headers
    assert sent.host.startswith("127.0.0.1:")


async def test_bad_bodies_get_ollamas_400(gateway: FastAPI, client: httpx.AsyncClient) -> None:
    caller = await make_caller(gateway)
    for body, message in (
        (b"", "missing request body"),
        (b"[1]", "request body must be a JSON object"),
        (b'{"prompt": "x"}', "model is required"),
    ):
        answer = await client.post("/api/generate", content=body, headers=caller.headers)
        assert answer.status_code == 400
        assert answer.json() == {"error": message}
    broken = await client.post("/api/chat", content=b"{nope", headers=caller.headers)
    assert broken.json()["error"].startswith("invalid JSON body")


async def test_management_needs_its_permission(gateway: FastAPI, client: httpx.AsyncClient) -> None:
    user = await make_caller(gateway, "user")
    denied = await client.post("/api/pull", json={"model": "x"}, headers=user.headers)
    assert denied.status_code == 403
    assert denied.json() == {"error": "requires the models:manage permission"}
    reader = await make_caller(gateway, "read-only")
    chat = await client.post("/api/chat", json={"model": "llama3.2"}, headers=reader.headers)
    assert chat.json() == {"error": "requires the generate permission"}
    assert (await client.get("/api/tags", headers=reader.headers)).status_code == 200


async def test_copy_delete_and_blobs(
    gateway: FastAPI, client: httpx.AsyncClient, fake: FakeOllama
) -> None:
    admin = await make_caller(gateway, "admin")
    copied = await client.post(
        "/api/copy", json={"source": "llama3.2", "destination": "mine"}, headers=admin.headers
    )
    assert copied.status_code == 200
    await gateway.state.upstreams.check_all()
    assert gateway.state.upstreams.knows("mine")
    gone = await client.request(
        "DELETE", "/api/delete", json={"model": "mine"}, headers=admin.headers
    )
    assert gone.status_code == 200
    again = await client.request(
        "DELETE", "/api/delete", json={"model": "mine"}, headers=admin.headers
    )
    assert again.status_code == 404
    data = b"GGUF fake weights"
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    assert (await client.head(f"/api/blobs/{digest}", headers=admin.headers)).status_code == 404
    upload = await client.post(f"/api/blobs/{digest}", content=data, headers=admin.headers)
    assert upload.status_code == 201
    assert (await client.head(f"/api/blobs/{digest}", headers=admin.headers)).status_code == 200
    bad = await client.post("/api/blobs/sha256:nothex", content=data, headers=admin.headers)
    assert bad.status_code == 400
    nowhere = await client.post(
        "/api/pull", json={"model": "x"}, headers={**admin.headers, "X-Ollama-Node": "nope"}
    )
    assert nowhere.json() == {"error": 'no upstream node named "nope"'}
