"""Which HTTP client should carry the gateway's upstream requests: CPU per request, measured.

The lead's comparison of httpx and aiohttp, extended with the gateway's own lean client
(``ollama_gateway.gateway.client.HttpClient``, httptools on an asyncio protocol).  Each client
sends N non-streaming ``POST /api/chat`` to ``bench/fake_backend.py`` at concurrency C with
keep-alive, reading every answer whole; the script reports requests per second and the CPU the
client process used per request (user + system, from ``getrusage``).  The fake backend runs on
its own core (``--backend-cpu``), the clients on another (``--client-cpu``), so the CPU figure
is the client's alone.  The req/s figure of a slow client is bound by its own CPU; CPU per
request is the number that matters for a proxy that must spend as little as possible per call.

Run: ``.venv/bin/python bench/choices/upstream_client.py [--requests 20000] [--concurrency 64]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import resource
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
import httpx
import uvloop

from ollama_gateway.gateway.client import HttpClient

BENCH = Path(__file__).resolve().parent.parent
BODY = b'{"model":"llama3.2:1b","stream":false,"messages":[{"role":"user","content":"hi"}]}'
JSON = {"content-type": "application/json"}

Run = Callable[[str, int, int], Awaitable[None]]


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def run_httpx(base: str, n: int, c: int) -> None:
    limits = httpx.Limits(max_connections=c, max_keepalive_connections=c)
    async with httpx.AsyncClient(base_url=base, limits=limits) as client:

        async def worker(count: int) -> None:
            for _ in range(count):
                response = await client.post("/api/chat", content=BODY, headers=JSON)
                await response.aread()

        await asyncio.gather(*(worker(n // c) for _ in range(c)))


async def run_aiohttp(base: str, n: int, c: int) -> None:
    connector = aiohttp.TCPConnector(limit=c)
    async with aiohttp.ClientSession(
        base, connector=connector, cookie_jar=aiohttp.DummyCookieJar(), auto_decompress=False
    ) as session:

        async def worker(count: int) -> None:
            for _ in range(count):
                async with session.post("/api/chat", data=BODY, headers=JSON) as response:
                    await response.read()

        await asyncio.gather(*(worker(n // c) for _ in range(c)))


async def run_lean(base: str, n: int, c: int) -> None:
    client = HttpClient(base, connect_timeout=10.0)

    async def worker(count: int) -> None:
        for _ in range(count):
            response = await client.request(b"POST", b"/api/chat", BODY, first_byte_timeout=30.0)
            await response.read()
            response.release()

    try:
        await asyncio.gather(*(worker(n // c) for _ in range(c)))
    finally:
        client.close()


CLIENTS: dict[str, Run] = {"httpx": run_httpx, "aiohttp": run_aiohttp, "lean": run_lean}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_backend(port: int, cpu: str) -> subprocess.Popen[bytes]:
    argv = [sys.executable, str(BENCH / "fake_backend.py"), "--port", str(port)]
    backend = subprocess.Popen(["taskset", "-c", cpu, *argv], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), urllib.request.urlopen(f"http://127.0.0.1:{port}/"):
            return backend
        time.sleep(0.1)
    backend.terminate()
    raise SystemExit("the fake backend did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=2, help="runs of every client")
    parser.add_argument("--clients", default="httpx,aiohttp,lean")
    parser.add_argument("--client-cpu", default="0")
    parser.add_argument("--backend-cpu", default="1")
    args = parser.parse_args()
    os.sched_setaffinity(0, {int(cpu) for cpu in args.client_cpu.split(",")})
    port = free_port()
    backend = start_backend(port, args.backend_cpu)
    base = f"http://127.0.0.1:{port}"
    n, c = args.requests, args.concurrency
    try:
        for _ in range(args.rounds):
            for name in args.clients.split(","):
                cpu, wall = cpu_seconds(), time.perf_counter()
                uvloop.run(CLIENTS[name](base, n, c))
                wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
                done = (n // c) * c
                print(f"{name:8s} {done / wall:8.0f} req/s  {cpu / done * 1e6:6.0f} µs CPU/request")
    finally:
        backend.terminate()
        backend.wait(10)


if __name__ == "__main__":
    main()
