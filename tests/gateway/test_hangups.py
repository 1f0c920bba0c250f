"""A client that hangs up in the middle of its request body (issue 8, finding 5).

Through the serving protocol on a real socket: the hang-up is a 499 usage record ("client
closed"), a malformed chunk a 400 one; neither logs an ERROR or a traceback, and neither counts
as a server error in the request metrics.
"""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

import pytest
from fastapi import FastAPI

from tests.gateway.conftest import make_caller, usage_of

HEAD = (
    "POST /api/chat HTTP/1.1\r\nhost: gw\r\ncontent-type: application/json\r\n"
    "authorization: Bearer {key}\r\n"
)


async def _send_and_hang_up(url: str, data: bytes, *, wait: float = 0.2) -> None:
    parts = urlsplit(url)
    _reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    writer.write(data)
    await writer.drain()
    await asyncio.sleep(wait)
    writer.close()
    await writer.wait_closed()


def _server_errors(app: FastAPI) -> float:
    """Requests counted with a 5xx status in the request metrics."""
    requests = app.state.metrics.traffic.requests
    return float(sum(cell[0] for (_r, _m, status), cell in requests.items() if status >= 500))


async def test_a_hang_up_mid_body_is_a_499_without_a_traceback(
    gateway: FastAPI, served: str, caplog: pytest.LogCaptureFixture
) -> None:
    caller = await make_caller(gateway)
    errors_before = _server_errors(gateway)
    head = HEAD.format(key=caller.key) + "content-length: 1000\r\n\r\n"
    with caplog.at_level(logging.WARNING):
        await _send_and_hang_up(served, head.encode() + b'{"model": "llama3.2", "mess')
        [record] = await usage_of(gateway, caller.user_id)
    assert record.status == 499
    assert record.error
    assert "closed" in record.error
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert _server_errors(gateway) == errors_before


async def test_a_malformed_chunk_is_a_400_without_a_traceback(
    gateway: FastAPI, served: str, caplog: pytest.LogCaptureFixture
) -> None:
    caller = await make_caller(gateway)
    head = HEAD.format(key=caller.key) + "transfer-encoding: chunked\r\n\r\n"
    body = b'10\r\n{"model": "llama\r\nzz-not-a-size\r\n'
    with caplog.at_level(logging.WARNING):
        await _send_and_hang_up(served, head.encode() + body)
        [record] = await usage_of(gateway, caller.user_id)
    assert record.status == 400
    assert record.error == "malformed request body"
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
