"""A settings change and an upstream change made on one server process apply on another
``ollama-gateway serve`` process within a second: through Redis pub/sub, and through the
database poll without Redis; on SQLite and PostgreSQL.

The second process is a real one (``ollama-gateway serve`` in a subprocess), sharing only the
database (and Redis) with the in-test gateway that makes the changes.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from ollama_gateway.main import create_app
from tests.auth.factories import bearer
from tests.conftest import ADMIN_PASSWORD, TEST_SECRET, MakeSettings, http_client, running
from tests.fakes.ollama import FakeOllama


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _serve(env: dict[str, str], data_dir: Path) -> Iterator[str]:
    """``ollama-gateway serve`` on a free loopback port; its base URL once it answers."""
    port = _free_port()
    command = [sys.executable, "-m", "ollama_gateway.cli", "serve", "--port", str(port)]
    full = {**os.environ, **env, "DATA_DIR": str(data_dir), "LOG_LEVEL": "WARNING"}
    process = subprocess.Popen(command, env=full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                assert process.stderr is not None
                raise AssertionError(f"serve did not start: {process.stderr.read()[-2000:]!r}")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


async def _within(seconds: float, check: Callable[[], Any]) -> float:
    start = time.monotonic()
    while not await check():
        assert time.monotonic() - start < seconds, f"not applied within {seconds} s"
        await asyncio.sleep(0.02)
    return time.monotonic() - start


@pytest.fixture(scope="module")
async def fake() -> AsyncIterator[FakeOllama]:
    async with FakeOllama() as server:
        yield server


@pytest.mark.parametrize(
    ("backend", "transport"),
    [
        ("sqlite", "poll"),
        pytest.param("postgres", "redis", marks=[pytest.mark.postgres, pytest.mark.redis]),
    ],
)
async def test_changes_reach_another_server_process_within_a_second(
    make_settings: MakeSettings,
    fresh_database_url: Callable[[str], str],
    request: pytest.FixtureRequest,
    tmp_path: Path,
    fake: FakeOllama,
    backend: str,
    transport: str,
) -> None:
    """Two of the four combinations (a server process starts slowly); tests/runtime/test_feed.py
    and tests/admin/test_upstreams.py run all four with two apps in this process."""
    database_url = fresh_database_url(backend)
    shared: dict[str, Any] = {"catalog_reload_interval": 0}
    env = {
        "DATABASE_URL": database_url,
        "SECRET_KEY": TEST_SECRET,
        "ADMIN_PASSWORD": ADMIN_PASSWORD,
        "OLLAMA_API_BASE_URL": "http://127.0.0.1:9",
        "CATALOG_RELOAD_INTERVAL": "0",
        "RATE_LIMIT_AUTH_PER_MINUTE": "1000",
        "SHUTDOWN_TIMEOUT": "1",
    }
    if transport == "redis":
        shared["redis_url"] = request.getfixturevalue("redis_url")
        shared["redis_key_prefix"] = f"ogw-test-{uuid.uuid4().hex[:8]}"
        env |= {"REDIS_URL": shared["redis_url"], "REDIS_KEY_PREFIX": shared["redis_key_prefix"]}
        env["RUNTIME_SYNC_SECONDS"] = "0"  # pub/sub alone
    else:
        shared["runtime_sync_seconds"] = 0.2
        env["RUNTIME_SYNC_SECONDS"] = "0.2"
    one = create_app(
        make_settings(
            database_url=database_url, ollama_api_base_url=["http://127.0.0.1:9"], **shared
        )
    )
    async with running(one), http_client(one) as http:
        with _serve(env, tmp_path / "two") as other:
            async with httpx.AsyncClient(base_url=other, timeout=5) as two:
                login = {"username": "admin", "password": ADMIN_PASSWORD}
                token = (await two.post("/api/auth/login", data=login)).json()["access_token"]
                admin = bearer(token)
                answer = await http.patch(
                    "/api/admin/settings", headers=admin, json={"registration_open": False}
                )
                assert answer.status_code == 200, answer.text

                async def closed() -> bool:
                    got = await two.get("/api/admin/settings", headers=admin)
                    return got.json()["registration_open"] is False

                assert await _within(1.0, closed) < 1.0
                body = {"name": "shared", "url": fake.url}
                created = await http.post("/api/admin/upstreams", headers=admin, json=body)
                assert created.status_code == 201, created.text

                async def serving() -> bool:
                    nodes = (await two.get("/api/admin/upstreams", headers=admin)).json()
                    node = next((n for n in nodes if n["name"] == "shared"), None)
                    return node is not None and node["status"] is not None

                assert await _within(1.0, serving) < 1.0
