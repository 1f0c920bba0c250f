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


async def test_copy_create_push_and_aliases_cannot_reach_a_disabled_model(
    make_gateway: MakeGateway,
) -> None:
    """A disabled model is refused under every alias Ollama resolves to it, and as the source
    of a copy, create (``from`` or a legacy modelfile's ``FROM``) or push; nothing reaches the
    upstream, and no new name for it appears."""
    own = FakeOllama()
    async with own, make_gateway(ollama_api_base_url=[own.url]) as app, _client(app) as http:
        dev = await make_caller(app, "developer")
        admin = await make_caller(app, "admin")
        await _rule(app, "qwen2.5:0.5b", enabled=False)
        alias = "registry.ollama.ai/library/QWEN2.5:0.5b"
        refused = [
            ("/api/chat", {**CHAT, "model": "library/qwen2.5:0.5b"}),
            ("/api/chat", {**CHAT, "model": alias}),
            ("/v1/chat/completions", {**CHAT, "model": alias}),
            ("/api/show", {"model": "library/qwen2.5:0.5b"}),
            ("/api/copy", {"source": "qwen2.5:0.5b", "destination": "free"}),
            ("/api/copy", {"source": alias, "destination": "free"}),
            ("/api/create", {"model": "free", "from": "library/qwen2.5:0.5b"}),
            ("/api/create", {"model": "free", "modelfile": "FROM qwen2.5:0.5b\nSYSTEM hi"}),
            ("/api/push", {"model": alias}),
        ]
        for path, body in refused:
            answer = await http.post(path, json=body, headers=admin.headers)
            assert answer.status_code == 403, (path, body)
        assert own.requests_to("/api/copy") == []
        assert own.requests_to("/api/create") == []
        assert own.get_model("free") is None
        # a disabled name may still be replaced or deleted (by a role the rules allow)
        copied = await http.post(
            "/api/copy",
            json={"source": "llama3.2", "destination": "qwen2.5:0.5b"},
            headers=dev.headers,
        )
        assert copied.status_code == 200


async def test_copy_and_create_keep_to_the_keys_allow_list(make_gateway: MakeGateway) -> None:
    own = FakeOllama()
    async with own, make_gateway(ollama_api_base_url=[own.url]) as app, _client(app) as http:
        narrow = await make_caller(app, "developer", allowed_models=["llama3.2"])
        for body in (
            {"source": "qwen2.5:0.5b", "destination": "llama3.2:mine"},  # source not listed
            {"source": "llama3.2", "destination": "elsewhere"},  # new name not listed
        ):
            answer = await http.post("/api/copy", json=body, headers=narrow.headers)
            assert answer.status_code == 403, body
            assert "this API key may not use model" in answer.json()["error"]
        created = await http.post(
            "/api/create",
            json={"model": "llama3.2:mine", "from": "qwen2.5:0.5b", "stream": False},
            headers=narrow.headers,
        )
        assert created.status_code == 403
        assert own.requests_to("/api/copy") == []
        assert own.requests_to("/api/create") == []
        ok = await http.post(
            "/api/copy",
            json={"source": "library/llama3.2", "destination": "llama3.2:backup"},
            headers=narrow.headers,
        )
        assert ok.status_code == 200
        assert own.get_model("llama3.2:backup") is not None
