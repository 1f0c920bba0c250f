"""Answers survive the process: kill -9 mid-turn leaves the last checkpoint, stored
``interrupted`` at the next start; SIGTERM gives running turns ``SHUTDOWN_TIMEOUT`` to finish
and stores the rest ``interrupted`` with everything generated so far.  Real ``ollama-gateway
serve`` processes on one SQLite database, in front of a fake Ollama on its own thread."""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fakes.ollama import FakeOllamaThread
from tests.fakes.ollama_content import reply_text
from tests.processes import ADMIN_PASSWORD, GatewayProcess, gateway_env

FAST, SLOW = "llama3.2:latest", "qwen2.5:0.5b"
#: The fake echoes the question, one word per line here: a long question, a long answer.
LONG = " ".join(f"word{n}" for n in range(400))


@pytest.fixture
def ollama() -> Iterator[FakeOllamaThread]:
    """A fake of this module's own, on its thread (not the shared ``fake``: knobs reset)."""
    with FakeOllamaThread() as server:
        server.fake.override(SLOW, chunks=400, delay_per_chunk=0.05)  # 20 s
        server.fake.override(FAST, chunks=10, delay_per_chunk=0.05)  # 0.5 s
        yield server


def _env(tmp: Path, fake: FakeOllamaThread, **settings: Any) -> dict[str, str]:
    return gateway_env(
        tmp, ollama_api_base_url=fake.url, chat_checkpoint_seconds=0.2, default_model=FAST,
        rate_limit_enabled="false", **settings,
    )  # fmt: skip


def _login(url: str) -> dict[str, str]:
    token = httpx.post(
        url + "/api/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD}
    ).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}


def _start_turn(url: str, headers: dict[str, str], model: str, question: str) -> int:
    """A chat whose turn is running; the client reads the first delta and hangs up."""
    chat = httpx.post(url + "/api/chats", json={}, headers=headers).json()
    with httpx.stream(
        "POST", f"{url}/api/chats/{chat['id']}/messages",
        json={"content": question, "model": model}, headers=headers, timeout=30,
    ) as response:  # fmt: skip
        for line in response.iter_lines():
            if line.startswith("event: delta"):
                break
    return int(chat["id"])


def _answer(url: str, headers: dict[str, str], chat_id: int) -> dict[str, Any]:
    messages = httpx.get(f"{url}/api/chats/{chat_id}/messages", headers=headers).json()
    answer: dict[str, Any] = messages[-1]
    return answer


def _kill_9_mid_turn(gateway: GatewayProcess) -> tuple[int, str]:
    """A turn under way, checkpointed, then the process killed: ``(chat id, checkpoint)``."""
    try:
        gateway.wait_ready()
        headers = _login(gateway.url)
        chat_id = _start_turn(gateway.url, headers, SLOW, LONG)
        deadline = time.monotonic() + 10
        while len(checkpoint := _answer(gateway.url, headers, chat_id)["content"]) < 20:
            assert time.monotonic() < deadline, "no checkpoint was written"
            time.sleep(0.05)
        assert _answer(gateway.url, headers, chat_id)["status"] == "streaming"
    finally:
        os.kill(gateway.process.pid, signal.SIGKILL)
        gateway.process.wait()
    return chat_id, checkpoint


def test_answers_survive_kill_9_and_sigterm(tmp_path: Path, ollama: FakeOllamaThread) -> None:
    """Two processes in turn on one database (each start costs seconds on a busy machine):

    1. the first is killed (-9) during a turn that has a checkpoint;
    2. the second finds that answer ``interrupted`` with the checkpoint, runs a long and a short
       turn, and gets SIGTERM with ``SHUTDOWN_TIMEOUT=2``: the short one completes, the long one
       is stored ``interrupted`` with everything generated, no chat is left claimed.
    """
    env = _env(tmp_path, ollama, shutdown_timeout=2)
    killed_chat, checkpoint = _kill_9_mid_turn(GatewayProcess(env, tmp_path / "first.log"))
    gateway = GatewayProcess(env, tmp_path / "second.log")
    try:
        gateway.wait_ready()
        headers = _login(gateway.url)
        recovered = _answer(gateway.url, headers, killed_chat)
        long_chat = _start_turn(gateway.url, headers, SLOW, LONG)
        short_chat = _start_turn(gateway.url, headers, FAST, "Say hello")
        gateway.process.send_signal(signal.SIGTERM)
        # uvicorn re-raises the signal once its graceful shutdown is over
        assert gateway.process.wait(timeout=30) in {0, -signal.SIGTERM}
    finally:
        gateway.stop()
    assert recovered["status"] == "interrupted"
    assert recovered["content"].startswith(checkpoint)
    assert reply_text(LONG).startswith(recovered["content"])
    assert len(recovered["content"]) < len(reply_text(LONG))
    db = sqlite3.connect(tmp_path / "gateway.db")
    rows = {
        (chat_id, status): content
        for chat_id, status, content in db.execute(
            "SELECT chat_id, status, content FROM chat_messages WHERE role = 'assistant'"
        )
    }
    assert (short_chat, "complete") in rows
    assert (long_chat, "interrupted") in rows, list(
        db.execute("SELECT status, error FROM chat_messages")
    )
    interrupted = rows[(long_chat, "interrupted")]
    assert interrupted
    assert reply_text(LONG).startswith(interrupted)
    assert len(interrupted) < len(reply_text(LONG))
    assert db.execute("SELECT count(*) FROM chats WHERE running_id IS NOT NULL").fetchone() == (0,)
