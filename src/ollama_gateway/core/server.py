"""The HTTP protocol ``serve`` runs under uvicorn: uvicorn's httptools protocol, one write less.

uvicorn writes a response's head and its body with two ``transport.write`` calls, and uvloop
sends each at once: two ``send`` system calls, and on loopback the kernel does the receiving
side's TCP work inside each.  :class:`CoalescingHttpToolsProtocol` hands uvicorn a transport that
holds a response head until the next write and sends both with one ``writelines`` (one
``writev``), so a complete response is one system call (loopback A/B: 7.1 -> 3.6 µs of kernel
time per response; the wrapper costs ~1.5 µs of Python).  A head whose body does not follow at once
(a stream waiting for its first chunk, a ``HEAD`` answer) is sent at the end of the current
event-loop iteration; closing sends what is held first.

The protocol also holds the line against hostile clients (issue 8), at no cost the benchmark can
see: the checks ride on callbacks uvicorn already makes, and the clocks are one watchdog per
server, not a timer per request.

* **Request heads are capped** (:class:`ServerLimits`): bytes received while a head is incomplete
  are counted in ``data_received`` (``SERVER_MAX_HEAD_BYTES``, 64 KiB; a read is at most one
  socket buffer, so a head never holds more than the cap plus one read), header fields are
  counted once the head is complete (``SERVER_MAX_HEADERS``, 100).  Past either: ``431`` and
  the connection is closed.
* **Slow clients are cut** by the watchdog, which looks at every connection once per tick: a
  head not complete ``SERVER_HEAD_TIMEOUT`` seconds after it started (or after the connection
  opened) is answered ``408`` and closed, whatever trickle of bytes kept it alive; a request body
  that receives nothing for ``SERVER_BODY_IDLE_TIMEOUT`` seconds while the application waits for
  it is closed (the application sees the client leave: a 499).  Between requests uvicorn's own
  keep-alive timeout applies.
* **Connections are capped** (``SERVER_MAX_CONNECTIONS``; by default half the descriptors left
  after a reserve, so that each client connection can hold an upstream one): a connection past
  the cap first evicts the oldest connection that is not in a request (an idle keep-alive or an
  unfinished head); if there is none it is answered ``503`` and closed at once, instead of the
  process running out of descriptors and failing to accept.  ``raise_descriptor_limit`` lifts
  ``RLIMIT_NOFILE`` to its hard maximum at start (``cli serve``).
* A body cut by a malformed chunk is marked on the request's ``state`` (``body_error``), so the
  application records a 400 rather than a hang-up (``core.middleware``).
"""

from __future__ import annotations

import asyncio
import logging
import resource
from dataclasses import dataclass
from typing import Any

import httptools
from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

logger = logging.getLogger(__name__)

#: How every response head (and interim ``100 Continue``) uvicorn writes begins.
_HEAD = b"HTTP/1.1 "


class CoalescingTransport:
    """A connection's transport that holds a response head until the next write.

    The methods uvicorn calls on every request are the transport's own, bound once: reaching
    them through ``__getattr__`` would cost a failed attribute lookup (an ``AttributeError``
    formatted in C) per call.
    """

    __slots__ = (
        "_held",
        "_loop",
        "_transport",
        "get_extra_info",
        "is_closing",
        "pause_reading",
        "resume_reading",
    )

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._held: bytes | None = None
        self.is_closing = transport.is_closing
        self.pause_reading = transport.pause_reading
        self.resume_reading = transport.resume_reading
        self.get_extra_info = transport.get_extra_info

    def write(self, data: bytes) -> None:
        held = self._held
        if held is not None:
            self._held = None
            self._transport.writelines((held, data))
        elif data.startswith(_HEAD):
            self._held = data
            self._loop.call_soon(self.flush)
        else:
            self._transport.write(data)

    def writelines(self, chunks: Any) -> None:
        self.flush()
        self._transport.writelines(chunks)

    def flush(self) -> None:
        """Send a held head now."""
        held = self._held
        if held is not None:
            self._held = None
            self._transport.write(held)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def write_eof(self) -> None:
        self.flush()
        self._transport.write_eof()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


@dataclass(frozen=True, slots=True)
class ServerLimits:
    """What a connection may cost (module docstring); ``None`` turns a limit off."""

    max_head_bytes: int = 64 * 1024
    max_headers: int = 100
    head_timeout: float | None = 10.0
    body_idle_timeout: float | None = 30.0
    max_connections: int | None = None

    @property
    def tick(self) -> float:
        """Seconds between two looks of the watchdog: a timeout is overrun by at most this."""
        timeouts = [t for t in (self.head_timeout, self.body_idle_timeout) if t]
        return min([1.0, *(t / 4 for t in timeouts)])


#: Descriptors kept for everything but client connections (database, Redis, logs, listeners).
DESCRIPTOR_RESERVE = 64


def raise_descriptor_limit() -> tuple[int, int]:
    """``RLIMIT_NOFILE``'s soft limit raised to the hard one; (before, after)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 1 << 20)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (ValueError, OSError):
            return soft, soft
        return soft, target
    return soft, soft


def connection_cap(descriptors: int) -> int:
    """The default connection cap for a descriptor limit: half of what the reserve leaves."""
    return max(16, (descriptors - DESCRIPTOR_RESERVE) // 2)


class _Refused(Exception):
    """Raised in a parser callback to refuse the request (the status is on the protocol)."""


def _answer(status: bytes, text: bytes, extra: bytes = b"") -> bytes:
    return b"".join(
        (
            b"HTTP/1.1 ",
            status,
            b"\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ",
            str(len(text)).encode(),
            b"\r\nconnection: close\r\n",
            extra,
            b"\r\n",
            text,
        )
    )


_TOO_LARGE = _answer(b"431 Request Header Fields Too Large", b"Request header fields too large")
_TIMEOUT = _answer(b"408 Request Timeout", b"Request timeout")
_BUSY = _answer(b"503 Service Unavailable", b"Service Unavailable", b"retry-after: 1\r\n")


class _Watchdog:
    """One per server: every ``tick`` seconds, each connection checks its own clock."""

    def __init__(self, state: ServerState, loop: asyncio.AbstractEventLoop, tick: float) -> None:
        self.connections = state.connections
        self.loop = loop
        self.tick = tick
        self.handle: asyncio.TimerHandle | None = None

    @staticmethod
    def of(protocol: CoalescingHttpToolsProtocol) -> _Watchdog:
        state = protocol.server_state
        watchdog: _Watchdog | None = getattr(state, "gateway_watchdog", None)
        if watchdog is None:
            watchdog = _Watchdog(state, protocol.loop, protocol.limits.tick)
            state.gateway_watchdog = watchdog  # type: ignore[attr-defined]
        return watchdog

    def start(self) -> None:
        if self.handle is None:
            self.handle = self.loop.call_later(self.tick, self._run)

    def _run(self) -> None:
        self.handle = None
        now = self.loop.time()
        for protocol in list(self.connections):
            if isinstance(protocol, CoalescingHttpToolsProtocol):
                protocol.check_clock(now)
        if self.connections:
            self.start()

    def evict(self, newcomer: CoalescingHttpToolsProtocol) -> bool:
        """Close the oldest connection not in a request; ``False`` if there is none."""
        oldest: CoalescingHttpToolsProtocol | None = None
        for protocol in self.connections:
            if (
                protocol is not newcomer
                and isinstance(protocol, CoalescingHttpToolsProtocol)
                and protocol.between_requests()
                and (oldest is None or protocol.since < oldest.since)
            ):
                oldest = protocol
        if oldest is None:
            return False
        oldest.transport.close()
        return True


_DEFAULT_LIMITS = ServerLimits()


class CoalescingHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's ``httptools`` protocol on a :class:`CoalescingTransport`, with the limits of
    the module docstring.  ``serve`` passes ``limits`` through a ``functools.partial``.

    The per-connection state of the limits lives in class-level defaults, set on the instance
    only when it changes.
    """

    #: Bytes received since the current head started (an upper bound; module docstring).
    _head_bytes = 0
    #: ``data_received`` calls: the watchdog's sign of progress on a body.
    _reads = 0
    #: What the watchdog saw last (phase and progress) and since when (loop time).
    _seen: tuple[Any, int] | None = None
    _seen_at = 0.0
    #: Loop time the connection was made.
    since = 0.0
    _refusal = b""

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
        *,
        limits: ServerLimits = _DEFAULT_LIMITS,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.limits = limits

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        wrapped: Any = CoalescingTransport(transport, self.loop)
        super().connection_made(wrapped)
        limits = self.limits
        self.since = self._seen_at = self.loop.time()
        self._seen = (None, 0)
        watchdog = _Watchdog.of(self)
        cap = limits.max_connections
        if cap is not None and len(self.connections) > cap and not watchdog.evict(self):
            logger.warning("connection refused with 503: %d connections open (cap)", cap)
            self._close_with(_BUSY)
            return
        if limits.head_timeout or limits.body_idle_timeout:
            watchdog.start()

    # -- the head caps ----------------------------------------------------------------------

    def data_received(self, data: bytes) -> None:
        """uvicorn's, plus the head's byte count (module docstring)."""
        self._unset_keepalive_if_required()
        self._reads += 1
        cycle = self.cycle  # :meth:`_reading_head`, inlined: this runs on every read
        if cycle is None or not cycle.more_body or cycle.response_complete:
            self._head_bytes += len(data)
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._unsupported_upgrade_warning()
            return
        except httptools.HttpParserError:
            if self._refusal:
                self._refuse(self._refusal)
                return
            self._mark_bad_body()
            msg = "Invalid HTTP request received."
            self.logger.warning(msg)
            self.send_400_response(msg)
            return
        if self._head_bytes > self.limits.max_head_bytes and self._reading_head():
            self._refuse(b"request head over %d bytes" % self.limits.max_head_bytes)

    def _reading_head(self) -> bool:
        """What the connection receives now belongs to a request head: no request yet, the last
        one's body complete, or its answer sent (then the rest of its body counts too)."""
        cycle = self.cycle
        return cycle is None or not cycle.more_body or cycle.response_complete

    def on_headers_complete(self) -> None:
        limits = self.limits
        if self._head_bytes > limits.max_head_bytes and self._head_size() > limits.max_head_bytes:
            self._refusal = b"request head over %d bytes" % limits.max_head_bytes
            raise _Refused
        self._head_bytes = 0
        if len(self.headers) > limits.max_headers:
            self._refusal = b"over %d header fields" % limits.max_headers
            raise _Refused
        HttpToolsProtocol.on_headers_complete(self)

    def _head_size(self) -> int:
        """The head's size, counted (only when the reads held more than the cap: they may
        also hold a body)."""
        return len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers)

    def _refuse(self, reason: bytes) -> None:
        logger.warning("request refused with 431: %s", reason.decode())
        self._close_with(_TOO_LARGE)

    def _close_with(self, answer: bytes) -> None:
        """Send ``answer`` (unless a response is under way) and close the connection."""
        cycle = self.cycle
        if cycle is None or cycle.response_complete:
            self.transport.write(answer)
        self.transport.close()

    def _mark_bad_body(self) -> None:
        cycle = self.cycle
        if cycle is not None and cycle.more_body and not cycle.response_complete:
            cycle.scope["state"]["body_error"] = "malformed request body"

    # -- the clocks -------------------------------------------------------------------------

    def between_requests(self) -> bool:
        """Idle (keep-alive) or reading a head: nothing the application is working on."""
        cycle = self.cycle
        return cycle is None or cycle.response_complete

    def check_clock(self, now: float) -> None:
        """The watchdog's look at this connection (module docstring)."""
        if self.transport.is_closing():
            return
        cycle = self.cycle
        limits = self.limits
        head = cycle is None or cycle.response_complete
        if head:
            if self.timeout_keep_alive_task is not None:  # idle: uvicorn's keep-alive timer
                self._seen = None
                return
            phase, timeout = (cycle, 0), limits.head_timeout
        elif cycle.more_body and not self.flow.read_paused and not cycle.waiting_for_100_continue:
            phase, timeout = (cycle, self._reads), limits.body_idle_timeout
        else:  # the application is working on the request
            self._seen = None
            return
        seen = self._seen
        if seen is None or seen[0] is not phase[0] or seen[1] != phase[1]:
            self._seen, self._seen_at = phase, now
        elif timeout and now - self._seen_at >= timeout:
            self._expire(head=head)

    def _expire(self, *, head: bool) -> None:
        if head:
            logger.info(
                "connection closed: request head not complete in %ss", self.limits.head_timeout
            )
            if self._head_bytes:
                self._close_with(_TIMEOUT)
            else:
                self.transport.close()
        else:
            logger.info(
                "connection closed: request body idle for %ss", self.limits.body_idle_timeout
            )
            self.transport.close()
