"""The built wheel, installed into a clean virtual environment, serves the gateway and the portal.

What a container image or a ``pip install`` user gets: the wheel is built from the tree (the
portal's assets included when they are built, as ``scripts/setup`` does), installed with its
pinned dependencies into a new venv that shares nothing with the development one, and its
``ollama-gateway`` console script migrates a fresh SQLite database and serves: Ollama clients
still see ``Ollama is running`` at ``/``, the probes answer, and ``/ui/`` serves the portal.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.xdist_group("wheel"), pytest.mark.timeout(900)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _check(argv: list[str], **kwargs: object) -> None:
    result = subprocess.run(argv, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]
    assert result.returncode == 0, (
        f"{argv[:4]} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the tree: the build's own build/ and egg-info never touch the work tree, and
    what the wheel is compared with cannot change meanwhile."""
    src = tmp_path_factory.mktemp("src") / "tree"
    ignore = shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "data", "__pycache__", "*.egg-info", "build", "tests"
    )
    shutil.copytree(ROOT, src, ignore=ignore)
    return src


@pytest.fixture(scope="module")
def wheel(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _check([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(tree)])
    (built,) = out.glob("ollama_gateway-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env_dir = tmp_path_factory.mktemp("venv") / "clean"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    _check(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "-c",
            str(ROOT / "requirements.lock"),
            str(wheel),
        ],
        timeout=600,
    )
    return env_dir


def test_the_wheel_carries_migrations_and_the_built_portal(wheel: Path, tree: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    static = tree / "src" / "ollama_gateway" / "web" / "static"
    assert any(n.startswith("ollama_gateway/migrations/versions/0001") for n in names)
    assert any(n.startswith("ollama_gateway/migrations/versions/0008") for n in names)
    if (static / "index.html").exists():
        assert "ollama_gateway/web/static/index.html" in names
        assets = {  # what the server serves (the build's .vite manifest and stamps stay out)
            p.relative_to(static).as_posix()
            for p in static.rglob("*")
            if p.is_file() and not p.relative_to(static).as_posix().startswith(".")
        }
        assert {f"ollama_gateway/web/static/{a}" for a in assets} <= names
    else:
        pytest.fail("the portal is not built: scripts/setup builds it before the tests")


@pytest.fixture(scope="module")
def served(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("data")
    port = _free_port()
    env = {
        "PATH": f"{installed / 'bin'}:/usr/bin:/bin",
        "HOME": str(data),
        "DATA_DIR": str(data),
        "DATABASE_URL": f"sqlite+aiosqlite:///{data}/gateway.db",
        "ADMIN_PASSWORD": "Wheel-Test-Pass-1!",
        "OLLAMA_API_BASE_URL": "http://127.0.0.1:9",
        "LOG_LEVEL": "WARNING",
    }
    log = (data / "server.log").open("w")
    process = subprocess.Popen(
        [str(installed / "bin" / "ollama-gateway"), "serve", "--port", str(port)],
        cwd=data,  # nowhere near the source tree: everything comes from the venv
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert process.poll() is None, (data / "server.log").read_text()
            try:
                if httpx.get(f"{url}/health/live", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail(
                "the installed gateway did not start:\n" + (data / "server.log").read_text()
            )
        yield url
    finally:
        process.terminate()
        process.wait(timeout=40)
        log.close()


def test_the_installed_gateway_serves_api_and_portal(served: str, installed: Path) -> None:
    assert str(ROOT) not in " ".join(
        subprocess.run(
            [
                str(installed / "bin" / "python"),
                "-c",
                "import ollama_gateway; print(ollama_gateway.__file__)",
            ],
            capture_output=True,
            text=True,
            check=True,
            env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        ).stdout.split()
    )
    assert httpx.get(f"{served}/").text == "Ollama is running"
    login = httpx.post(
        f"{served}/api/auth/login", data={"username": "admin", "password": "Wheel-Test-Pass-1!"}
    )
    assert login.status_code == 200, login.text
    page = httpx.get(f"{served}/ui/", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    assert "<script" in page.text
