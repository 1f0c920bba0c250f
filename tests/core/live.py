"""A live gateway for black-box tools: a real ``ollama-gateway serve`` process on loopback, on
its own SQLite database, in front of a fake Ollama, with the accounts a run needs.

Used by the schemathesis run (``test_openapi_schemathesis``); ``python -m tests.core.live`` starts
one by hand and prints its URL and credentials (to replay a failure with ``st replay``).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.processes import GatewayProcess

ADMIN_PASSWORD = "Admin-Pass-123!"
DEVELOPER_PASSWORD = "Developer-Pass-123!"
#: Settings of a gateway under a black-box run: registration makes developers, and the password
#: policy is the one the schema states (any non-empty password: the policy is a deployment
#: setting, which a static schema cannot state).
RUN_SETTINGS: dict[str, Any] = {
    "default_role": "developer",
    "password_min_length": 1,
    "password_require_uppercase": False,
    "password_require_lowercase": False,
    "password_require_digits": False,
    "password_require_special": False,
    # the limiter stays on (429 is documented), but a run's own pace must not be what it tests
    "rate_limit_per_minute": 100_000,
}


@dataclass(frozen=True)
class Credentials:
    """What a run authenticates with, and the ids it must not revoke (its own)."""

    authorization: str
    user_id: int
    key_id: int | None = None


class LiveGateway(GatewayProcess):
    """``ollama-gateway serve`` on ``127.0.0.1:<free port>``, stopped by :meth:`stop`."""

    def __init__(self, tmp: Path, ollama_url: str, **settings: Any) -> None:
        tmp.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("RATE_LIMIT", "REDIS"))}
        env.update(
            {
                "ENVIRONMENT": "test",
                "DATA_DIR": str(tmp / "data"),
                "DATABASE_URL": f"sqlite+aiosqlite:///{tmp / 'gateway.db'}",
                "SECRET_KEY": "live-gateway-test-secret-" + "z" * 40,
                "ADMIN_PASSWORD": ADMIN_PASSWORD,
                "OLLAMA_API_BASE_URL": ollama_url,
                "LOG_JSON": "false",
                "LOG_LEVEL": "WARNING",
                "RATE_LIMIT_AUTH_PER_MINUTE": "100000",
                "REGISTRATION_OPEN": "true",
            }
        )
        env.update({name.upper(): str(value) for name, value in settings.items()})
        super().__init__(env, tmp / "gateway.log")

    # -- accounts ------------------------------------------------------------------------------
    def login(self, username: str, password: str) -> tuple[str, int]:
        """An access token of ``username`` and the user's id."""
        with httpx.Client(base_url=self.url, timeout=30) as client:
            answer = client.post(
                "/api/auth/login", json={"username": username, "password": password}
            )
            assert answer.status_code == 200, answer.text
            token: str = answer.json()["access_token"]
            me = client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
            assert me.status_code == 200, me.text
            return token, int(me.json()["id"])

    def admin_session(self) -> Credentials:
        token, user_id = self.login("admin", ADMIN_PASSWORD)
        return Credentials(f"Bearer {token}", user_id)

    def developer_key(self, username: str = "developer") -> Credentials:
        """A developer (registered with ``DEFAULT_ROLE=developer``) and a new key of theirs."""
        with httpx.Client(base_url=self.url, timeout=30) as client:
            created = client.post(
                "/api/auth/register",
                json={
                    "username": username,
                    "email": f"{username}@example.com",
                    "password": DEVELOPER_PASSWORD,
                },
            )
            assert created.status_code == 201, created.text
            token, user_id = self.login(username, DEVELOPER_PASSWORD)
            key = client.post(
                "/api/auth/api-keys",
                json={"name": "schemathesis"},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert key.status_code == 201, key.text
            body = key.json()
            return Credentials(f"Bearer {body['key']}", user_id, int(body["id"]))


def main() -> None:  # pragma: no cover - a developer's tool
    from tests.fakes.ollama import FakeOllama

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the gateway too
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/og-live")
    fake = FakeOllama(record_requests=False).start_in_thread()
    gateway = LiveGateway(root, fake.url, **RUN_SETTINGS)
    try:
        gateway.wait_ready()
        print(gateway.url)
        print("admin", gateway.admin_session().authorization)
        print("developer", gateway.developer_key().authorization, flush=True)
        while gateway.process.poll() is None:
            time.sleep(1)
    finally:
        gateway.stop()
        fake.stop()


if __name__ == "__main__":  # pragma: no cover
    main()
