"""The serving protocol: uvicorn's bytes exactly, head and body in one write."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import uvicorn

from ollama_gateway.core.server import CoalescingHttpToolsProtocol, CoalescingTransport


class Recorder:
    """A transport that records what it was asked to send."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[bytes, ...]]] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        self.calls.append(("write", (data,)))

    def writelines(self, chunks: Any) -> None:
        self.calls.append(("writelines", tuple(chunks)))

    def close(self) -> None:
        self.closed = True

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"peername": ("127.0.0.1", 1)}.get(name, default)

    def is_closing(self) -> bool:
        return self.closed

    def pause_reading(self) -> None:
        self.calls.append(("pause_reading", ()))

    def resume_reading(self) -> None:
        self.calls.append(("resume_reading", ()))


async def test_a_head_and_its_body_are_one_write() -> None:
    sent = Recorder()
    transport = CoalescingTransport(sent, asyncio.get_running_loop())  # type: ignore[arg-type]
    transport.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
    assert sent.calls == []
    transport.write(b"ok")
    transport.write(b"more")
    assert sent.calls == [
        ("writelines", (b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n", b"ok")),
        ("write", (b"more",)),
    ]
    assert transport.get_extra_info("peername") == ("127.0.0.1", 1)
    assert not transport.is_closing()
    await asyncio.sleep(0)  # the scheduled flush finds nothing held
    assert len(sent.calls) == 2
    transport.pause_reading()
    transport.resume_reading()
    assert sent.calls[2:] == [("pause_reading", ()), ("resume_reading", ())]


async def test_a_lone_head_leaves_by_the_end_of_the_loop_iteration_or_on_close() -> None:
    sent = Recorder()
    transport = CoalescingTransport(sent, asyncio.get_running_loop())  # type: ignore[arg-type]
    transport.write(b"HTTP/1.1 204 No Content\r\n\r\n")
    await asyncio.sleep(0)
    assert sent.calls == [("write", (b"HTTP/1.1 204 No Content\r\n\r\n",))]
    transport.write(b"HTTP/1.1 400 Bad Request\r\n\r\n")
    transport.close()
    assert sent.calls[-1] == ("write", (b"HTTP/1.1 400 Bad Request\r\n\r\n",))
    assert sent.closed


Send = Callable[[dict[str, Any]], Awaitable[None]]


async def app(scope: dict[str, Any], receive: Any, send: Send) -> None:
    if scope["type"] != "http":
        return
    headers = [(b"content-type", b"text/plain")]
    if scope["path"] == "/stream":
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        for part in (b"one\n", b"two\n"):
            await asyncio.sleep(0.02)  # the head leaves before the first chunk
            await send({"type": "http.response.body", "body": part, "more_body": True})
        await send({"type": "http.response.body", "body": b""})
        return
    body = b"hello"
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


@asynccontextmanager
async def running(asgi: Any, http: Any) -> AsyncIterator[int]:
    config = uvicorn.Config(
        asgi, host="127.0.0.1", port=0, lifespan="off", http=http, access_log=False
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    try:
        yield server.servers[0].sockets[0].getsockname()[1]
    finally:
        server.should_exit = True
        await task


@pytest.fixture
async def url() -> AsyncIterator[str]:
    async with running(app, CoalescingHttpToolsProtocol) as port:
        yield f"http://127.0.0.1:{port}"


async def test_responses_over_a_kept_alive_connection(url: str) -> None:
    async with httpx.AsyncClient(base_url=url) as http:
        for _ in range(3):
            answer = await http.get("/")
            assert (answer.status_code, answer.text) == (200, "hello")
        head = await http.head("/")
        assert (head.status_code, head.headers["content-length"], head.content) == (200, "5", b"")
        async with http.stream("GET", "/stream") as stream:
            assert stream.status_code == 200
            assert [line async for line in stream.aiter_lines()] == ["one", "two"]
        assert (await http.get("/")).text == "hello"


#: Response heads an app may send (status, headers), by name.
HEADS: dict[str, tuple[int, list[Any]]] = {
    "plain": (200, [(b"content-type", b"application/json"), (b"content-length", b"2")]),
    "no-length": (200, [(b"content-type", b"text/plain")]),
    "no-content": (204, []),
    "not-modified": (304, [(b"etag", b'"x"')]),
    "close": (200, [(b"connection", b"close"), (b"content-length", b"2")]),
    "keep-alive": (200, [(b"Connection", b"Keep-Alive"), (b"content-length", b"2")]),
    "chunked": (200, [(b"transfer-encoding", b"chunked")]),
    "two-lengths": (200, [(b"content-length", b"2"), (b"Content-Length", b"2")]),
    "spaced-length": (200, [(b"content-length", b" 2 ")]),
    "signed-length": (200, [(b"content-length", b"+2")]),
    "upper-names": (
        200,
        [(b"Content-Type", b"a/b"), (b"X-Thing", b"\tv\t"), (b"content-length", b"2")],
    ),
    "lists": (200, [[b"x-a", b"1"], [b"content-length", b"2"]]),
    "many": (
        201,
        [(f"x-h{i}".encode(), b"v" * i) for i in range(12)] + [(b"content-length", b"2")],
    ),
    "bad-name": (200, [(b"bad name", b"v")]),
    "bad-value": (200, [(b"x-a", b"v\x01")]),
    "no-phrase": (599, [(b"content-length", b"2")]),
    "out-of-range": (600, []),
}


async def head_app(scope: dict[str, Any], receive: Any, send: Send) -> None:
    if scope["type"] != "http":
        return
    status, headers = HEADS[scope["path"].strip("/")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    body = b"ok" if status not in (204, 304) and scope["method"] != "HEAD" else b""
    await send({"type": "http.response.body", "body": body})


async def _exchange(port: int, request: bytes) -> bytes:
    """Everything the server sends until it closes the connection (date values blanked)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    received = await asyncio.wait_for(reader.read(), 5)
    writer.close()
    return re.sub(rb"date: [^\r]*", b"date: -", received)


@pytest.fixture(scope="module")
async def both() -> AsyncIterator[tuple[int, int]]:
    """The app under stock uvicorn (``httptools``) and under the gateway's protocol."""
    async with (
        running(head_app, "httptools") as stock,
        running(head_app, CoalescingHttpToolsProtocol) as ours,
    ):
        yield stock, ours


@pytest.mark.parametrize("name", sorted(HEADS))
@pytest.mark.parametrize(
    "request_line",
    ["GET {} HTTP/1.1", "HEAD {} HTTP/1.1", "GET {} HTTP/1.0", "GET {} HTTP/1.1|close"],
)
async def test_heads_are_the_bytes_uvicorn_writes(
    both: tuple[int, int], name: str, request_line: str
) -> None:
    line, _, close = request_line.partition("|")
    request = (line.format(f"/{name}") + "\r\nhost: t\r\n").encode()
    request += b"connection: close\r\n\r\n" if close else b"\r\n"
    last = (line.format(f"/{name}") + "\r\nhost: t\r\nconnection: close\r\n\r\n").encode()
    stock, ours = both
    expected = await _exchange(stock, request + request + last)  # kept alive where it applies
    assert await _exchange(ours, request + request + last) == expected
    assert expected.startswith(b"HTTP/1.1 ") or name in ("bad-name", "bad-value", "out-of-range")
