"""Fixtures of the limiter tests: a controllable clock, limiters on either backend, a private Redis.

``private_redis`` is a redis-server of the test's own on a free port (never the machine's shared
one on 6379), so tests may stop and restart it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import AsyncIterator, Iterator

import pytest
import redis as redis_sync

from ollama_gateway.core.metrics import Metrics
from ollama_gateway.ratelimit.failover import Failover
from ollama_gateway.ratelimit.limiter import Limiter
from ollama_gateway.ratelimit.memory import MemoryBackend
from ollama_gateway.ratelimit.redis import RedisBackend, connect
from tests.processes import free_port


class Clock:
    """A settable clock, started half a second after the next UTC midnight (in the future, so
    that Redis expiries computed from it are never in the past)."""

    def __init__(self) -> None:
        self.now = float((int(time.time()) // 86400 + 1) * 86400) + 0.5

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _redis_reachable(url: str) -> bool:
    try:
        redis_sync.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis_sync.RedisError:
        return False
    return True


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def metrics() -> Metrics:
    return Metrics()


@pytest.fixture
def prefix() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def memory_limiter(clock: Clock, metrics: Metrics) -> Limiter:
    return Limiter(Failover(MemoryBackend(), None, metrics), metrics=metrics, clock=clock)


@pytest.fixture
async def redis_limiter(
    redis_url: str, clock: Clock, metrics: Metrics, prefix: str
) -> AsyncIterator[Limiter]:
    backend = RedisBackend(connect(redis_url, timeout=2.0))
    limiter = Limiter(
        Failover(MemoryBackend(), backend, metrics), metrics=metrics, prefix=prefix, clock=clock
    )
    yield limiter
    await backend.delete_prefix(prefix)
    await backend.close()


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def limiter(request: pytest.FixtureRequest) -> Limiter:
    name = "memory_limiter" if request.param == "memory" else "redis_limiter"
    value: Limiter = request.getfixturevalue(name)
    return value


class PrivateRedis:
    """A redis-server process of the test's own, which the test may stop and start again."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is not installed"
        self._process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not _redis_reachable(self.url):
            assert time.monotonic() < deadline, "private redis-server did not start"
            time.sleep(0.02)

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None


@pytest.fixture
def private_redis() -> Iterator[PrivateRedis]:
    if shutil.which("redis-server") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server is not installed (CI=true)")
        pytest.skip("redis-server is not installed")
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()
