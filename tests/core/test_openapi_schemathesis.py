"""Schemathesis against a live gateway: the OpenAPI document is what the server does.

Two real gateway processes (SQLite, each its own database, so that one run's admin actions, such
as deactivating a user, cannot pull the other's credentials away) in front of one fake Ollama, and
one ``schemathesis run --checks all`` with every phase (examples, coverage, fuzzing, stateful)
against each, in parallel:

* **admin**, with an access token (JWT): it reaches every route, including those that need a
  login session (profile, password, API keys);
* **developer**, with an API key: the key's own view (``models:manage``, no admin routes, the
  session-only routes refused).

Any failure fails the test: a 5xx, a status, content type or header the document does not
declare, a body that does not match its schema, a schema-valid request refused or an invalid one
accepted, an undeclared method not answered 405, auth ignored.  ``tests/core/schemathesis.toml``
lists the few semantic rules a schema cannot state (with their reasons).

What is not sent, because it would end the run's own credentials: ``POST /api/auth/logout`` in
the admin run (it revokes the run's session; the developer run, whose key survives a logout,
sends it), and any case whose path names the run's own user or key (``schemathesis_hooks``).

Time box: ``SCHEMATHESIS_MAX_EXAMPLES`` examples per operation and phase (default 10) and a hard
timeout; the seed is fixed (``SCHEMATHESIS_SEED``) so that CI is reproducible.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.fakes.ollama import FakeOllama, FakeOllamaThread

from .live import RUN_SETTINGS, Credentials, LiveGateway

pytestmark = [pytest.mark.xdist_group("schemathesis"), pytest.mark.timeout(420)]

_HERE = Path(__file__).parent
_ROOT = _HERE.parent.parent
_MAX_EXAMPLES = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "10")
_SEED = os.environ.get("SCHEMATHESIS_SEED", "20261204")
_TIMEOUT = 360


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOllamaThread]:
    server = FakeOllama(chunks=3, record_requests=False).start_in_thread()
    yield server
    server.stop()


def _gateways(tmp: Path, fake_url: str, n: int) -> list[LiveGateway]:
    gateways = [LiveGateway(tmp / f"gateway-{i}", fake_url, **RUN_SETTINGS) for i in range(n)]
    try:
        for gateway in gateways:
            gateway.wait_ready()
    except BaseException:
        for gateway in gateways:
            gateway.stop()
        raise
    return gateways


def _command(gateway: LiveGateway, who: Credentials, *extra: str) -> list[str]:
    binary = Path(sys.executable).parent / "schemathesis"
    return [
        str(binary),
        "--config-file",
        str(_HERE / "schemathesis.toml"),
        "run",
        f"{gateway.url}/openapi.json",
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        _MAX_EXAMPLES,
        "--seed",
        _SEED,
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--generation-database",
        "none",
        "--no-color",
        "--output-truncate",
        "false",
        "--header",
        f"Authorization: {who.authorization}",
        *extra,
    ]


def _environment(who: Credentials) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "SCHEMATHESIS_HOOKS": "tests.core.schemathesis_hooks",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(_ROOT), env.get("PYTHONPATH")])),
            "OG_OWN_USER_ID": str(who.user_id),
            "OG_OWN_KEY_ID": "" if who.key_id is None else str(who.key_id),
        }
    )
    return env


def _interrupt(process: subprocess.Popen[bytes]) -> int:
    """Stop a run past the time box; SIGINT first, so that it still reports what it found."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return -1


def _summary(output: str) -> str:
    """The failures and the summary of a run (its whole output is in the log file)."""
    start = output.find("= FAILURES =")
    return output[start - 40 :] if start >= 0 else output[-6000:]


def _finish(name: str, process: subprocess.Popen[bytes], log: Path, deadline: float) -> str | None:
    """Wait for one run (interrupted past ``deadline``); its failure report, if any."""
    try:
        code = process.wait(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        code = _interrupt(process)
    output = log.read_text(errors="replace")
    print(f"== schemathesis, {name}: exit {code}\n{output[-1500:]}")
    if code == 0:
        return None
    return f"== {name}: exit {code} (full log: {log})\n{_summary(output)}"


def test_schemathesis_finds_nothing(tmp_path: Path, fake: FakeOllamaThread) -> None:
    admin_gateway, developer_gateway = _gateways(tmp_path, fake.url, 2)
    try:
        runs = {
            "admin (JWT)": (
                admin_gateway,
                admin_gateway.admin_session(),
                # logout revokes the run's own session (every later case would be a 401)
                ("--exclude-path", "/api/auth/logout"),
            ),
            "developer (API key)": (developer_gateway, developer_gateway.developer_key(), ()),
        }
        started = time.monotonic()
        with ExitStack() as stack:
            processes = {}
            for name, (gateway, who, extra) in runs.items():
                log = tmp_path / f"schemathesis-{name.split()[0]}.log"
                out = stack.enter_context(log.open("wb"))
                command = _command(gateway, who, *extra)
                process = subprocess.Popen(
                    command, cwd=_ROOT, env=_environment(who), stdout=out, stderr=subprocess.STDOUT
                )
                processes[name] = (process, log)
            failed = [
                failure
                for name, (process, log) in processes.items()
                if (failure := _finish(name, process, log, started + _TIMEOUT))
            ]
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(
            f"== schemathesis: {time.monotonic() - started:.0f} s wall, "
            f"{used.ru_utime + used.ru_stime:.0f} s CPU (both runs)"
        )
        assert not failed, "\n".join(failed)
    finally:
        admin_gateway.stop()
        developer_gateway.stop()
