"""The catalog enforced on the gateway: forbidden models get 403 in the family's shape and are
hidden from the listings; stored nodes join the pool without a restart."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from ollama_gateway.catalog import service
from ollama_gateway.catalog.schemas import CatalogModelUpdate, UpstreamNodeCreate
from ollama_gateway.catalog.store import CatalogStore
from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import MakeGateway, make_caller
from tests.users.factories import database

CHAT = {"model": "qwen2.5:0.5b", "messages": [{"role": "user", "content": "x"}], "stream": False}


async def _rule(app: FastAPI, name: str, **fields: object) -> None:
    store: CatalogStore = app.state.catalog
    async with database(app).session() as session:
        await service.upsert_model(
            session, store=store, name=name, data=CatalogModelUpdate(**fields)
        )


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw")


async def test_catalog_rules_and_key_lists(make_gateway: MakeGateway, fake: FakeOllama) -> None:
    async with make_gateway(ollama_api_base_url=[fake.url]) as app, _client(app) as http:
        user = await make_caller(app, "user")
        dev = await make_caller(app, "developer")
        narrow = await make_caller(app, "developer", allowed_models=["llama3.2"])
        await _rule(app, "qwen2.5:0.5b", allowed_roles=["developer"])
        await _rule(app, "nomic-embed-text", enabled=False)

        denied = await http.post("/api/chat", json=CHAT, headers=user.headers)
        assert denied.status_code == 403
        assert denied.json() == {"error": 'model "qwen2.5:0.5b" is not available to the user role'}
        assert (await http.post("/api/chat", json=CHAT, headers=dev.headers)).status_code == 200
        compat = await http.post("/v1/chat/completions", json=CHAT, headers=narrow.headers)
        assert compat.status_code == 403
        error = compat.json()["error"]
        assert error["type"] == "permission_error"
        assert error["message"] == 'this API key may not use model "qwen2.5:0.5b"'
        off = await http.post(
            "/api/embed", json={"model": "nomic-embed-text", "input": "x"}, headers=dev.headers
        )
        assert off.json() == {"error": 'model "nomic-embed-text" is disabled'}
        shown = await http.post(
            "/api/show", json={"model": "nomic-embed-text"}, headers=dev.headers
        )
        assert shown.status_code == 403

        def names(response: httpx.Response) -> set[str]:
            return {m["name"] for m in response.json()["models"]}

        assert names(await http.get("/api/tags", headers=user.headers)) == {"llama3.2:latest"}
        assert names(await http.get("/api/tags", headers=dev.headers)) == {
            "llama3.2:latest",
            "qwen2.5:0.5b",
        }
        assert names(await http.get("/api/tags", headers=narrow.headers)) == {"llama3.2:latest"}
        v1 = (await http.get("/v1/models", headers=narrow.headers)).json()
        assert [m["id"] for m in v1["data"]] == ["llama3.2:latest"]
        hidden = await http.get("/v1/models/qwen2.5:0.5b", headers=narrow.headers)
        assert hidden.status_code == 404
        assert fake.requests_to("/api/chat", "POST")[-1].model == "qwen2.5:0.5b"  # only dev's


async def test_models_and_status_show_addresses_to_admins_only(
    make_gateway: MakeGateway, fake: FakeOllama
) -> None:
    async with make_gateway(ollama_api_base_url=[fake.url]) as app, _client(app) as http:
        user = await make_caller(app, "user")
        admin = await make_caller(app, "admin")
        await _rule(app, "nomic-embed-text", enabled=False)
        host = fake.url.split("//")[1]
        for path in ("/api/models", "/api/status", "/api/tags", "/api/ps", "/api/version"):
            answer = await http.get(path, headers=user.headers)
            assert answer.status_code == 200, path
            assert host not in answer.text, path
        status = (await http.get("/api/status", headers=admin.headers)).json()
        assert status["database"] == "ok"
        assert status["upstreams"][0]["url"] == fake.url
        assert status["upstreams"][0]["healthy"] is True
        models = (await http.get("/api/models", headers=user.headers)).json()
        assert "gateway_version" not in models or models["gateway_version"] is None
        assert "nomic-embed-text:latest" not in {m["name"] for m in models["models"]}
        full = (await http.get("/api/models", headers=admin.headers)).json()
        by_name = {m["name"]: m for m in full["models"]}
        assert by_name["nomic-embed-text:latest"]["enabled"] is False
        assert by_name["llama3.2:latest"]["nodes"] == ["default"]
        assert full["upstreams"] == [{"name": "default", "version": fake.version}]


async def test_a_stored_node_joins_the_pool_at_once(
    make_gateway: MakeGateway, fake: FakeOllama
) -> None:
    other = FakeOllama(models=["tinyllama:latest"])
    gateway = make_gateway(ollama_api_base_url=[fake.url])
    async with other, gateway as app, _client(app) as http:
        dev = await make_caller(app)
        store: CatalogStore = app.state.catalog
        async with database(app).session() as session:
            node = await service.create_node(
                session, store=store, data=UpstreamNodeCreate(name="gpu-2", url=other.url)
            )
        await app.state.upstreams.check_all()
        tags = (await http.get("/api/tags", headers=dev.headers)).json()
        assert "tinyllama:latest" in {m["name"] for m in tags["models"]}
        chat = {**CHAT, "model": "tinyllama"}
        assert (await http.post("/api/chat", json=chat, headers=dev.headers)).status_code == 200
        assert other.completed == 1
        async with database(app).session() as session:
            await service.delete_node(session, store=store, node_id=node.id)
        assert [n.name for n in app.state.upstreams.nodes] == ["default"]
        gone = await http.post("/api/chat", json=chat, headers=dev.headers)
        assert gone.status_code == 404
