"""Real ``ollama-gateway serve`` processes on loopback, for the tests that need a process.

:class:`GatewayProcess` runs one on a free port with the environment it is given (usually
:func:`gateway_env`: its own SQLite file, a shared secret, quiet logs); the multi-process limit,
fleet, crash, shutdown and hostile-HTTP tests, the black-box runs (``tests.core.live``) and the
browser tests (``tests.e2e.live``) build on it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


ADMIN_PASSWORD = "Admin-Pass-123!"
METRICS_TOKEN = "metrics-token-for-tests"


def gateway_env(tmp: Path, **settings: Any) -> dict[str, str]:
    """The environment of a gateway process: shared database and secret, quiet logs."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RATE_LIMIT", "REDIS"))}
    env.update(
        {
            "ENVIRONMENT": "test",
            "DATA_DIR": str(tmp / "data"),
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp / 'gateway.db'}",
            "SECRET_KEY": "multi-process-test-secret-" + "y" * 40,
            "ADMIN_PASSWORD": ADMIN_PASSWORD,
            "METRICS_TOKEN": METRICS_TOKEN,
            "LOG_JSON": "false",
            "LOG_LEVEL": "WARNING",
            "CACHE_ENABLED": "false",
            "USAGE_FLUSH_INTERVAL": "0.05",
            "RATE_LIMIT_AUTH_PER_MINUTE": "1000",
        }
    )
    env.update({name.upper(): str(value) for name, value in settings.items()})
    return env


class GatewayProcess:
    """``ollama-gateway serve`` on ``127.0.0.1:<port>`` (a free one by default) with ``env``,
    its output in ``log``; started at once, stopped by :meth:`stop`."""

    def __init__(self, env: dict[str, str], log: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        binary = shutil.which("ollama-gateway", path=str(Path(sys.executable).parent))
        assert binary, "the ollama-gateway console script is not installed"
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [binary, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"gateway exited:\n{self.output()}"
            try:
                if httpx.get(self.url + "/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"gateway not ready:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def metric(self, name: str, labels: str = "") -> float | None:
        text = httpx.get(
            self.url + "/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}
        ).text
        wanted = f"{name}{{{labels}}}" if labels else name
        for line in text.splitlines():
            if line.startswith(wanted + " "):
                return float(line.rsplit(" ", 1)[1])
        return None


def start_pair(tmp: Path, **settings: Any) -> list[GatewayProcess]:
    """Two gateways on one database (the first migrates it before the second starts)."""
    env = gateway_env(tmp, **settings)
    first = GatewayProcess(env, tmp / "gateway-1.log")
    try:
        first.wait_ready()
        second = GatewayProcess(env, tmp / "gateway-2.log")
        second.wait_ready()
    except BaseException:
        first.stop()
        raise
    return [first, second]


def admin_key(gateway: GatewayProcess, limits: dict[str, int], name: str = "limited") -> str:
    """A new API key of the first admin with ``limits`` of its own."""
    with httpx.Client(base_url=gateway.url, timeout=30) as client:
        login = client.post(
            "/api/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD}
        )
        assert login.status_code == 200, login.text
        token = login.json()["access_token"]
        created = client.post(
            "/api/auth/api-keys",
            json={"name": name, "limits": limits},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert created.status_code == 201, created.text
        key: str = created.json()["key"]
        return key
