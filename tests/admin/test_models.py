"""``/api/admin/models``: every model on every node (two fake Ollamas), catalog settings and
the default model, pulls streamed end to end per node over a real socket, cancelled by the
route or by a disconnect, deletes from chosen nodes; audited.  SQLite (the model routes keep
no state of their own beyond the catalog and audit rows the other tests cover on PostgreSQL)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import httpx
import orjson
import pytest
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy import select

from ollama_gateway.admin import model_catalog
from ollama_gateway.admin.pulls import PullRegistry
from ollama_gateway.auth.models import AuditEvent
from ollama_gateway.core.errors import UpstreamUnavailable
from ollama_gateway.main import create_app
from ollama_gateway.runtime.store import RuntimeSettings
from tests.auth.factories import Actor, make_actor
from tests.conftest import MakeApp, MakeSettings, http_client, running
from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import QUIET, serve
from tests.users.factories import database

MODELS = "/api/admin/models"
PULLS = "/api/admin/model-pulls"


@pytest.fixture(scope="module")
async def fakes() -> AsyncIterator[tuple[FakeOllama, FakeOllama]]:
    async with FakeOllama() as one, FakeOllama(models=["llama3.2:latest"]) as two:
        yield one, two


@pytest.fixture(scope="module")
async def cluster(
    make_settings: MakeSettings, fakes: tuple[FakeOllama, FakeOllama]
) -> AsyncIterator[FastAPI]:
    """One gateway in front of both fakes (``node-1``, ``node-2``) for the module."""
    urls = [fake.url for fake in fakes]
    app = create_app(make_settings(**QUIET, ollama_api_base_url=urls))
    async with running(app):
        yield app


@pytest.fixture(autouse=True)
def _fresh(fakes: tuple[FakeOllama, FakeOllama]) -> None:
    for fake in fakes:
        fake.reset()


async def _audit(app: FastAPI, kind: str, *targets: str) -> list[AuditEvent]:
    """The ``kind`` events about these models (``model:<name>``), oldest first."""
    async with database(app).session() as session:
        stmt = select(AuditEvent).where(AuditEvent.kind == kind).order_by(AuditEvent.id)
        if targets:
            stmt = stmt.where(AuditEvent.target.in_([f"model:{t}" for t in targets]))
        return list((await session.scalars(stmt)).all())


async def test_every_model_on_every_node_with_its_settings(
    cluster: FastAPI, fakes: tuple[FakeOllama, FakeOllama]
) -> None:
    one, _two = fakes
    entry = one.get_model("qwen2.5:0.5b")
    assert entry is not None
    one.registry.touch(entry, 300)
    admin = await make_actor(cluster, "admin")
    async with http_client(cluster) as http:
        listed = {m["name"]: m for m in (await http.get(MODELS, headers=admin.headers)).json()}
        assert listed["llama3.2:latest"]["nodes"] == ["node-1", "node-2"]
        qwen = listed["qwen2.5:0.5b"]
        assert qwen["nodes"] == ["node-1"]
        assert qwen["loaded_on"] == ["node-1"]
        assert qwen["family"] == "qwen2"
        assert qwen["parameter_size"]
        assert qwen["quantization_level"]
        assert len(qwen["digest"]) == 64
        assert qwen["size"] > 0
        assert qwen["enabled"] is True
        assert qwen["default"] is False

        change = {"enabled": False, "allowed_roles": ["developer"], "description": "small"}
        changed = await http.put(f"{MODELS}/qwen2.5:0.5b", headers=admin.headers, json=change)
        assert changed.status_code == 200, changed.text
        body = changed.json()
        assert body["enabled"] is False
        assert body["allowed_roles"] == ["developer"]
        assert body["description"] == "small"
        made_default = await http.put(
            f"{MODELS}/llama3.2", headers=admin.headers, json={"default": True}
        )
        assert made_default.json()["default"] is True
        runtime: RuntimeSettings = cluster.state.runtime_settings
        assert runtime.current.default_model == "llama3.2:latest"  # type: ignore[attr-defined]
        user = await make_actor(cluster, "developer")
        refused = await http.post(
            "/api/generate",
            headers=user.headers,
            json={"model": "qwen2.5:0.5b", "prompt": "hi", "stream": False},
        )
        assert refused.status_code == 403
        assert (await http.get(f"{MODELS}/nope:1", headers=admin.headers)).status_code == 404
    changes = await _audit(cluster, "model_catalog_change", "qwen2.5:0.5b", "llama3.2:latest")
    assert len(changes) == 2
    assert len(await _audit(cluster, "system_settings_change")) == 1


async def _lines(response: httpx.Response) -> AsyncIterator[dict[str, Any]]:
    async for line in response.aiter_lines():
        if line:
            yield orjson.loads(line)


async def _pull(
    base: str, admin: Actor, body: dict[str, Any], *, until: str | None = None
) -> tuple[list[dict[str, Any]], httpx.Response]:
    """The lines of a pull (all, or up to the first whose status is ``until``)."""
    seen: list[dict[str, Any]] = []
    async with (
        httpx.AsyncClient(base_url=base, timeout=30) as http,
        http.stream("POST", PULLS, headers=admin.headers, json=body) as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/x-ndjson")
        async for line in _lines(response):
            seen.append(line)
            if until is not None and line.get("status") == until:
                break
    return seen, response


async def test_pull_progress_streams_per_node_end_to_end(
    cluster: FastAPI, fakes: tuple[FakeOllama, FakeOllama]
) -> None:
    one, two = fakes
    one.delay_per_chunk = two.delay_per_chunk = 0.02
    admin = await make_actor(cluster, "admin")
    async with serve(cluster) as base:
        lines, response = await _pull(base, admin, {"model": "mistral:7b"})
    assert lines[0]["status"] == "pulling"
    assert lines[0]["pull_id"] == response.headers["x-pull-id"]
    assert lines[-1] == {
        "node": None, "status": "success", "error": None, "pull_id": lines[0]["pull_id"]
    }  # fmt: skip
    for node in ("node-1", "node-2"):
        mine = [line for line in lines if line["node"] == node]
        assert mine[0]["status"] == "pulling manifest"
        layers = [line for line in mine if "digest" in line]
        assert layers
        assert all(line["total"] > 0 for line in layers)
        assert any(line.get("completed") == line["total"] for line in layers)
        assert mine[-1]["status"] == "success"
    assert "mistral:7b" in one.models
    assert "mistral:7b" in two.models
    started, ended = await _audit(cluster, "model_pull", "mistral:7b")
    assert started.details is not None
    assert started.details["nodes"] == ["node-1", "node-2"]
    assert ended.details is not None
    assert ended.details["outcomes"] == {"node-1": "success", "node-2": "success"}


async def test_pull_onto_a_chosen_node_and_a_failing_one(
    cluster: FastAPI, fakes: tuple[FakeOllama, FakeOllama]
) -> None:
    one, two = fakes
    admin = await make_actor(cluster, "admin")
    async with http_client(cluster) as http:
        response = await http.post(
            PULLS,
            headers=admin.headers,
            json={"model": "phi3:mini", "nodes": ["node-2"]},
        )
        lines = [orjson.loads(line) for line in response.text.splitlines()]
        assert {line["node"] for line in lines[1:-1]} == {"node-2"}
        assert "phi3:mini" in two.models
        assert "phi3:mini" not in one.models
        unknown = await http.post(
            PULLS, headers=admin.headers, json={"model": "x", "nodes": ["nope"]}
        )
        assert unknown.status_code == 404
        failing = await http.post(
            PULLS, headers=admin.headers, json={"model": "does-not-exist-fail:1"}
        )
    final = orjson.loads(failing.text.splitlines()[-1])
    assert final["status"] == "error"
    assert "node-1" in final["error"]


async def test_a_pull_is_cancelled_through_any_process_of_a_fleet(
    make_app: MakeApp,
    fresh_database_url: Callable[[str], str],
    redis_url: str,
    fakes: tuple[FakeOllama, FakeOllama],
) -> None:
    one, _two = fakes
    one.delay_per_chunk = 0.3
    shared = {
        **QUIET,
        "database_url": fresh_database_url("sqlite"),
        "ollama_api_base_url": [one.url],
        "redis_url": redis_url,
        "redis_key_prefix": f"ogw-test-{uuid.uuid4().hex[:8]}",
    }
    async with make_app(**shared) as running_it, make_app(**shared) as other:
        admin = await make_actor(running_it, "admin")
        async with (
            serve(running_it) as base,
            httpx.AsyncClient(base_url=base, timeout=30) as http,
            http_client(other) as elsewhere,
        ):
            unknown = await elsewhere.post(
                f"{PULLS}/0123456789abcdef/cancel", headers=admin.headers
            )
            assert unknown.status_code == 404
            async with http.stream(
                "POST", PULLS, headers=admin.headers, json={"model": "gemma:2b"}
            ) as response:
                lines = _lines(response)
                pull_id = (await anext(lines))["pull_id"]
                cancel = await elsewhere.post(f"{PULLS}/{pull_id}/cancel", headers=admin.headers)
                assert cancel.json() == {"pull_id": pull_id, "cancelled": True}
                rest = [line async for line in lines]
            assert "cancelled" in {line["status"] for line in rest if line["node"]}
            assert rest[-1]["status"] == "error"
            await one.wait_for_async(lambda: one.cancelled >= 1)
            ended = await elsewhere.post(f"{PULLS}/{pull_id}/cancel", headers=admin.headers)
            assert ended.status_code == 404  # it ended: no process runs it any more
    assert "gemma:2b" not in one.models


async def test_a_pull_is_cancelled_by_the_route_and_by_a_disconnect(
    cluster: FastAPI, fakes: tuple[FakeOllama, FakeOllama]
) -> None:
    one, two = fakes
    one.delay_per_chunk = two.delay_per_chunk = 0.3
    admin = await make_actor(cluster, "admin")
    async with (
        serve(cluster) as base,
        httpx.AsyncClient(base_url=base, timeout=30) as http,
    ):
        async with http.stream(
            "POST", PULLS, headers=admin.headers, json={"model": "gemma:2b"}
        ) as response:
            lines = _lines(response)
            first = await anext(lines)
            cancel = await http.post(f"{PULLS}/{first['pull_id']}/cancel", headers=admin.headers)
            assert cancel.json() == {"pull_id": first["pull_id"], "cancelled": True}
            rest = [line async for line in lines]
        assert {(line["node"], line["status"]) for line in rest if line["node"]} >= {
            ("node-1", "cancelled"),
            ("node-2", "cancelled"),
        }
        assert rest[-1]["status"] == "error"
        await one.wait_for_async(lambda: one.cancelled >= 1)
        await two.wait_for_async(lambda: two.cancelled >= 1)

        async with http.stream(
            "POST", PULLS, headers=admin.headers, json={"model": "gemma:7b"}
        ) as response:
            await anext(_lines(response))
        await one.wait_for_async(lambda: one.cancelled >= 2)
        await two.wait_for_async(lambda: two.cancelled >= 2)
        gone = await http.post(f"{PULLS}/{first['pull_id']}/cancel", headers=admin.headers)
        assert gone.status_code == 404
    assert "gemma:2b" not in one.models
    for _ in range(100):
        if len(await _audit(cluster, "model_pull", "gemma:2b", "gemma:7b")) == 4:
            break
        await asyncio.sleep(0.02)
    outcomes = [
        e.details["outcomes"]
        for e in await _audit(cluster, "model_pull", "gemma:2b", "gemma:7b")
        if e.details and "outcomes" in e.details
    ]
    assert outcomes[0] == {"node-1": "cancelled", "node-2": "cancelled"}


async def test_delete_from_chosen_nodes(
    cluster: FastAPI, fakes: tuple[FakeOllama, FakeOllama]
) -> None:
    one, two = fakes
    one.add_model("tinyllama:latest")
    two.add_model("tinyllama:latest")
    await cluster.state.upstreams.check_all()
    admin = await make_actor(cluster, "admin")
    async with http_client(cluster) as http:
        answer = await http.delete(
            f"{MODELS}/tinyllama", headers=admin.headers, params={"node": "node-1"}
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["results"] == [{"node": "node-1", "status": "deleted", "error": None}]
        assert "tinyllama:latest" not in one.models
        assert "tinyllama:latest" in two.models
        again = await http.delete(
            f"{MODELS}/tinyllama", headers=admin.headers, params={"node": "node-1"}
        )
        assert again.json()["results"][0]["status"] == "not_found"
        await cluster.state.upstreams.check_all()
        rest = await http.delete(f"{MODELS}/tinyllama", headers=admin.headers)
        assert [r["node"] for r in rest.json()["results"]] == ["node-2"]
        assert "tinyllama:latest" not in two.models
        await cluster.state.upstreams.check_all()  # the node's refresh, not a race with it
        nowhere = await http.delete(f"{MODELS}/tinyllama", headers=admin.headers)
        assert nowhere.status_code == 404
    assert len(await _audit(cluster, "model_delete", "tinyllama")) == 3


async def test_non_admins_are_refused(app: FastAPI) -> None:
    async with http_client(app) as http:
        for role in ("developer", "user", "read-only"):
            actor = await make_actor(app, role)
            assert (await http.get(MODELS, headers=actor.headers)).status_code == 403
            pull = await http.post(PULLS, headers=actor.headers, json={"model": "x"})
            assert pull.status_code == 403
            put = await http.put(f"{MODELS}/x", headers=actor.headers, json={"enabled": False})
            assert put.status_code == 403


async def test_each_path_resolves_to_its_own_operation(app: FastAPI) -> None:
    """Pulls live under their own prefix: every path under /api/admin/models/ is a model name,
    and a method a pull route lacks is a 405 naming only its own methods."""
    admin = await make_actor(app, "admin")
    async with http_client(app) as http:
        put = await http.put(f"{PULLS}/abc/cancel", headers=admin.headers)
        assert (put.status_code, put.headers["allow"]) == (405, "POST")
        get = await http.get(PULLS, headers=admin.headers)
        assert (get.status_code, get.headers["allow"]) == (405, "POST")
        cancel = await http.post(f"{PULLS}/abc/cancel", headers=admin.headers)
        assert "no pull with this id" in cancel.json()["error"]["message"]
        named = await http.get(f"{MODELS}/pull", headers=admin.headers)
        assert named.status_code == 404  # a model called "pull", on no node


async def test_update_is_as_strict_as_its_schema(app: FastAPI) -> None:
    admin = await make_actor(app, "admin")
    async with http_client(app) as http:
        for body in ({"default": 0}, {"enabled": "false"}, {"enabled": 1}):
            answer = await http.put(f"{MODELS}/x", headers=admin.headers, json=body)
            assert answer.status_code == 422, body


async def test_a_node_whose_headers_fail_has_nothing_loaded() -> None:
    """aiohttp refuses a header with a control character with ``ValueError`` (not a
    ``ClientError``): the listing treats the node as answering nothing instead of a 500."""

    class _Node:
        session = aiohttp.ClientSession(headers={"Authorization": "Bearer sk-\x01"})

        def url(self, path: str) -> str:
            return f"http://127.0.0.1:9{path}"

    try:
        assert await model_catalog._loaded(_Node()) == set()  # type: ignore[arg-type]
    finally:
        await _Node.session.close()


async def test_a_cancel_without_the_fleets_redis_is_a_503_not_a_404() -> None:
    unreachable = Redis.from_url("redis://127.0.0.1:1", socket_connect_timeout=0.5)
    registry = PullRegistry(unreachable, prefix="ogw-test:")
    with pytest.raises(UpstreamUnavailable):
        await registry.cancel("0123456789abcdef")
    await registry.close()
