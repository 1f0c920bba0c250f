"""The serving protocol: a response head and its body leave in one write, nothing is lost."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
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


@pytest.fixture
async def url() -> AsyncIterator[str]:
    config = uvicorn.Config(
        app, host="127.0.0.1", port=0, lifespan="off", http=CoalescingHttpToolsProtocol
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


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
