"""Instructions the serving protocol and the request middleware spend per request, exactly.

``callgrind.py`` counts a whole proxied request, but on a shared machine so busy that the
gateway completes a few hundred requests in its window, the background tasks (polls, health
checks, a usage batch per second) are a share of each request's count that moves with the load.
This isolates the layers issue 8 changed (``core.server``'s protocol, ``core.middleware``): one
process feeds N keep-alive ``POST /api/chat`` requests (the bench's headers and body) through
the protocol's ``data_received`` on an in-memory transport, on uvloop as ``serve`` runs, to the
middleware in front of an app that reads the body and answers 2 bytes: no sockets, no
background work.  Run under
callgrind twice (N and 3N requests) the difference divided by 2N is the cost of one request,
start-up and imports cancelled out, to the instruction:

    .venv/bin/python bench/protocol_cost.py [--pythonpath DIR] [--requests 2000]

``--pythonpath`` measures another checkout's ``src`` (the before of an A/B).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

BODY = json.dumps(
    {
        "model": "llama3.2",
        "messages": [{"role": "user", "content": "Say hello in one short sentence."}],
        "stream": False,
    }
).encode()
REQUEST = (
    b"POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n"
    b"Authorization: Bearer og-0123456789abcdef0123456789abcdef\r\n"
    b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(BODY), BODY)
)


class Transport:
    """Just enough of an asyncio transport for uvicorn's protocol."""

    def __init__(self) -> None:
        self.sent = 0

    def write(self, data: bytes) -> None:
        self.sent += 1

    def writelines(self, chunks: Any) -> None:
        self.sent += 1

    def is_closing(self) -> bool:
        return False

    def close(self) -> None:
        pass

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"peername": ("127.0.0.1", 40000), "sockname": ("127.0.0.1", 8000)}.get(
            name, default
        )


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    while (await receive()).get("more_body"):
        pass
    headers = [(b"content-type", b"application/json"), (b"content-length", b"2")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"{}"})


async def drive(requests: int) -> None:
    import uvicorn
    from uvicorn.server import ServerState

    from ollama_gateway.core.middleware import RequestContextMiddleware
    from ollama_gateway.core.server import CoalescingHttpToolsProtocol

    wrapped = RequestContextMiddleware(app, max_body_bytes=32 * 1024 * 1024)
    config = uvicorn.Config(wrapped, lifespan="off", access_log=False, log_config=None)
    config.load()
    loop = asyncio.get_running_loop()
    protocol = CoalescingHttpToolsProtocol(
        config=config, server_state=ServerState(), app_state={}, _loop=loop
    )
    transport = Transport()
    protocol.connection_made(transport)  # type: ignore[arg-type]
    for _ in range(requests):
        protocol.data_received(REQUEST)
        for _ in range(4):
            await asyncio.sleep(0)
    assert transport.sent >= requests, transport.sent


def _callgrind(requests: int, pythonpath: str) -> int:
    out = Path(tempfile.mkdtemp(prefix="og-protocol-")) / "cg.out"
    env = dict(os.environ, PYTHONPATH=pythonpath) if pythonpath else dict(os.environ)
    argv = [sys.executable, __file__, "--drive", str(requests)]
    subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *argv],
        env=env,
        check=True,
        capture_output=True,
    )
    match = re.search(r"^totals: (\d+)", out.read_text(), re.MULTILINE)
    assert match is not None
    return int(match.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--pythonpath", default="", help="another checkout's src directory")
    parser.add_argument("--drive", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        import uvloop  # the loop ``serve`` runs

        uvloop.run(drive(args.drive))
        return 0
    path = str(Path(args.pythonpath).resolve()) if args.pythonpath else ""
    small = _callgrind(args.requests, path)
    large = _callgrind(3 * args.requests, path)
    per_request = (large - small) / (2 * args.requests)
    print(
        json.dumps({"requests": 2 * args.requests, "instructions_per_request": round(per_request)})
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
