"""Listings show a management change at once, as Ollama's own ``/api/tags`` does.

The background refresh of the node map is switched off here (``refresh_soon`` a no-op), so only
the re-read before the listing (``gateway.freshness``) can make the change visible.
"""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import make_caller


def _names(answer: httpx.Response) -> set[str]:
    return {model["name"] for model in answer.json()["models"]}


async def test_tags_show_copy_create_and_delete_at_once(
    gateway: FastAPI, client: httpx.AsyncClient, fake: FakeOllama, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gateway.state.gateway.pool, "refresh_soon", lambda node: None)
    dev = await make_caller(gateway)
    admin = await make_caller(gateway, "admin")
    assert "fresh-copy:latest" not in _names(await client.get("/api/tags", headers=dev.headers))
    copied = await client.post(
        "/api/copy", json={"source": "llama3.2", "destination": "fresh-copy"}, headers=dev.headers
    )
    assert copied.status_code == 200
    assert "fresh-copy:latest" in _names(await client.get("/api/tags", headers=dev.headers))
    models = (await client.get("/v1/models", headers=dev.headers)).json()["data"]
    assert "fresh-copy:latest" in {m["id"] for m in models}
    async with client.stream(
        "POST", "/api/create", json={"model": "fresh-made", "from": "llama3.2"}, headers=dev.headers
    ) as created:
        lines = [line async for line in created.aiter_lines() if line]
    assert lines[-1] == '{"status":"success"}'
    assert "fresh-made:latest" in _names(await client.get("/api/tags", headers=dev.headers))
    for name in ("fresh-copy", "fresh-made"):
        deleted = await client.request(
            "DELETE", "/api/delete", json={"model": name}, headers=admin.headers
        )
        assert deleted.status_code == 200
    after = _names(await client.get("/api/tags", headers=dev.headers))
    assert not {"fresh-copy:latest", "fresh-made:latest"} & after
    assert fake.get_model("fresh-copy") is None


async def test_listings_without_changes_ask_no_node(
    gateway: FastAPI, client: httpx.AsyncClient, fake: FakeOllama
) -> None:
    dev = await make_caller(gateway)
    await client.get("/api/tags", headers=dev.headers)  # settles earlier tests' changes
    fake.reset()
    for _ in range(3):
        assert (await client.get("/api/tags", headers=dev.headers)).status_code == 200
    assert fake.requests_to("/api/tags") == []
