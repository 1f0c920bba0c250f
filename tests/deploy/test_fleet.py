"""Three gateway processes as three "hosts" (127.0.0.2, .3 and .4) on one PostgreSQL and Redis.

What a fleet must share, checked across real processes:

* a per-key limit of 5 requests a minute holds exactly while requests alternate between them;
* a key revoked on A is refused on B within a second;
* B answers from the cache what A stored;
* an upstream added on A is used by B within a second;
* the nodes are probed once per interval by the whole fleet, not once per process;
* a chat turn started on A is stopped through B.

And a graceful stop: SIGTERM during a stream and a chat turn lets both finish, the process
exits 0, and every request has its usage record.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.fakes.ollama import FakeOllamaThread
from tests.processes import ADMIN_PASSWORD, GatewayProcess, gateway_env

pytestmark = [
    pytest.mark.xdist_group("fleet"),
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.timeout(300),
]

HOSTS = ("127.0.0.2", "127.0.0.3", "127.0.0.4")
INTERVAL = 1.0
MODEL = "llama3.2:latest"
EXTRA_MODEL = "qwen2.5:0.5b"


class HostProcess(GatewayProcess):
    """A gateway process bound to one loopback address of its own (the database is migrated)."""

    def __init__(self, env: dict[str, str], log: Path, host: str) -> None:
        with socket.socket() as sock:
            sock.bind((host, 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://{host}:{self.port}"
        self.log = log
        binary = str(Path(sys.executable).parent / "ollama-gateway")
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [binary, "serve", "--no-migrate", "--host", host, "--port", str(self.port)],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )


def _start(env: dict[str, str], tmp: Path, host: str, index: int) -> HostProcess:
    process = HostProcess(env, tmp / f"gateway-{index}.log", host)
    process.wait_ready()
    return process


@pytest.fixture(scope="module")
def fakes() -> Iterator[tuple[FakeOllamaThread, FakeOllamaThread]]:
    with FakeOllamaThread(models=[MODEL]) as main, FakeOllamaThread(models=[EXTRA_MODEL]) as extra:
        yield main, extra


@pytest.fixture(scope="module")
def fleet(
    tmp_path_factory: pytest.TempPathFactory,
    fresh_database_url: Callable[[str], str],
    redis_url: str,
    fakes: tuple[FakeOllamaThread, FakeOllamaThread],
) -> Iterator[list[HostProcess]]:
    tmp = tmp_path_factory.mktemp("fleet")
    env = gateway_env(
        tmp,
        database_url=fresh_database_url("postgres"),
        redis_url=redis_url,
        redis_key_prefix=f"fleet-{uuid.uuid4().hex[:8]}",
        ollama_api_base_url=fakes[0].url,
        upstream_health_interval=INTERVAL,
        cache_enabled="true",
        rate_limit_enabled="true",
        catalog_reload_interval=30,
    )
    # the first process migrates the database and creates the admin, the others start on it
    first = GatewayProcess(env, tmp / "migrate.log")
    first.wait_ready()
    first.stop()
    processes: list[HostProcess] = []
    try:
        for index, host in enumerate(HOSTS):
            processes.append(_start(env, tmp, host, index))
        yield processes
    finally:
        for process in processes:
            process.stop()


def _login(process: GatewayProcess) -> dict[str, str]:
    response = httpx.post(
        process.url + "/api/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def _new_key(process: GatewayProcess, **fields: Any) -> tuple[int, dict[str, str]]:
    response = httpx.post(
        process.url + "/api/auth/api-keys",
        json={"name": f"fleet-{uuid.uuid4().hex[:6]}", **fields},
        headers=_login(process),
    )
    assert response.status_code == 201, response.text
    return response.json()["id"], {"Authorization": f"Bearer {response.json()['key']}"}


def _chat(process: GatewayProcess, headers: dict[str, str], **extra: Any) -> httpx.Response:
    body = {"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "stream": False}
    return httpx.post(
        process.url + "/api/chat", json={**body, **extra}, headers=headers, timeout=30
    )


def _within(seconds: float, check: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()


def test_a_per_key_limit_holds_exactly_across_processes(fleet: list[HostProcess]) -> None:
    if time.time() % 60 > 45:  # the minute window must not roll over mid-test
        time.sleep(61 - time.time() % 60)
    _key_id, headers = _new_key(fleet[0], limits={"requests_per_minute": 5})
    statuses = [_chat(fleet[i % 3], headers).status_code for i in range(9)]
    assert statuses.count(200) == 5, statuses
    assert statuses.count(429) == 4, statuses


def test_a_key_revoked_on_a_is_refused_on_b_within_a_second(fleet: list[HostProcess]) -> None:
    key_id, headers = _new_key(fleet[0])
    assert _chat(fleet[1], headers).status_code == 200  # warm in B's principal cache
    revoked = httpx.delete(f"{fleet[0].url}/api/auth/api-keys/{key_id}", headers=_login(fleet[0]))
    assert revoked.status_code == 204
    assert _within(1.0, lambda: _chat(fleet[1], headers).status_code == 401)


def test_b_answers_from_the_cache_what_a_stored(fleet: list[HostProcess]) -> None:
    _key_id, headers = _new_key(fleet[0])
    prompt = f"deterministic {uuid.uuid4().hex}"
    body = {"messages": [{"role": "user", "content": prompt}], "options": {"temperature": 0}}
    first = _chat(fleet[0], headers, **body)
    assert first.headers["x-ollama-gateway-cache"] == "miss"
    second = _chat(fleet[1], headers, **body)
    assert second.headers["x-ollama-gateway-cache"] == "hit"
    assert second.json()["message"] == first.json()["message"]


def test_an_upstream_added_on_a_is_used_by_b_within_a_second(
    fleet: list[HostProcess], fakes: tuple[FakeOllamaThread, FakeOllamaThread]
) -> None:
    _key_id, headers = _new_key(fleet[0])
    assert _chat(fleet[1], headers, model=EXTRA_MODEL).status_code == 404  # nobody holds it
    added = httpx.post(
        fleet[0].url + "/api/admin/upstreams",
        json={"name": f"extra-{uuid.uuid4().hex[:6]}", "url": fakes[1].url},
        headers=_login(fleet[0]),
    )
    assert added.status_code == 201, added.text
    assert _within(1.0, lambda: _chat(fleet[1], headers, model=EXTRA_MODEL).status_code == 200)
    assert fakes[1].requests_to("/api/chat")


def test_the_fleet_probes_each_node_once_per_interval(
    fleet: list[HostProcess], fakes: tuple[FakeOllamaThread, FakeOllamaThread]
) -> None:
    before = len(fakes[0].requests_to("/api/version"))
    time.sleep(INTERVAL * 6)
    probes = len(fakes[0].requests_to("/api/version")) - before
    assert 4 <= probes <= 9, probes  # three processes probing on their own: ~18


def test_a_chat_turn_started_on_a_is_stopped_through_b(
    fleet: list[HostProcess], fakes: tuple[FakeOllamaThread, FakeOllamaThread]
) -> None:
    fake = fakes[0]
    fake.chunks, fake.delay_per_chunk = 80, 0.1
    try:
        headers = _login(fleet[0])
        chat = httpx.post(fleet[0].url + "/api/chats", json={"model": MODEL}, headers=headers)
        assert chat.status_code == 201, chat.text
        chat_id = chat.json()["id"]
        question = {"content": "Write a long story about a lighthouse keeper and a storm"}
        with httpx.stream(
            "POST", f"{fleet[0].url}/api/chats/{chat_id}/messages", json=question, headers=headers
        ) as response:
            for line in response.iter_lines():
                if line.startswith("event: delta"):
                    break  # leave: the turn goes on on A
        stopped = httpx.post(f"{fleet[1].url}/api/chats/{chat_id}/stop", headers=headers)
        assert stopped.json() == {"stopped": True}

        def stored_status() -> str:
            answer = httpx.get(f"{fleet[2].url}/api/chats/{chat_id}", headers=headers).json()
            return str(answer["messages"][-1]["status"])

        assert _within(5.0, lambda: stored_status() == "stopped")
    finally:
        fake.chunks, fake.delay_per_chunk = 5, 0.0


def test_sigterm_lets_a_stream_and_a_chat_turn_finish(
    tmp_path: Path,
    fresh_database_url: Callable[[str], str],
    fakes: tuple[FakeOllamaThread, FakeOllamaThread],
) -> None:
    fake = fakes[0]
    env = gateway_env(
        tmp_path, ollama_api_base_url=fake.url, database_url=fresh_database_url("postgres")
    )
    process = GatewayProcess(env, tmp_path / "graceful.log")
    process.wait_ready()
    fake.chunks, fake.delay_per_chunk = 20, 0.1  # two seconds of answer
    try:
        headers = _login(process)
        chat_id = httpx.post(
            process.url + "/api/chats", json={"model": MODEL}, headers=headers
        ).json()["id"]
        body = {"model": MODEL, "messages": [{"role": "user", "content": "hello there"}]}
        with (
            httpx.stream("POST", process.url + "/api/chat", json=body, headers=headers) as stream,
            httpx.stream(
                "POST",
                f"{process.url}/api/chats/{chat_id}/messages",
                json={"content": "Write a long story about the sea"},
                headers=headers,
            ) as chat_stream,
        ):
            chat_lines = chat_stream.iter_lines()
            next(chat_lines)  # the turn is under way
            process.process.send_signal(signal.SIGTERM)
            lines = list(stream.iter_lines())
            chat_events = [line for line in chat_lines if line.startswith("event:")]
        assert json.loads(lines[-1])["done"] is True  # the stream ran to its end
        assert chat_events[-1] == "event: done"
        assert process.process.wait(timeout=40) == 0
    finally:
        fake.chunks, fake.delay_per_chunk = 5, 0.0
        process.stop()
    # every request was recorded: the restarted gateway shows them to the admin
    again = GatewayProcess(env, tmp_path / "after.log")
    again.wait_ready()
    try:
        logs = httpx.get(
            again.url + "/api/admin/logs", params={"limit": 50}, headers=_login(again)
        ).json()
        routes = [item["route"] for item in logs["items"]]
        assert "/api/chat" in routes
        assert any(route.startswith("/api/chats") for route in routes), routes
        answer = httpx.get(f"{again.url}/api/chats/{chat_id}", headers=_login(again)).json()
        assert answer["messages"][-1]["status"] == "complete"
    finally:
        again.stop()
