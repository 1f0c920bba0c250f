"""Per-user Ollama hosts (seed 004): off by default; allowed by an admin with an allowlist;
saved in ``PUT /api/auth/me/settings``; used for that user's generation only; tested by
``GET /api/status``; and SSRF-safe: loopback, 169.254.169.254, a name resolving to loopback,
the gateway's own address, a name re-pointed to loopback after the save (DNS rebinding) and a
redirect to loopback are all refused, and nothing reaches the loopback server.

A test can only serve on this machine, whose addresses the guard refuses as "the gateway
itself"; the tests that need a *reachable* personal host serve it on the machine's
non-loopback address and switch that one check off (``own_address_allowed``).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from fastapi import FastAPI

from ollama_gateway.core import netguard
from tests.auth.factories import Actor, bearer, make_actor
from tests.conftest import http_client
from tests.core.test_netguard import local_address
from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import MakeGateway

ME = "/api/auth/me/settings"
GENERATE = {"model": "llama3.2", "prompt": "hi", "stream": False}


@pytest.fixture(scope="module")
def address() -> str:
    found = local_address()
    if found is None:
        pytest.skip("this machine has no non-loopback address to serve a personal host on")
    return found


@pytest.fixture(scope="module")
async def pool_fake() -> AsyncIterator[FakeOllama]:
    async with FakeOllama() as server:
        yield server


@pytest.fixture(scope="module")
async def own(address: str) -> AsyncIterator[FakeOllama]:
    """The user's own Ollama, on the machine's non-loopback address."""
    async with FakeOllama(bind=address, version="0.99.1", host_check=False) as server:
        yield server


@pytest.fixture
def own_address_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(netguard, "_is_local", lambda address: False)


@pytest.fixture(scope="module")
async def gateway(
    make_gateway: MakeGateway, pool_fake: FakeOllama, own: FakeOllama
) -> AsyncIterator[FastAPI]:
    """One gateway for the module; each test starts with personal hosts off (``_fresh``)."""
    async with make_gateway(ollama_api_base_url=[pool_fake.url]) as app:
        yield app


@pytest.fixture(autouse=True)
async def _fresh(gateway: FastAPI, pool_fake: FakeOllama, own: FakeOllama) -> None:
    pool_fake.reset()
    own.reset()
    await _allow(gateway, await make_actor(gateway, "admin"), [], enabled=False)


async def _allow(app: FastAPI, admin: Actor, networks: list[str], enabled: bool = True) -> None:
    async with http_client(app) as http:
        body = {"user_hosts_enabled": enabled, "user_hosts_allowlist": networks}
        answer = await http.patch("/api/admin/settings", headers=admin.headers, json=body)
    assert answer.status_code == 200, answer.text


async def _put_host(app: FastAPI, user: Actor, url: str | None) -> Any:
    async with http_client(app) as http:
        return await http.put(ME, headers=user.headers, json={"ollama_host": url})


async def test_off_by_default(gateway: FastAPI, own: FakeOllama) -> None:
    user = await make_actor(gateway, "user")
    answer = await _put_host(gateway, user, own.url)
    assert answer.status_code == 403
    assert "not enabled" in answer.json()["error"]["message"]


@pytest.mark.usefixtures("own_address_allowed")
async def test_the_users_requests_go_to_their_own_host(
    gateway: FastAPI, pool_fake: FakeOllama, own: FakeOllama, address: str
) -> None:
    admin = await make_actor(gateway, "admin")
    user, other = await make_actor(gateway, "user"), await make_actor(gateway, "user")
    await _allow(gateway, admin, [f"{address}/32"])
    saved = await _put_host(gateway, user, own.url)
    assert saved.status_code == 200, saved.text
    assert saved.json()["ollama_host"] == own.url
    async with http_client(gateway) as http:
        mine = await http.post("/api/generate", headers=user.headers, json=GENERATE)
        theirs = await http.post("/api/generate", headers=other.headers, json=GENERATE)
        assert mine.status_code == 200, mine.text
        assert theirs.status_code == 200, theirs.text
        assert len(own.requests_to("/api/generate")) == 1
        assert len(pool_fake.requests_to("/api/generate")) == 1
        with_key = await http.post("/api/generate", headers=bearer(user.key), json=GENERATE)
        assert with_key.status_code == 200, with_key.text
        assert len(own.requests_to("/api/generate")) == 2  # the user's key goes there too

        status = (await http.get("/api/status", headers=user.headers)).json()
        assert status["personal_host"] == {
            "url": own.url, "connected": True, "version": "0.99.1", "error": None
        }  # fmt: skip
        assert status["cloud"] == {"disabled": False, "source": "default"}
        assert (await http.get("/api/status", headers=other.headers)).json()[
            "personal_host"
        ] is None

        await _allow(gateway, admin, [f"{address}/32"], enabled=False)
        again = await http.post("/api/generate", headers=user.headers, json=GENERATE)
        assert again.status_code == 200
        assert len(own.requests_to("/api/generate")) == 2  # back on the pool
        assert len(pool_fake.requests_to("/api/generate")) == 2


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:11434",
        "http://[::1]:11434",
        "http://[::ffff:127.0.0.1]:11434",
        "http://169.254.169.254",
        "http://localhost:11434",
        "http://no-such-host.invalid",
    ],
)
async def test_loopback_metadata_and_names_resolving_there_are_refused(
    gateway: FastAPI, url: str
) -> None:
    admin, user = await make_actor(gateway, "admin"), await make_actor(gateway, "user")
    await _allow(gateway, admin, ["0.0.0.0/0", "::/0"])
    answer = await _put_host(gateway, user, url)
    assert answer.status_code == 422, answer.text
    assert "ollama_host refused" in answer.json()["error"]["message"]


async def test_outside_the_allowlist_and_the_gateways_own_address_are_refused(
    gateway: FastAPI, own: FakeOllama, address: str
) -> None:
    admin, user = await make_actor(gateway, "admin"), await make_actor(gateway, "user")
    await _allow(gateway, admin, ["10.0.0.0/8"])
    outside = await _put_host(gateway, user, own.url)
    assert outside.status_code == 422
    assert "outside" in outside.json()["error"]["message"]
    await _allow(gateway, admin, [f"{address}/32"])
    itself = await _put_host(gateway, user, own.url)
    assert itself.status_code == 422
    assert "gateway itself" in itself.json()["error"]["message"]


@pytest.mark.usefixtures("own_address_allowed")
async def test_a_name_re_pointed_to_loopback_is_refused_at_connection(
    gateway: FastAPI,
    own: FakeOllama,
    pool_fake: FakeOllama,
    address: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """DNS rebinding: the name passed the check when saved, then resolves to loopback (where
    the pool's fake listens, on the same port as the user's host would be)."""
    admin, user = await make_actor(gateway, "admin"), await make_actor(gateway, "user")
    await _allow(gateway, admin, [f"{address}/32"])
    answers = {"ollama.example": [address]}

    async def lookup(host: str, port: int) -> list[str]:
        return answers[host]

    monkeypatch.setattr(netguard, "lookup", lookup)
    url = f"http://ollama.example:{own.port}"
    assert (await _put_host(gateway, user, url)).status_code == 200
    answers["ollama.example"] = ["127.0.0.1"]
    async with http_client(gateway) as http:
        refused = await http.post("/api/generate", headers=user.headers, json=GENERATE)
        status = (await http.get("/api/status", headers=user.headers)).json()
    assert refused.status_code in (502, 503), refused.text
    assert status["personal_host"]["connected"] is False
    assert "loopback" in status["personal_host"]["error"]
    assert own.requests_to("/api/generate") == []
    assert pool_fake.requests_to("/api/generate") == []


@dataclass
class Redirector:
    target: FakeOllama
    url: str = ""
    seen: list[str] = field(default_factory=list)


@pytest.fixture
async def redirector(address: str) -> AsyncIterator[Redirector]:
    """A "personal host" that redirects every request to a fake Ollama on loopback."""
    async with FakeOllama() as target:
        found = Redirector(target)
        async with _bouncing(address, found):
            yield found


@contextlib.asynccontextmanager
async def _bouncing(address: str, found: Redirector) -> AsyncIterator[None]:
    async def bounce(request: web.Request) -> web.Response:
        found.seen.append(request.path)
        raise web.HTTPTemporaryRedirect(f"{found.target.url}{request.path}")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", bounce)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, address, 0)
    await site.start()
    found.url = f"http://{address}:{runner.addresses[0][1]}"
    try:
        yield
    finally:
        await runner.cleanup()


@pytest.mark.usefixtures("own_address_allowed")
async def test_a_redirect_to_loopback_is_not_followed(
    gateway: FastAPI,
    pool_fake: FakeOllama,
    address: str,
    redirector: Redirector,
) -> None:
    admin, user = await make_actor(gateway, "admin"), await make_actor(gateway, "user")
    await _allow(gateway, admin, [f"{address}/32"])
    assert (await _put_host(gateway, user, redirector.url)).status_code == 200
    async with http_client(gateway) as http:
        answer = await http.post("/api/generate", headers=user.headers, json=GENERATE)
        status = (await http.get("/api/status", headers=user.headers)).json()
    assert answer.status_code == 307
    assert "location" not in answer.headers
    assert status["personal_host"]["connected"] is False
    assert "redirect" in status["personal_host"]["error"]
    assert redirector.seen == ["/api/generate", "/api/version"]
    assert redirector.target.requests == []
    assert pool_fake.requests_to("/api/generate") == []
