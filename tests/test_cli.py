"""The ``ollama-gateway`` console script, run as a user would: in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import MakeApp

STRONG = "Str0ng-Passw0rd!"


def run(data_dir: Path, *args: str, db_url: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ADMIN_", "DATABASE_", "SECRET_", "REDIS_"))
    }
    env.update(DATA_DIR=str(data_dir), DATABASE_URL=db_url, LOG_LEVEL="WARNING")
    return subprocess.run(
        [sys.executable, "-m", "ollama_gateway.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


@pytest.fixture
def workdir(tmp_path: Path) -> tuple[Path, str]:
    return tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"


async def login(app_db: str, make_app: MakeApp, username: str, password: str) -> int:
    async with make_app(database_url=app_db, admin_username="someone-else") as app:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gw") as http:
            response = await http.post(
                "/api/auth/login", data={"username": username, "password": password}
            )
            return response.status_code


def test_migrate_then_create_admin_with_a_generated_password(
    workdir: tuple[Path, str], make_app: MakeApp
) -> None:
    data_dir, db_url = workdir
    migrated = run(data_dir, "migrate", db_url=db_url)
    assert migrated.returncode == 0, migrated.stderr
    assert "up to date" in migrated.stdout
    assert "shown once" in migrated.stdout  # the first admin, created once with the schema

    created = run(
        data_dir, "create-admin", "--username", "ops", "--email", "ops@example.com", db_url=db_url
    )
    assert created.returncode == 0, created.stderr
    line = next(row for row in created.stdout.splitlines() if "shown once" in row)
    password = line.rsplit(": ", 1)[1].strip()
    assert len(password) >= 20
    assert (data_dir / "secret_key").exists()


async def test_created_admin_can_log_in_and_reset_password_replaces_it(
    workdir: tuple[Path, str], make_app: MakeApp
) -> None:
    data_dir, db_url = workdir
    created = run(
        data_dir,
        "create-admin",
        "--username",
        "ops",
        "--email",
        "ops@example.com",
        "--password",
        STRONG,
        db_url=db_url,
    )
    assert created.returncode == 0, created.stderr
    assert STRONG not in created.stdout
    assert await login(db_url, make_app, "ops", STRONG) == 200

    reset = run(data_dir, "reset-password", "--username", "ops", db_url=db_url)
    assert reset.returncode == 0, reset.stderr
    new_password = reset.stdout.rsplit(": ", 1)[1].strip()
    assert await login(db_url, make_app, "ops", STRONG) == 401
    assert await login(db_url, make_app, "ops", new_password) == 200


def test_weak_passwords_and_unknown_users_are_clear_errors(workdir: tuple[Path, str]) -> None:
    data_dir, db_url = workdir
    weak = run(
        data_dir,
        "create-admin",
        "--username",
        "ops",
        "--email",
        "ops@example.com",
        "--password",
        "short",
        db_url=db_url,
    )
    assert weak.returncode == 1
    assert "error: password does not meet the policy" in weak.stderr
    assert "Traceback" not in weak.stderr

    unknown = run(data_dir, "reset-password", "--username", "nobody", db_url=db_url)
    assert unknown.returncode == 1
    assert "user not found" in unknown.stderr


def test_version_flag() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ollama_gateway.cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    from ollama_gateway import __version__

    assert result.stdout.strip() == __version__
