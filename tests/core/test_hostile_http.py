"""Hostile HTTP against a real ``ollama-gateway serve`` (core/server.py), with raw sockets.

One gateway process for the module, under a lowered descriptor limit (``RLIMIT_NOFILE`` 160, soft
and hard, so ``serve`` cannot raise it: a connection cap of 48) and short clocks (head 1 s, body
idle 1 s).  Every test runs with a watcher that asks ``/health`` on a new connection every 0.2 s
and fails the test if an answer takes a second or is not a 200 (:func:`health`).
"""

from __future__ import annotations

import contextlib
import resource
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.processes import GatewayProcess, gateway_env

DESCRIPTORS = 160
CAP = (DESCRIPTORS - 64) // 2


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GatewayProcess]:
    tmp = tmp_path_factory.mktemp("hostile")
    env = gateway_env(
        tmp,
        server_head_timeout=1,
        server_body_idle_timeout=1,
        log_level="INFO",
        ollama_api_base_url="http://127.0.0.1:9",
    )
    limit = (DESCRIPTORS, DESCRIPTORS)
    process = GatewayProcess(env, tmp / "gateway.log")
    # the descriptor limit is set on the running process (prlimit), before it opens its socket
    resource.prlimit(process.process.pid, resource.RLIMIT_NOFILE, limit)
    try:
        process.wait_ready(timeout=180)  # a loaded machine starts it slowly
        yield process
    finally:
        process.stop()


class Watcher(threading.Thread):
    """Asks ``/health`` every 0.2 s on a new connection; keeps the failures."""

    def __init__(self, port: int) -> None:
        super().__init__(daemon=True)
        self.port = port
        self.failures: list[str] = []
        self.asked = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            started = time.monotonic()
            try:
                answer = exchange(self.port, b"GET /health HTTP/1.1\r\nhost: t\r\n\r\n", 1.0)
            except OSError as exc:
                answer = repr(exc).encode()
            took = time.monotonic() - started
            self.asked += 1
            if not answer.startswith(b"HTTP/1.1 200") or took >= 1.0:
                self.failures.append(f"{took:.2f}s {answer[:60]!r}")
            self.stopping.wait(0.2)


@pytest.fixture
def health(gateway: GatewayProcess) -> Iterator[Watcher]:
    watcher = Watcher(gateway.port)
    watcher.start()
    yield watcher
    watcher.stopping.set()
    watcher.join()
    assert watcher.asked > 0
    assert watcher.failures == []


def connect(port: int, timeout: float = 5.0) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def read_all(sock: socket.socket) -> bytes:
    """Everything until the server closes (or a reset after its answer)."""
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except ConnectionResetError:
        pass
    return received


def exchange(port: int, request: bytes, timeout: float = 5.0) -> bytes:
    """One request with ``connection: close`` semantics: send, read until closed."""
    with connect(port, timeout) as sock:
        if b"connection:" not in request.lower():
            request = request.replace(b"\r\n\r\n", b"\r\nconnection: close\r\n\r\n", 1)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(request)
        return read_all(sock)


# -- finding 3: request-head caps -------------------------------------------------------------


def test_a_giant_header_is_refused_with_431(gateway: GatewayProcess, health: Watcher) -> None:
    answer = exchange(
        gateway.port, b"GET /health HTTP/1.1\r\nx-big: " + b"a" * 70_000 + b"\r\n\r\n"
    )
    assert answer.startswith(b"HTTP/1.1 431 ")
    assert b"connection: close" in answer


def test_a_64_mib_header_is_cut_after_the_cap(gateway: GatewayProcess, health: Watcher) -> None:
    """The server stops reading after ~64 KiB: the rest of a 64 MiB header is never taken."""
    sent = 0
    with connect(gateway.port) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nhost: t\r\nx-big: ")
        chunk = b"a" * 65536
        try:
            for _ in range(1024):
                sock.sendall(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = read_all(sock)
    assert sent < 8 * 1024 * 1024  # closed long before 64 MiB (socket buffers hold the rest)
    assert answer == b"" or answer.startswith(b"HTTP/1.1 431 ")


def test_too_many_headers_are_refused(gateway: GatewayProcess, health: Watcher) -> None:
    many = b"".join(b"x-h%d: v\r\n" % i for i in range(101))
    assert exchange(gateway.port, b"GET /health HTTP/1.1\r\n" + many + b"\r\n").startswith(
        b"HTTP/1.1 431 "
    )
    fewer = b"".join(b"x-h%d: %s\r\n" % (i, b"v" * 500) for i in range(95))  # 50 KiB, 97 fields
    assert exchange(gateway.port, b"GET /health HTTP/1.1\r\n" + fewer + b"\r\n").startswith(
        b"HTTP/1.1 200 "
    )


def test_100k_headers_in_pieces_are_cut(gateway: GatewayProcess, health: Watcher) -> None:
    with connect(gateway.port) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\n")
        try:
            for _ in range(1000):
                sock.sendall(b"x: y\r\n" * 100)
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = read_all(sock)
    assert answer == b"" or answer.startswith(b"HTTP/1.1 431 ")


# -- finding 4: slowloris and the connection cap ------------------------------------------------


def test_a_slow_head_is_cut_with_408_whatever_it_trickles(
    gateway: GatewayProcess, health: Watcher
) -> None:
    started = time.monotonic()
    with connect(gateway.port) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\n")
        try:
            for _ in range(20):
                time.sleep(0.2)
                sock.sendall(b"x-a: b\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = read_all(sock)
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert time.monotonic() - started < 3.0  # 1 s head timeout + 0.25 s tick + slack


def test_an_idle_connection_without_a_byte_is_closed(gateway: GatewayProcess) -> None:
    started = time.monotonic()
    with connect(gateway.port) as sock:
        assert read_all(sock) == b""
    assert 0.9 < time.monotonic() - started < 3.0


def test_a_stalled_body_is_cut(gateway: GatewayProcess, health: Watcher) -> None:
    started = time.monotonic()
    with connect(gateway.port) as sock:
        head = b"POST /api/auth/login HTTP/1.1\r\nhost: t\r\ncontent-type: application/json\r\n"
        sock.sendall(head + b"content-length: 100\r\n\r\n" + b'{"username": ')
        read_all(sock)
    assert time.monotonic() - started < 3.0


def test_slowloris_past_the_descriptor_limit(gateway: GatewayProcess, health: Watcher) -> None:
    """200 sockets with an unfinished head, against 160 descriptors: /health still answers."""
    sockets: list[socket.socket] = []
    try:
        for _ in range(200):
            sock = connect(gateway.port)
            sock.sendall(b"GET /health HTTP/1.1\r\nx-slow: ")
            sockets.append(sock)
        time.sleep(0.5)
        answer = exchange(gateway.port, b"GET /health HTTP/1.1\r\nhost: t\r\n\r\n", 1.0)
        assert answer.startswith(b"HTTP/1.1 200 ")
    finally:
        for sock in sockets:
            sock.close()


def test_a_cap_full_of_requests_answers_503_at_once(
    gateway: GatewayProcess, health: Watcher
) -> None:
    """Bodies the application waits for are not evicted: past the cap a newcomer gets 503."""
    health.stopping.set()  # the watcher's own connections would be refused too
    health.join()
    sockets: list[socket.socket] = []
    head = b"POST /api/auth/login HTTP/1.1\r\nhost: t\r\ncontent-type: application/json\r\n"
    try:
        for _ in range(CAP + 2):
            sock = connect(gateway.port)
            sock.sendall(head + b"content-length: 100\r\n\r\n{")
            sockets.append(sock)
        time.sleep(0.3)
        started = time.monotonic()
        answer = exchange(gateway.port, b"GET /health HTTP/1.1\r\nhost: t\r\n\r\n", 1.0)
        assert answer.startswith(b"HTTP/1.1 503 ")
        assert time.monotonic() - started < 1.0
    finally:
        for sock in sockets:
            sock.close()
    time.sleep(0.3)
    assert httpx.get(gateway.url + "/health", timeout=1).status_code == 200


# -- smuggling shapes ---------------------------------------------------------------------------

# closes the connection when it is read as a request of its own (te-identity, http-0.9)
SMUGGLED = b"GET /api/smuggled HTTP/1.1\r\nhost: t\r\nconnection: close\r\n\r\n"
LOGIN = b"POST /api/auth/login HTTP/1.1\r\nhost: t\r\ncontent-type: application/json\r\n"

SHAPES = {
    "cl-and-te": LOGIN + b"content-length: 5\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n",
    "te-and-cl": LOGIN + b"transfer-encoding: chunked\r\ncontent-length: 44\r\n\r\n0\r\n\r\n",
    "two-lengths": LOGIN + b"content-length: 0\r\ncontent-length: 44\r\n\r\n",
    "length-list": LOGIN + b"content-length: 0, 44\r\n\r\n",
    "signed-length": LOGIN + b"content-length: +0\r\n\r\n",
    "te-identity": LOGIN + b"transfer-encoding: identity, chunked\r\n\r\n0\r\n\r\n",
    "te-xchunked": LOGIN + b"transfer-encoding: xchunked\r\ncontent-length: 0\r\n\r\n",
    "te-space": LOGIN + b"transfer-encoding : chunked\r\ncontent-length: 0\r\n\r\n",
    "te-folded": LOGIN + b"transfer-encoding:\r\n chunked\r\ncontent-length: 0\r\n\r\n",
    "obs-fold": b"GET /health HTTP/1.1\r\nhost: t\r\nx-a: 1\r\n x-b: 2\r\n\r\n",
    "bare-lf": b"GET /health HTTP/1.1\nhost: t\ncontent-length: 0\n\n",
    "bare-cr": b"GET /health HTTP/1.1\rhost: t\r\n\r\n",
    "nul-in-header": b"GET /health HTTP/1.1\r\nhost: t\r\nx-a: a\x00b\r\n\r\n",
    "bad-chunk-size": LOGIN + b"transfer-encoding: chunked\r\n\r\nzz\r\n\r\n",
    "chunk-ext-lf": LOGIN + b"transfer-encoding: chunked\r\n\r\n0;a\n\r\n",
    "space-in-name": b"GET /health HTTP/1.1\r\nhost: t\r\nx a: b\r\n\r\n",
    "http-0.9": b"GET /health\r\n\r\n",
    "long-method": b"G" * 70_000 + b" /health HTTP/1.1\r\n\r\n",
}


#: Shapes read as RFC 9112 says, not refused: ``identity, chunked`` is chunked (its final
#: coding; the empty chunked body is then a 400 of the login route and the request after it a
#: pipelined one of its own), a request line without a version is HTTP/0.9.
FRAMED = {"te-identity": [b"400", b"404"], "http-0.9": [b"200"]}


def _answers(port: int, request: bytes) -> list[bytes]:
    with connect(port) as sock:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(request)
        received = read_all(sock)
    return [part[:3] for part in received.split(b"HTTP/1.1 ")[1:]]


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_smuggling_shapes_are_refused_or_framed_as_the_rfc_says(
    gateway: GatewayProcess, name: str
) -> None:
    """Each shape carries a request after it.  An ambiguous one (two lengths, length and
    chunked, folded or spaced names, bare CR or LF, NUL, bad chunks) is answered 400 once and
    the connection closed: what follows is never read as a request."""
    assert _answers(gateway.port, SHAPES[name] + SMUGGLED) == FRAMED.get(name, [b"400"])
    assert httpx.get(gateway.url + "/health", timeout=1).status_code == 200


def test_the_descriptor_limit_is_logged(gateway: GatewayProcess) -> None:
    assert f"descriptor limit {DESCRIPTORS} (was {DESCRIPTORS}); at most {CAP}" in (
        Path(gateway.log).read_text()
    )
