"""Streams still open when SIGTERM's grace period ends (issue 8, finding 8).

A real ``ollama-gateway serve`` with ``SHUTDOWN_TIMEOUT=1`` relays two endless streams from the
fake Ollama (NDJSON on ``/api/chat``, SSE on ``/v1/chat/completions``), then gets SIGTERM.  Each
stream ends with its family's in-band error, each is recorded with a 503 and the error, each
logs one line, and uvicorn logs no "Exception in ASGI application".
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from pathlib import Path

import httpx
import orjson

from tests.fakes.ollama import FakeOllama
from tests.processes import GatewayProcess, admin_key, gateway_env

CHAT = {"model": "llama3.2", "messages": [{"role": "user", "content": "hi"}]}


async def _first_line_then_rest(response: httpx.Response, started: asyncio.Event) -> list[str]:
    lines: list[str] = []
    async for line in response.aiter_lines():
        if line:
            lines.append(line)
            started.set()
    return lines


async def _stream(
    http: httpx.AsyncClient, path: str, body: dict[str, object], started: asyncio.Event
) -> list[str]:
    async with http.stream("POST", path, json=body) as response:
        assert response.status_code == 200
        return await _first_line_then_rest(response, started)


async def test_streams_cut_at_shutdown_end_in_band_and_are_recorded(tmp_path: Path) -> None:
    async with FakeOllama(chunks=100_000, delay_per_chunk=0.05) as fake:
        env = gateway_env(
            tmp_path, ollama_api_base_url=fake.url, shutdown_timeout=1, log_level="INFO"
        )
        gateway = GatewayProcess(env, tmp_path / "gateway.log")
        try:
            await asyncio.to_thread(gateway.wait_ready, 180)
            key = await asyncio.to_thread(admin_key, gateway, {})
            headers = {"Authorization": f"Bearer {key}"}
            async with httpx.AsyncClient(base_url=gateway.url, headers=headers, timeout=30) as http:
                ollama, openai = asyncio.Event(), asyncio.Event()
                streams = asyncio.gather(
                    _stream(http, "/api/chat", CHAT, ollama),
                    _stream(http, "/v1/chat/completions", {**CHAT, "stream": True}, openai),
                )
                await asyncio.wait_for(asyncio.gather(ollama.wait(), openai.wait()), 20)
                gateway.process.send_signal(signal.SIGTERM)
                native, compat = await asyncio.wait_for(streams, 20)
            # uvicorn re-raises the signal once it has shut down cleanly
            assert await asyncio.to_thread(gateway.process.wait, 20) in (0, -signal.SIGTERM)
        finally:
            gateway.stop()
    assert orjson.loads(native[-1]) == {"error": "the gateway is shutting down; the stream was cut"}
    assert orjson.loads(native[-2])["done"] is False
    assert compat[-1] == "data: [DONE]"
    event = orjson.loads(compat[-2].removeprefix("data: "))
    assert event["error"]["message"] == "the gateway is shutting down; the stream was cut"
    log = gateway.output()
    assert "Exception in ASGI application" not in log
    assert log.count("cut at shutdown") == 2
    with sqlite3.connect(tmp_path / "gateway.db") as db:
        rows = db.execute(
            "SELECT route, status, error, completion_tokens FROM usage_records"
            " WHERE route LIKE '%chat%' ORDER BY route"
        ).fetchall()
    assert [(route, status) for route, status, _, _ in rows] == [
        ("/api/chat", 503),
        ("/v1/chat/completions", 503),
    ]
    assert all(error == "stream cut: the gateway is shutting down" for _, _, error, _ in rows)
    assert all(tokens > 0 for *_, tokens in rows)  # one per relayed line: charged
