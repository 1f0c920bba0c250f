"""``/api/admin/upstreams``: add, change and remove nodes with their live state, audited, the
secret never shown; a change reaches another process within a second (poll and Redis); node
priority in the pool's choice.  SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from ollama_gateway.auth.models import AuditEvent
from ollama_gateway.catalog.models import UpstreamNode
from ollama_gateway.core.config import Settings
from ollama_gateway.core.metrics import Metrics
from ollama_gateway.core.sealing import open_secret
from ollama_gateway.gateway.nodes import NodeSpec
from ollama_gateway.gateway.upstreams import UpstreamPool
from ollama_gateway.main import create_app
from tests.auth.factories import make_actor
from tests.conftest import TEST_SECRET, MakeApp, MakeSettings, http_client, running
from tests.fakes.ollama import FakeOllama
from tests.users.factories import database

UPSTREAMS = "/api/admin/upstreams"


@pytest.fixture(scope="module")
async def fake() -> AsyncIterator[FakeOllama]:
    async with FakeOllama() as server:
        yield server


@pytest.fixture(scope="module")
async def private(
    make_settings: MakeSettings, backend: str, fresh_database_url: Callable[[str], str]
) -> AsyncIterator[FastAPI]:
    """A gateway of the module on a fresh database of the backend (its only environment node,
    port 9, never answers)."""
    settings = make_settings(
        database_url=fresh_database_url(backend), ollama_api_base_url=["http://127.0.0.1:9"]
    )
    app = create_app(settings)
    async with running(app):
        yield app


async def _eventually(check: Callable[[], Any], seconds: float = 3.0) -> Any:
    start = time.monotonic()
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() - start < seconds, "condition not met in time"
        await asyncio.sleep(0.02)


async def test_add_change_remove_with_live_state(private: FastAPI, fake: FakeOllama) -> None:
    admin = await make_actor(private, "admin")
    pool: UpstreamPool = private.state.upstreams
    async with database(private).session() as session:
        # SQLite gives a removed node's id again: events of another test's node may share it
        seen = await session.scalar(select(func.coalesce(func.max(AuditEvent.id), 0)))
    async with http_client(private) as http:
        created = await http.post(
            UPSTREAMS,
            headers=admin.headers,
            json={"name": "gpu-1", "url": fake.url + "/", "priority": 5, "api_key": "sk-secret"},
        )
        assert created.status_code == 201, created.text
        node = created.json()
        assert node["url"] == fake.url
        assert node["has_api_key"] is True
        assert "sk-secret" not in created.text
        assert "api_key" not in node
        node_id = node["id"]
        live = await _eventually(lambda: next((n for n in pool.nodes if n.name == "gpu-1"), None))
        assert live.spec.priority == 5
        await _eventually(lambda: live.healthy)

        listed = (await http.get(UPSTREAMS, headers=admin.headers)).json()
        assert listed[0]["source"] == "environment"
        mine = next(n for n in listed if n["id"] == node_id)
        assert mine["source"] == "database"
        status = mine["status"]
        assert status["healthy"] is True
        assert status["version"] == fake.version
        assert "llama3.2:latest" in status["models"]
        assert status["in_flight"] == 0
        assert listed[0]["status"]["healthy"] is False  # nothing listens on port 9
        assert listed[0]["status"]["last_error"]

        changed = await http.patch(
            f"{UPSTREAMS}/{node_id}", headers=admin.headers, json={"enabled": False}
        )
        assert changed.status_code == 200, changed.text
        assert changed.json()["status"] is None
        assert all(n.name != "gpu-1" for n in pool.nodes)

        removed = await http.delete(f"{UPSTREAMS}/{node_id}", headers=admin.headers)
        assert removed.status_code == 204
        missing = await http.patch(f"{UPSTREAMS}/{node_id}", headers=admin.headers, json={})
        assert missing.status_code == 404

    async with database(private).session() as session:
        events = (
            await session.scalars(
                select(AuditEvent)
                .where(AuditEvent.target.in_(["upstream:gpu-1", f"upstream:{node_id}"]))
                .where(AuditEvent.id > seen)
                .order_by(AuditEvent.id)
            )
        ).all()
    assert [e.kind for e in events] == ["upstream_created", "upstream_updated", "upstream_deleted"]
    assert events[0].details is not None
    assert events[0].details["api_key"] == "set"


async def test_the_secret_is_stored_sealed(private: FastAPI, fake: FakeOllama) -> None:
    admin = await make_actor(private, "admin")
    async with http_client(private) as http:
        body = {"name": "sealed", "url": fake.url, "enabled": False, "api_key": "sk-1"}
        node_id = (await http.post(UPSTREAMS, headers=admin.headers, json=body)).json()["id"]
        async with database(private).session() as session:
            row = await session.get(UpstreamNode, node_id)
            assert row is not None
            assert row.api_key_encrypted is not None
            assert "sk-1" not in row.api_key_encrypted
            assert open_secret(row.api_key_encrypted, secret_key=TEST_SECRET) == "sk-1"
            assert open_secret(row.api_key_encrypted, secret_key="another-" * 8) is None
        cleared = await http.patch(
            f"{UPSTREAMS}/{node_id}", headers=admin.headers, json={"api_key": ""}
        )
        assert cleared.json()["has_api_key"] is False


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"name": "x", "url": "ftp://10.0.0.1"}, 422),
        ({"name": "x", "url": "http://user:pw@10.0.0.1"}, 422),
        ({"name": "x", "url": "http://10.0.0.1:99999"}, 422),
        ({"name": "x", "url": "http://10.0.0.1:0"}, 422),
        ({"name": "x", "url": "Http://[E]:54681/"}, 422),
        ({"name": "x", "url": "http://10.0.0.1", "api_key": "sk-\x01"}, 422),
        ({"name": "x", "url": "http://10.0.0.1", "api_key": "sk 1"}, 422),
        ({"name": "x", "url": "http://10.0.0.1", "tls_verify": 0}, 422),
        ({"name": "x", "url": "http://10.0.0.1", "enabled": "true"}, 422),
        ({"name": "x", "url": "http://10.0.0.1", "priority": 1.5}, 422),
        ({"name": "x", "url": "http://10.0.0.1", "kind": "vllm"}, 422),
        ({"name": "x", "url": "http://10.0.0.1", "max_in_flight": 0}, 422),
        ({"name": "default", "url": "http://10.0.0.1"}, 409),
    ],
)
async def test_invalid_nodes_are_refused(app: FastAPI, body: dict[str, Any], status: int) -> None:
    """On the session app (its one environment node is named ``default``): nothing is stored."""
    admin = await make_actor(app, "admin")
    async with http_client(app) as http:
        answer = await http.post(UPSTREAMS, headers=admin.headers, json=body)
    assert answer.status_code == status, answer.text


async def test_node_ids_out_of_range_are_refused_and_missing_ones_not_found(app: FastAPI) -> None:
    admin = await make_actor(app, "admin")
    async with http_client(app) as http:
        for node_id in (0, 2**31, 2**63):
            change = await http.patch(f"{UPSTREAMS}/{node_id}", headers=admin.headers, json={})
            remove = await http.delete(f"{UPSTREAMS}/{node_id}", headers=admin.headers)
            assert (change.status_code, remove.status_code) == (422, 422), node_id
        assert (
            await http.delete(f"{UPSTREAMS}/{2**31 - 1}", headers=admin.headers)
        ).status_code == 404


async def test_non_admins_are_refused(app: FastAPI) -> None:
    async with http_client(app) as http:
        for role in ("developer", "user", "read-only"):
            actor = await make_actor(app, role)
            assert (await http.get(UPSTREAMS, headers=actor.headers)).status_code == 403
            body = {"name": "n", "url": "http://10.0.0.1"}
            answer = await http.post(UPSTREAMS, headers=actor.headers, json=body)
            assert answer.status_code == 403


@pytest.mark.parametrize("transport", ["poll", "redis"])
async def test_a_change_reaches_another_process_within_a_second(
    make_app: MakeApp,
    backend: str,
    fresh_database_url: Callable[[str], str],
    request: pytest.FixtureRequest,
    fake: FakeOllama,
    transport: str,
) -> None:
    shared: dict[str, Any] = {
        "database_url": fresh_database_url(backend),
        "ollama_api_base_url": ["http://127.0.0.1:9"],
        "catalog_reload_interval": 0,
    }
    if transport == "redis":
        shared["redis_url"] = request.getfixturevalue("redis_url")
        shared["redis_key_prefix"] = f"ogw-test-{uuid.uuid4().hex[:8]}"
    else:
        shared["runtime_sync_seconds"] = 0.2
    async with make_app(**shared) as one, make_app(**shared) as two:
        admin = await make_actor(one, "admin")
        other: UpstreamPool = two.state.upstreams
        async with http_client(one) as http:
            body = {"name": "shared", "url": fake.url}
            created = await http.post(UPSTREAMS, headers=admin.headers, json=body)
            assert created.status_code == 201, created.text
            start = time.monotonic()
            await _eventually(lambda: any(n.name == "shared" for n in other.nodes), 1.0)
            assert time.monotonic() - start < 1.0
            patch = {"enabled": False}
            node_id = created.json()["id"]
            await http.patch(f"{UPSTREAMS}/{node_id}", headers=admin.headers, json=patch)
            await _eventually(lambda: all(n.name != "shared" for n in other.nodes), 1.0)


async def test_priority_decides_until_the_preferred_node_is_full(
    make_settings: MakeSettings,
) -> None:
    settings: Settings = make_settings()
    pool = UpstreamPool(settings, Metrics())
    specs = [
        NodeSpec(key="a", name="a", url="http://10.255.0.1:1", max_in_flight=1, priority=0),
        NodeSpec(key="b", name="b", url="http://10.255.0.2:1", max_in_flight=1, priority=3),
    ]
    try:
        await pool.sync(specs)
        first = await pool.acquire(None)
        second = await pool.acquire(None)
        assert (first.name, second.name) == ("b", "a")
        pool.release(first)
        assert pool.pick(None).name == "b"
    finally:
        await pool.close()


@pytest.mark.parametrize(
    "url",
    ["http://[::1]:9", "HTTPS://[fe80::1:2]/v1", "http://[::ffff:10.0.0.1]:65535", "http://a:1"],
)
async def test_urls_the_schema_allows_are_taken(private: FastAPI, url: str) -> None:
    """The schema's ``pattern`` is exactly what the validator takes (IPv6 hosts, ports 1-65535)."""
    admin = await make_actor(private, "admin")
    body = {"name": f"u-{uuid.uuid4().hex[:8]}", "url": url, "enabled": False}
    async with http_client(private) as http:
        answer = await http.post(UPSTREAMS, headers=admin.headers, json=body)
        assert answer.status_code == 201, answer.text
        node_id = answer.json()["id"]
        patched = await http.patch(
            f"{UPSTREAMS}/{node_id}", headers=admin.headers, json={"tls_verify": "false"}
        )
        assert patched.status_code == 422, patched.text
        assert (await http.delete(f"{UPSTREAMS}/{node_id}", headers=admin.headers)).is_success


async def test_a_stored_key_no_header_can_carry_fails_no_request(
    make_settings: MakeSettings, fake: FakeOllama
) -> None:
    """A key stored before the schema refused control characters is left out of the headers
    (aiohttp would raise ``ValueError`` on every request: 500 on /api/admin/models/{name})."""
    pool = UpstreamPool(make_settings(), Metrics())
    try:
        spec = NodeSpec(key="db:1", name="bad", url=fake.url, max_in_flight=4, api_key="sk-\x01")
        await pool.sync([spec], wait=True)
        node = pool.pick(None)
        async with node.session.get(node.url("/api/tags")) as answer:
            assert answer.status == 200
    finally:
        await pool.close()
