"""The lean upstream HTTP client: keep-alive reuse, a stale connection replaced, chunked bodies."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from ollama_gateway.gateway.client import ConnectFailed, HttpClient


@pytest.fixture
async def server() -> AsyncIterator[tuple[str, list[int]]]:
    """Answers the first request of each connection; closes unanswered on the second."""
    connections: list[int] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        served = 0
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                await reader.readexactly(length)
                served += 1
                if served == 2:
                    break
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
                    b"Transfer-Encoding: chunked\r\n\r\n"
                    b'6\r\n{"a":1\r\n2\r\n}\n\r\n0\r\n\r\n'
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        writer.close()

    listener = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = listener.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}", connections
    listener.close()
    await listener.wait_closed()


async def test_a_stale_kept_alive_connection_is_replaced(server: tuple[str, list[int]]) -> None:
    url, connections = server
    client = HttpClient(url, connect_timeout=1)
    for _ in range(3):
        answer = await client.request(b"POST", b"/api/chat", b"{}", first_byte_timeout=1)
        assert answer.status == 200
        assert answer.content_type == b"application/x-ndjson"
        assert await answer.read() == b'{"a":1}\n'  # chunked framing decoded, bytes untouched
        answer.release()
    assert len(connections) == 3  # each reuse found the connection closed and made a new one
    client.close()


async def test_connect_failure_is_typed() -> None:
    client = HttpClient("http://127.0.0.1:9", connect_timeout=1)
    with pytest.raises(ConnectFailed):
        await client.request(b"GET", b"/api/version", None, first_byte_timeout=1)
