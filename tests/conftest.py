"""Shared fixtures: settings, a database on each backend, a running app and its client, Redis.

* ``make_settings(**overrides)``: a :class:`Settings` on a fresh temporary data directory.
* ``backend``: ``"sqlite"`` or ``"postgres"`` (session-scoped parameter).  Persistence and API
  tests take ``app``/``client`` (or ``backend`` directly) and so run once per backend.
* PostgreSQL: one fresh database per session and xdist worker, ``CREATE DATABASE``'d from the
  ``test`` database as the superuser and dropped at the end; ``fresh_database_url()`` gives more.
  Unreachable: skipped with the reason, but a failure when ``CI=true``.  Same for ``redis_url``.
* ``app`` and ``client``: one app per backend for the whole session (tests make unique users
  with the factories, so they do not depend on order); ``make_app(**settings)`` starts a private
  one for tests that need other settings.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
import pytest
import redis as redis_sync
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from ollama_gateway.core.config import Settings
from ollama_gateway.main import create_app

POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
#: Every test app logs in with this admin password (no generated one unless a test asks).
ADMIN_PASSWORD = "Admin-Pass-123!"
TEST_SECRET = "test-secret-key-" + "x" * 40

MakeSettings = Callable[..., Settings]
MakeApp = Callable[..., AbstractAsyncContextManager[FastAPI]]


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def unavailable(what: str, reason: str) -> None:
    """Skip (with the reason) or, under ``CI=true``, fail: a green CI means everything ran."""
    message = f"{what} unreachable: {reason}"
    if _in_ci():
        pytest.fail(message + " (CI=true requires it)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def tmp_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("og")


@pytest.fixture(scope="session")
def make_settings(tmp_root: Path) -> MakeSettings:
    def factory(**overrides: Any) -> Settings:
        data_dir = tmp_root / f"data-{uuid.uuid4().hex[:8]}"
        values: dict[str, Any] = {
            "environment": "test",
            "data_dir": data_dir,
            "secret_key": TEST_SECRET,
            "admin_password": ADMIN_PASSWORD,
            "rate_limit_auth_per_minute": 10_000,
            "api_key_last_used_flush_seconds": 3600,
            # background SQL would show in the tests that count a request's statements;
            # tests/keys/test_sync.py turns the poll on
            "principal_sync_seconds": 0,
            # likewise the change feed's poll (tests/runtime turns it on)
            "runtime_sync_seconds": 0,
            "log_json": False,
        }
        values.update(overrides)
        return Settings(_env_file=None, **values)  # type: ignore[call-arg]

    return factory


# -- PostgreSQL ------------------------------------------------------------------------------
def _pg(statement: str) -> None:
    """Run one admin statement on its own loop and thread (callable from inside async tests)."""

    async def run() -> None:
        conn = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=3)
        try:
            await conn.execute(statement)
        finally:
            await conn.close()

    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, run()).result()


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Callable[[], str]]:
    """A factory of fresh, uniquely named databases (all dropped at the end of the session)."""
    try:
        _pg("SELECT 1")
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        unavailable(f"PostgreSQL at {POSTGRES_ADMIN_URL}", repr(exc))
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    created: list[str] = []
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")

    def fresh() -> str:
        name = f"og_test_{worker}_{uuid.uuid4().hex[:10]}"
        _pg(f'CREATE DATABASE "{name}"')
        created.append(name)
        return f"{base}/{name}"

    yield fresh
    for name in created:
        _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        # the query console's role of that database (admin.query_postgres), if it made one
        _pg(f'DROP ROLE IF EXISTS "og_query_{name}"')


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgres":
        request.getfixturevalue("postgres_admin")  # skip (or fail under CI) right here
    return str(request.param)


@pytest.fixture(scope="session")
def fresh_database_url(request: pytest.FixtureRequest, tmp_root: Path) -> Callable[[str], str]:
    """``fresh_database_url(backend)``: the URL of a new, empty database of that backend."""

    def factory(kind: str) -> str:
        if kind == "sqlite":
            return f"sqlite+aiosqlite:///{tmp_root / f'db-{uuid.uuid4().hex[:8]}.sqlite'}"
        fresh: Callable[[], str] = request.getfixturevalue("postgres_admin")
        return fresh()

    return factory


@pytest.fixture(scope="session")
def database_url(backend: str, fresh_database_url: Callable[[str], str]) -> str:
    return fresh_database_url(backend)


# -- the application -------------------------------------------------------------------------
@asynccontextmanager
async def running(app: FastAPI) -> AsyncIterator[FastAPI]:
    async with LifespanManager(app, startup_timeout=60, shutdown_timeout=60) as manager:
        yield manager.app  # type: ignore[misc]


@pytest.fixture(scope="session")
async def app(database_url: str, make_settings: MakeSettings) -> AsyncIterator[FastAPI]:
    application = create_app(make_settings(database_url=database_url))
    async with running(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(transport=ASGITransport(app), base_url="http://testserver") as http:
        yield http


@pytest.fixture
def make_app(make_settings: MakeSettings) -> MakeApp:
    """``async with make_app(**settings) as app``: a private, running app (its own data dir)."""

    @asynccontextmanager
    async def factory(**overrides: Any) -> AsyncIterator[FastAPI]:
        application = create_app(make_settings(**overrides))
        async with running(application):
            yield application

    return factory


def http_client(app: FastAPI) -> AsyncClient:
    return AsyncClient(transport=ASGITransport(app), base_url="http://testserver")


# -- Redis -----------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def redis_url() -> str:
    """The machine's Redis (shared: use unique keys or channels, never FLUSHDB)."""
    try:
        redis_sync.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis_sync.RedisError as exc:
        unavailable(f"Redis at {REDIS_URL}", repr(exc))
    return REDIS_URL
