"""A streamed chat turn against the same ``/api/chat`` through the gateway: lines/s and CPU.

    .venv/bin/python bench/chat_stream.py                  # 200 lines, 8 streams, 15 s each
    .venv/bin/python bench/chat_stream.py --lines 200 --concurrency 8 --seconds 15

Starts the benchmark's fast fake Ollama (``fake_backend.py``: ``options.num_predict`` lines per
answer, written as fast as it can) and one ``ollama-gateway serve`` process (one worker, a
temporary SQLite database, rate limits and cache off), then runs two loads, each for
``--seconds`` with ``--concurrency`` clients that start the next request as soon as one ends:

* ``/api/chat``: the streamed NDJSON relayed byte for byte; lines counted as received;
* a chat turn: ``POST /api/chats/{id}/messages`` (each client its own chat) with the same
  ``options``; the gateway reads the same 200-line NDJSON stream from the same node, stores
  the question and the answer, and sends server-sent events; a turn counts its 200 upstream
  lines once its ``done`` event arrives.

For each: upstream lines per second, requests, and the gateway process's CPU seconds per
request (``/proc``: user + system of the process tree).  One JSON object on stdout.  With
``--delay`` the fake paces its lines (a model generating tokens) instead of writing them at
once; ``--database-url`` runs the gateway on PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))
import procstat

BENCH = Path(__file__).resolve().parent
PASSWORD = "Bench-Pass-123!"
MODEL = "llama3.2:1b"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_http(url: str, timeout: float = 120) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


#: Seconds the fake waits between two lines (``--delay``; 0: as fast as it can).
DELAY = [0.0]


def options(lines: int) -> dict[str, float]:
    return {"num_predict": lines, "bench_delay": DELAY[0]}


async def chat_load(
    session: aiohttp.ClientSession, url: str, headers: dict[str, str], lines: int, until: float
) -> tuple[int, int]:
    body = {"model": MODEL, "messages": [{"role": "user", "content": "bench"}],
            "options": options(lines)}  # fmt: skip
    requests = received = 0
    while time.monotonic() < until:
        async with session.post(url + "/api/chat", json=body, headers=headers) as response:
            assert response.status == 200, await response.text()
            async for _line in response.content:
                received += 1
        requests += 1
    return requests, received


async def turn_load(
    session: aiohttp.ClientSession,
    url: str,
    headers: dict[str, str],
    lines: int,
    until: float,
) -> tuple[int, int]:
    async with session.post(url + "/api/chats", json={"title": "bench"}, headers=headers) as r:
        chat = await r.json()
    body = {"content": "bench", "options": options(lines)}
    requests = received = 0
    while time.monotonic() < until:
        path = f"{url}/api/chats/{chat['id']}/messages"
        async with session.post(path, json=body, headers=headers) as response:
            assert response.status == 200, await response.text()
            done = False
            async for line in response.content:
                if line.startswith(b"event: done"):
                    done = True
        assert done
        requests += 1
        received += lines
    return requests, received


async def measure(
    kind: str, url: str, token: str, args: argparse.Namespace, pid: int
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"}
    load = chat_load if kind == "/api/chat" else turn_load
    timeout = aiohttp.ClientTimeout(total=120)
    connector = aiohttp.TCPConnector(limit=args.concurrency * 2)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        warm = time.monotonic() + 1.0  # warm-up, not counted
        await asyncio.gather(*(load(session, url, headers, args.lines, warm) for _ in range(2)))
        cpu0, started = procstat.tree_cpu_seconds(pid), time.monotonic()
        until = started + args.seconds
        results = await asyncio.gather(
            *(load(session, url, headers, args.lines, until) for _ in range(args.concurrency))
        )
        elapsed, cpu = time.monotonic() - started, procstat.tree_cpu_seconds(pid) - cpu0
    requests = sum(r for r, _ in results)
    lines = sum(n for _, n in results)
    return {
        "kind": kind,
        "requests": requests,
        "lines_per_s": round(lines / elapsed),
        "requests_per_s": round(requests / elapsed, 1),
        "gateway_cpu_ms_per_request": round(cpu / requests * 1000, 2) if requests else None,
        "gateway_cpu_share": round(cpu / elapsed, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument(
        "--database-url", help="the gateway's database (default: a temporary SQLite file)"
    )
    parser.add_argument("--delay", type=float, default=0.0, help="seconds between two lines")
    args = parser.parse_args()
    DELAY[0] = args.delay
    work = Path(tempfile.mkdtemp(prefix="og-chat-stream-"))
    backend_port, gateway_port = free_port(), free_port()
    backend = subprocess.Popen(
        [sys.executable, str(BENCH / "fake_backend.py"), "--port", str(backend_port)]
    )
    env = {
        **os.environ,
        "DATA_DIR": str(work),
        "DATABASE_URL": args.database_url or f"sqlite+aiosqlite:///{work / 'gateway.db'}",
        "SECRET_KEY": "bench-secret-" + "x" * 40,
        "ADMIN_PASSWORD": PASSWORD,
        "OLLAMA_API_BASE_URL": f"http://127.0.0.1:{backend_port}",
        "RATE_LIMIT_ENABLED": "false",
        "CACHE_ENABLED": "false",
        "LOG_LEVEL": "WARNING",
        "DEFAULT_MODEL": MODEL,
    }
    binary = shutil.which("ollama-gateway", path=str(Path(sys.executable).parent))
    assert binary
    gateway = subprocess.Popen(
        [binary, "serve", "--host", "127.0.0.1", "--port", str(gateway_port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(work / "gateway.log", "wb"),  # noqa: SIM115
    )
    url = f"http://127.0.0.1:{gateway_port}"
    try:
        wait_http(f"http://127.0.0.1:{backend_port}/api/version")
        wait_http(url + "/health")
        import urllib.request

        login = urllib.request.Request(
            url + "/api/auth/login",
            data=json.dumps({"username": "admin", "password": PASSWORD}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(login) as answer:
            token = json.load(answer)["access_token"]
        report = {
            "database": "postgresql" if args.database_url else "sqlite",
            "lines": args.lines,
            "delay_between_lines_s": args.delay,
            "concurrency": args.concurrency,
            "seconds": args.seconds,
            "results": [
                asyncio.run(measure(kind, url, token, args, gateway.pid))
                for kind in ("/api/chat", "chat turn")
            ],
        }
        chat, turn = report["results"]
        report["turn_vs_chat_lines"] = round(turn["lines_per_s"] / chat["lines_per_s"], 3)
        print(json.dumps(report, indent=2))
    finally:
        gateway.terminate()
        backend.terminate()
        gateway.wait(30)
        backend.wait(30)


if __name__ == "__main__":
    main()
