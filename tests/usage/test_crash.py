"""kill -9 during a long stream loses seconds of metering, not the stream (issue 8, finding 7).

A real ``ollama-gateway serve`` (``USAGE_JOURNAL_INTERVAL=0.3``) relays a stream from the fake
Ollama for about two seconds and is killed with SIGKILL.  The usage table then holds the stream's
journal row (status 102, admitted, the lines relayed up to the last journal), and the limiter's
start-up seed counts it.
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import time
from pathlib import Path

import httpx
from sqlalchemy.ext.asyncio import create_async_engine

from ollama_gateway.ratelimit import seed
from tests.fakes.ollama import FakeOllama
from tests.processes import GatewayProcess, admin_key, gateway_env

CHAT = {"model": "llama3.2", "messages": [{"role": "user", "content": "hi"}]}
LINE_EVERY = 0.05


async def test_a_killed_gateway_leaves_the_stream_journalled(tmp_path: Path) -> None:
    async with FakeOllama(chunks=100_000, delay_per_chunk=LINE_EVERY) as fake:
        env = gateway_env(tmp_path, ollama_api_base_url=fake.url, usage_journal_interval=0.3)
        gateway = GatewayProcess(env, tmp_path / "gateway.log")
        try:
            await asyncio.to_thread(gateway.wait_ready, 180)
            key = await asyncio.to_thread(admin_key, gateway, {})
            received = 0
            async with (
                httpx.AsyncClient(base_url=gateway.url, timeout=30) as http,
                http.stream(
                    "POST", "/api/chat", json=CHAT, headers={"Authorization": f"Bearer {key}"}
                ) as response,
            ):
                assert response.status_code == 200
                started = time.monotonic()
                async for line in response.aiter_lines():
                    received += bool(line)
                    if time.monotonic() - started > 2.0:
                        gateway.process.send_signal(signal.SIGKILL)
                        break
            assert await asyncio.to_thread(gateway.process.wait, 20) == -signal.SIGKILL
        finally:
            gateway.stop()
    with sqlite3.connect(tmp_path / "gateway.db") as db:
        rows = db.execute(
            "SELECT status, completion_tokens, admitted, user_id FROM usage_records"
            " WHERE route = '/api/chat'"
        ).fetchall()
    [(status, tokens, admitted, user_id)] = rows
    assert (status, admitted) == (102, 1)
    # lost: at most the last journal interval and the writer's flush, plus a second of slack for
    # a loaded machine (the kill's own delay, a late journal tick)
    assert received - (0.3 + 0.05 + 1.0) / LINE_EVERY <= tokens <= received
    engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'gateway.db'}")
    try:
        counters = await seed.load(engine, prefix="ogw", now=time.time())
    finally:
        await engine.dispose()
    user_counters = [c.value for c in counters if c.key.startswith(f"ogw:rl:{{u{user_id}}}:")]
    assert tokens in user_counters  # the day's tokens
    assert 1 in user_counters  # the admitted request
