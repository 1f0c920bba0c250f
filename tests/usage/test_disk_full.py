"""A full disk loses no usage record: the gateway keeps answering, the writer holds its batch, and
everything lands once space is back.  The database lives on a 2 MiB tmpfs that the test fills
(a real ``SQLITE_FULL``, not a mock).  Mounting needs root and the right to mount, which this
project's machines have; where they are missing the test is skipped, even under ``CI=true``: it
is a right of the sandbox, not a service the project could start (the recorder's unit tests
cover the same logic with a failing writer)."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest
from fastapi import FastAPI

from ollama_gateway.usage import service
from tests.conftest import MakeApp, http_client
from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import make_caller
from tests.users.factories import database

CHAT = {"model": "llama3.2", "messages": [{"role": "user", "content": "hi"}], "stream": False}


@contextlib.contextmanager
def tiny_filesystem(where: Path) -> Iterator[Path]:
    where.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(where)]
    try:
        done = subprocess.run(mount, capture_output=True, text=True, check=False)
    except OSError as exc:
        done = subprocess.CompletedProcess(mount, 1, "", str(exc))
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or 'mount failed'}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(path: Path) -> None:
    """Write ``path`` until the filesystem has no byte left."""
    with path.open("wb", buffering=0) as out:
        assert _write_until_error(out, b"\0" * 4096) == errno.ENOSPC
        assert _write_until_error(out, b"\0") == errno.ENOSPC  # the last partial block


def _write_until_error(out: BinaryIO, block: bytes) -> int:
    try:
        while True:
            out.write(block)
    except OSError as exc:
        return exc.errno or 0


def _sample(app: FastAPI, name: str) -> float:
    return app.state.metrics.registry.get_sample_value(name) or 0.0


async def test_a_full_disk_loses_no_usage_record(make_app: MakeApp, tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    with tiny_filesystem(tmp_path / "tiny") as tiny:
        async with FakeOllama() as fake:
            url = f"sqlite+aiosqlite:///{tiny / 'gateway.db'}"
            settings = {
                "database_url": url,
                "ollama_api_base_url": [fake.url],
                "cache_enabled": False,
                "usage_flush_interval": 0.05,
            }
            async with make_app(**settings) as app:
                caller = await make_caller(app)
                async with http_client(app) as http:

                    async def chat() -> int:
                        answer = await http.post("/api/chat", json=CHAT, headers=caller.headers)
                        return answer.status_code

                    assert [await chat() for _ in range(3)] == [200] * 3
                    await app.state.usage.flush()
                    fill(tiny / "filler")
                    assert [await chat() for _ in range(40)] == [200] * 40  # never blocked
                    for _ in range(100):
                        if _sample(app, "ollama_gateway_usage_write_errors_total") >= 2:
                            break
                        await asyncio.sleep(0.05)
                    assert _sample(app, "ollama_gateway_usage_write_errors_total") >= 2
                    (tiny / "filler").unlink()
                    await asyncio.wait_for(app.state.usage.flush(), timeout=30)
                async with database(app).sessionmaker() as session:
                    records = await service.recent(session, user_id=caller.user_id, limit=100)
                assert len(records) == 43
                assert _sample(app, "ollama_gateway_usage_dropped_total") == 0
