"""A lean HTTP/1.1 client for the gateway's hot path: keep-alive connections to one node.

Why not aiohttp here: measured on this project's benchmark, ``aiohttp.ClientSession.request``
costs about 175 µs of CPU per small request, half of the gateway's whole budget.  This client
does only what proxying to Ollama needs: one write per request (head and body), responses parsed
by ``httptools`` (the parser uvicorn uses), keep-alive reuse, and the body delivered as it
arrives (chunked transfer decoded, bytes otherwise untouched), with read pausing when the
consumer falls behind.  aiohttp keeps the rest (health checks, listings, management, blob
uploads), where per-request cost does not matter.

Timeouts are separate: connect (``create_connection``), first byte (waiting for the response
head) and idle (waiting for the next body bytes).  A request may also carry a total ``deadline``
(event-loop time, ``REQUEST_TIMEOUT``): it bounds each of those waits through the same timer, so
it costs no extra task or timer, and a body still arriving past it is cut (checked per chunk).
HTTPS nodes use the one TLS context the pool builds (:func:`tls_context`: the system trust store,
or ``UPSTREAM_CA_BUNDLE``'s private CA; ``UPSTREAM_TLS_VERIFY``); a certificate that does not
verify is a :class:`ConnectFailed`.
Errors are :class:`ConnectFailed` (retryable), :class:`ClosedEarly` (the connection closed before
the response head: a stale keep-alive connection or a crashed node; retryable),
:class:`BrokenResponse` (mid-body), :class:`TimeoutError` and its :class:`DeadlineExceeded`.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections import deque
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

import httptools

_PAUSE_AT = 256 * 1024
_KEEPALIVE = 50.0
_MAX_IDLE = 512


class ConnectFailed(ConnectionError):
    """The TCP (or TLS) connection could not be made."""


class ClosedEarly(ConnectionError):
    """The connection closed before the response head arrived."""


class BrokenResponse(ConnectionError):
    """The response body was cut short or malformed."""


class DeadlineExceeded(TimeoutError):
    """The request's total deadline (``REQUEST_TIMEOUT``) passed."""

    def __init__(self) -> None:
        super().__init__("the request's total deadline (REQUEST_TIMEOUT) passed")


class UpstreamResponse(asyncio.Protocol):
    """One keep-alive connection and the response in progress on it."""

    def __init__(self, client: HttpClient) -> None:
        self._client = client
        self._loop = asyncio.get_running_loop()
        self._transport: asyncio.Transport | None = None
        self._parser = httptools.HttpResponseParser(self)
        self._head: asyncio.Future[None] | None = None
        self._waiter: asyncio.Future[None] | None = None
        self._chunks: deque[bytes] = deque()
        self._buffered = 0
        self._paused = False
        self._framed = False
        self._keep_alive = False
        self._error: Exception | None = None
        self.complete = False
        self.closed = False
        self.status = 0
        self.content_type = b""
        self.idle_timeout: float | None = None
        #: Event-loop time past which the request is abandoned (``DeadlineExceeded``).
        self.deadline: float | None = None
        self.idle_since = 0.0

    # -- asyncio.Protocol --------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def data_received(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(BrokenResponse(f"invalid HTTP response: {exc}"))
            self.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.complete:
            return
        if self._head is not None and not self._head.done():
            self._fail(ClosedEarly("upstream closed the connection before answering"))
        elif self.status and not self._framed:
            self._finish()  # a body delimited by the connection's end
        else:
            self._fail(BrokenResponse("upstream closed the connection mid-response"))

    # -- httptools callbacks -----------------------------------------------------------------

    def on_header(self, name: bytes, value: bytes) -> None:
        lower = name.lower()
        if lower == b"content-type":
            self.content_type = value
        elif lower in (b"content-length", b"transfer-encoding"):
            self._framed = True

    def on_headers_complete(self) -> None:
        self.status = self._parser.get_status_code()
        if self._head is not None and not self._head.done():
            self._head.set_result(None)

    def on_body(self, body: bytes) -> None:
        self._chunks.append(body)
        self._buffered += len(body)
        if self._buffered > _PAUSE_AT and not self._paused and self._transport is not None:
            self._paused = True
            self._transport.pause_reading()
        if self._waiter is not None:
            self._wake()

    def on_message_complete(self) -> None:
        self._keep_alive = self._parser.should_keep_alive()  # only valid inside the callback
        self._finish()

    # -- the request -------------------------------------------------------------------------

    def send(self, head: bytes, body: bytes | None, deadline: float | None = None) -> None:
        assert self._transport is not None
        self._reset()
        self.deadline = deadline
        self._head = self._loop.create_future()
        if body:
            self._transport.writelines((head, body))
        else:
            self._transport.write(head)

    async def exchange(
        self, head: bytes, body: bytes | None, limit: float | None, deadline: float | None
    ) -> None:
        """:meth:`send`, then wait up to ``limit`` for the response head, in one coroutine; the
        connection is closed if that fails."""
        self.send(head, body, deadline)
        future = self._head
        assert future is not None
        try:
            if not future.done():
                await self._wait(future, limit)
            if self._error is not None and not self.status:
                raise self._error
        except BaseException:
            self.close()
            raise

    async def read(self) -> bytes:
        """The whole body (idle timeout between arrivals)."""
        chunks = self._chunks
        if self.complete and self._error is None and chunks:  # all here: a small answer
            if self.deadline is not None and self._loop.time() >= self.deadline:
                raise DeadlineExceeded
            data = chunks.popleft() if len(chunks) == 1 else b"".join(chunks)
            chunks.clear()
            self._buffered = 0
            return data
        parts = []
        while (chunk := await self.next_chunk()) is not None:
            parts.append(chunk)
        return parts[0] if len(parts) == 1 else b"".join(parts)

    async def next_chunk(self) -> bytes | None:
        """Everything that arrived since the last call; ``None`` at the end of the body."""
        while not self._chunks:
            if self._error is not None:
                raise self._error
            if self.complete:
                return None
            self._waiter = self._loop.create_future()
            await self._wait(self._waiter, self.idle_timeout)
        if self.deadline is not None and self._loop.time() >= self.deadline:
            raise DeadlineExceeded  # bytes keep coming, but the request's time is up
        chunks = self._chunks
        data = chunks.popleft() if len(chunks) == 1 else b"".join(chunks)
        chunks.clear()
        self._buffered = 0
        if self._paused and self._transport is not None:
            self._paused = False
            self._transport.resume_reading()
        return data

    def release(self) -> None:
        """Give the connection back for reuse (or close it when it cannot be reused)."""
        if self.complete and not self.closed and self._keep_alive:
            self._client.put_back(self)
        else:
            self.close()

    def close(self) -> None:
        self.closed = True
        if self._transport is not None:
            self._transport.close()

    # -- internals ---------------------------------------------------------------------------

    def _reset(self) -> None:
        self._chunks.clear()
        self._buffered = 0
        self._framed = False
        self._keep_alive = False
        self._error = None
        self.complete = False
        self.status = 0
        self.content_type = b""
        self.idle_timeout = None
        self.deadline = None

    async def _wait(self, future: asyncio.Future[None], limit: float | None) -> None:
        """Await ``future`` for at most ``limit`` seconds or until the deadline, if sooner."""
        expired: type[TimeoutError] = TimeoutError
        if self.deadline is not None:
            left = self.deadline - self._loop.time()
            if limit is None or left <= limit:
                limit, expired = left, DeadlineExceeded
        if limit is None:
            await future
            return
        handle = self._loop.call_later(limit, _expire, future, expired)
        try:
            await future
        finally:
            handle.cancel()

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None:
            self._waiter = None
            if not waiter.done():
                waiter.set_result(None)

    def _finish(self) -> None:
        self.complete = True
        self._wake()

    def _fail(self, error: Exception) -> None:
        self._error = error
        if self._head is not None and not self._head.done():
            self._head.set_result(None)
        self._wake()


def _expire(future: asyncio.Future[None], expired: type[TimeoutError]) -> None:
    if not future.done():
        future.set_exception(expired())


def tls_context(ca_bundle: Path | None = None, *, verify: bool = True) -> ssl.SSLContext:
    """The client TLS context for HTTPS upstreams (shared by this client and aiohttp's).

    ``ca_bundle``: a PEM file whose CAs are trusted instead of the system trust store.
    ``verify=False`` checks neither the chain nor the host name.
    """
    try:
        context = ssl.create_default_context(cafile=str(ca_bundle) if ca_bundle else None)
    except (OSError, ssl.SSLError) as exc:
        raise ValueError(f"UPSTREAM_CA_BUNDLE {ca_bundle}: {exc}") from exc
    if not verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


class HttpClient:
    """Keep-alive connections to one origin (``http[s]://host:port[/prefix]``)."""

    def __init__(
        self,
        base_url: str,
        *,
        connect_timeout: float,
        tls: ssl.SSLContext | None = None,
        api_key: str | None = None,
    ) -> None:
        parts = urlsplit(base_url)
        self._host = parts.hostname or "localhost"
        self._tls = (tls or tls_context()) if parts.scheme == "https" else None
        self._port = parts.port or (443 if self._tls else 80)
        self._prefix = parts.path.rstrip("/").encode()
        self._host_header = (parts.netloc.rsplit("@", 1)[-1]).encode()
        if api_key:  # the node's own key (never the client's), sent with every request
            if any(c in api_key for c in "\r\n\0"):
                raise ValueError("an upstream API key cannot hold line breaks")
            self._host_header += b"\r\nAuthorization: Bearer " + api_key.encode()
        self._connect_timeout = connect_timeout
        self._idle: list[UpstreamResponse] = []
        self._closed = False

    async def request(
        self,
        method: bytes,
        path: bytes,
        body: bytes | None,
        *,
        content_type: bytes = b"application/json",
        first_byte_timeout: float | None,
        deadline: float | None = None,
    ) -> UpstreamResponse:
        """Send a request; returns once the response head has arrived.

        A kept-alive connection the server closed meanwhile (:class:`ClosedEarly` before any
        byte of the answer) is replaced by a fresh one, once.  ``deadline`` (event-loop time)
        bounds the whole exchange, body included (see the module docstring).
        """
        head = b"%s %s%s HTTP/1.1\r\nHost: %s\r\n" % (method, self._prefix, path, self._host_header)
        if body is not None:
            head += b"Content-Type: %s\r\nContent-Length: %d\r\n" % (content_type, len(body))
        head += b"\r\n"
        conn = self._reuse()
        if conn is not None:
            try:
                await conn.exchange(head, body, first_byte_timeout, deadline)
            except ClosedEarly:
                pass
            else:
                return conn
        conn = await self._connect(deadline)
        await conn.exchange(head, body, first_byte_timeout, deadline)
        return conn

    def _reuse(self) -> UpstreamResponse | None:
        idle = self._idle
        now = time.monotonic()
        while idle:
            conn = idle.pop()
            if not conn.closed and now - conn.idle_since < _KEEPALIVE:
                return conn
            conn.close()
        return None

    async def _connect(self, deadline: float | None = None) -> UpstreamResponse:
        loop = asyncio.get_running_loop()
        limit, by_deadline = self._connect_timeout, False
        if deadline is not None and (left := deadline - loop.time()) < limit:
            limit, by_deadline = max(0.0, left), True
        try:
            async with asyncio.timeout(limit):
                _transport, conn = await loop.create_connection(
                    lambda: UpstreamResponse(self),
                    self._host,
                    self._port,
                    ssl=self._tls,
                    server_hostname=self._host if self._tls else None,
                )
        except TimeoutError:
            if by_deadline:
                raise DeadlineExceeded from None
            raise ConnectFailed("connect timed out") from None
        except OSError as exc:
            raise ConnectFailed(str(exc) or type(exc).__name__) from None
        return conn

    def put_back(self, conn: UpstreamResponse) -> None:
        if self._closed or len(self._idle) >= _MAX_IDLE:
            conn.close()
            return
        conn.idle_since = time.monotonic()
        self._idle.append(conn)

    def close(self) -> None:
        self._closed = True
        for conn in self._idle:
            conn.close()
        self._idle.clear()
