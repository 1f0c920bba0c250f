"""A real gateway process on loopback for the browser tests.

``ollama-gateway serve`` runs in a subprocess on a free port with its own SQLite file, in front of
the fake Ollama of ``tests/fakes`` (served from this process, so tests can turn its knobs).
Self-registered accounts are developers (``DEFAULT_ROLE``), so one account sees every page of
the portal but the admin's.
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx

from tests.processes import GatewayProcess, free_port

PASSWORD = "Portal-Pass-123!"
ADMIN_PASSWORD = "Admin-Portal-123!"


class LiveGateway:
    """``with LiveGateway(tmp, upstream_url) as gw: gw.url`` (``env`` may change before)."""

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
        self.process: GatewayProcess | None = None

    def __enter__(self) -> LiveGateway:
        self.process = GatewayProcess(self.env, self.log, port=self.port)
        self.process.wait_ready()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.stop()

    def register(self, username: str) -> None:
        """An account made through the API (the browser tests sign it in)."""
        answer = httpx.post(
            self.url + "/api/auth/register",
            json={"username": username, "email": f"{username}@example.com", "password": PASSWORD},
        )
        answer.raise_for_status()
