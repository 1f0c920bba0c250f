"""The container and orchestration files, checked without a container engine (none runs here).

* ``Dockerfile``: hadolint (from PyPI) finds nothing at warning level or above, and the runtime
  stage runs as a non-root user with a healthcheck on the liveness probe.
* ``compose.yaml``: the machine's ``docker-compose config`` accepts it (with the secrets it
  requires set), and it runs two gateway replicas behind nginx with PostgreSQL and Redis, the
  migrations once before them, and Ollama only under its profile.
* ``deploy/kubernetes``: every manifest is valid for Kubernetes (``kubernetes-validate``,
  strict: no unknown fields), the Deployment probes the real probe paths, and every resource is
  listed in the kustomization.
* The probe paths named in these files answer on a real app.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from httpx import AsyncClient

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "kubernetes"
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.xdist_group("deploy")


def _tool(name: str) -> str:
    path = shutil.which(name, path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if path is None:
        pytest.fail(f"{name} is not installed: scripts/setup dev installs it")
    return path


def _run(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, env=env, check=False)


def test_dockerfile_passes_hadolint() -> None:
    result = _run(_tool("hadolint"), "--failure-threshold", "warning", "Dockerfile")
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_runtime_is_slim_non_root_and_health_checked() -> None:
    text = (ROOT / "Dockerfile").read_text()
    stages = re.split(r"^FROM ", text, flags=re.MULTILINE)[1:]
    assert [s.split()[-1] for s in (stage.splitlines()[0] for stage in stages)] == [
        "ui",
        "build",
        "runtime",
    ]
    runtime = stages[-1]
    assert "slim" in runtime.splitlines()[0]
    user = re.search(r"^USER (\S+)", runtime, flags=re.MULTILINE)
    assert user is not None
    assert user.group(1).split(":")[0] not in {"root", "0"}
    assert "HEALTHCHECK" in runtime
    assert "/health/live" in runtime
    assert "npm ci" in stages[0]
    assert "npm run build" in stages[0]
    assert "pip wheel" in stages[1]


def test_dockerignore_keeps_secrets_and_bulk_out() -> None:
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", ".venv", ".env", "data", "web/node_modules"} <= ignored


def _compose_config() -> dict[str, Any]:
    env = {
        **os.environ,
        "POSTGRES_PASSWORD": "compose-test-password",
        "SECRET_KEY": "k" * 40,
        "ADMIN_PASSWORD": "Compose-Test-1!",
    }
    result = _run(_tool("docker-compose"), "-f", "compose.yaml", "config", env=env)
    assert result.returncode == 0, result.stderr
    config: dict[str, Any] = yaml.safe_load(result.stdout)
    return config


def test_compose_file_is_valid_and_runs_a_fleet() -> None:
    services = _compose_config()["services"]
    assert {"migrate", "gateway", "proxy", "postgres", "redis", "ollama"} <= set(services)
    gateway = services["gateway"]
    assert gateway["deploy"]["replicas"] == 2
    assert gateway["command"] == ["serve", "--no-migrate"]
    assert gateway["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "/health/ready" in " ".join(gateway["healthcheck"]["test"])
    assert gateway["environment"]["DATABASE_URL"].startswith("postgresql+asyncpg://")
    assert gateway["environment"]["REDIS_URL"].startswith("redis://")
    assert services["migrate"]["command"] == ["migrate"]
    assert services["ollama"]["profiles"] == ["ollama"]


def test_compose_refuses_to_start_without_secrets() -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ADMIN_PASSWORD"}}
    env["POSTGRES_PASSWORD"] = "x"
    result = _run(_tool("docker-compose"), "-f", "compose.yaml", "config", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr or "ADMIN_PASSWORD" in result.stderr


def _manifests() -> list[Path]:
    return sorted(p for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")


def test_kubernetes_manifests_are_valid() -> None:
    result = _run(_tool("kubernetes-validate"), "--strict", "--quiet", *map(str, _manifests()))
    assert result.returncode == 0, result.stdout + result.stderr


def test_kubernetes_kustomization_lists_every_resource() -> None:
    listed = set(yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"])
    expected = {p.name for p in _manifests()} - {"secret.example.yaml"}
    assert listed == expected


def test_kubernetes_deployment_probes_and_autoscaler() -> None:
    docs = {p.stem: yaml.safe_load(p.read_text()) for p in _manifests()}
    pod = docs["deployment"]["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready"
    assert container["livenessProbe"]["httpGet"]["path"] == "/health/live"
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert {"configMapRef", "secretRef"} <= {k for ref in container["envFrom"] for k in ref}
    assert docs["hpa"]["spec"]["scaleTargetRef"]["name"] == docs["deployment"]["metadata"]["name"]


def test_yaml_files_pass_yamllint() -> None:
    config = "{extends: relaxed, rules: {line-length: {max: 170}}}"
    result = _run(_tool("yamllint"), "-s", "-d", config, "compose.yaml", str(K8S))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", ["/health/live", "/health/ready", "/health"])
async def test_the_probe_paths_answer(client: AsyncClient, path: str) -> None:
    response = await client.get(path)
    assert response.status_code in {200, 503}, response.text
    assert response.headers["content-type"].startswith("application/json")
