"""A real gateway process on loopback for the browser tests.

``ollama-gateway serve`` runs in a subprocess on a free port with its own SQLite file, in front of
the fake Ollama of ``tests/fakes`` (served from this process, so tests can turn its knobs).
Self-registered accounts are developers (``DEFAULT_ROLE``), so one account sees every page of
the portal but the admin's.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

PASSWORD = "Portal-Pass-123!"
ADMIN_PASSWORD = "Admin-Portal-123!"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveGateway:
    """``with LiveGateway(tmp, upstream_url) as gw: gw.url``."""

    def __init__(self, data_dir: Path, upstream: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = data_dir / "gateway.log"
        self.env = {
            **os.environ,
            "ENVIRONMENT": "test",
            "DATA_DIR": str(data_dir),
            "DATABASE_URL": f"sqlite+aiosqlite:///{data_dir}/gateway.db",
            "SECRET_KEY": "e2e-secret-" + "k" * 40,
            "ADMIN_PASSWORD": ADMIN_PASSWORD,
            "OLLAMA_API_BASE_URL": upstream,
            "DEFAULT_ROLE": "developer",
            "RATE_LIMIT_AUTH_PER_MINUTE": "10000",
            "RATE_LIMIT_PER_MINUTE": "10000",
            "UPSTREAM_HEALTH_INTERVAL": "1",
            "CACHE_ENABLED": "false",
            "LOG_LEVEL": "WARNING",
        }
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> LiveGateway:
        binary = Path(sys.executable).with_name("ollama-gateway")
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [str(binary), "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gateway exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(self.url + "/health", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise TimeoutError("gateway did not start")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def register(self, username: str) -> None:
        """An account made through the API (the browser tests sign it in)."""
        answer = httpx.post(
            self.url + "/api/auth/register",
            json={"username": username, "email": f"{username}@example.com", "password": PASSWORD},
        )
        answer.raise_for_status()
