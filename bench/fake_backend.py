"""Fast fake Ollama server used only as the load-test backend of the benchmark.

This module owns the HTTP server that stands in for Ollama while ``bench/run.py``
measures direct / nginx / gateway throughput.  It is deliberately minimal and fast
(raw asyncio ``Protocol`` + uvloop + httptools, pre-rendered response bytes) so that it
is not the bottleneck; the full-featured fake used by the test-suite lives elsewhere.

Served routes (HTTP/1.1 keep-alive, Content-Length request bodies):

* ``GET /`` and ``HEAD /``              -> ``Ollama is running``
* ``GET /api/version``, ``GET /api/tags``, ``GET /api/ps``, ``GET /v1/models``
* ``POST /api/show``
* ``POST /api/chat`` and ``POST /api/generate``
    - ``"stream": false``  -> one ~400-byte JSON answer with ``done: true`` and token counts
    - streaming (default, like Ollama) -> chunked ``application/x-ndjson``; the number of
      lines is ``options.num_predict`` (default 10), the pause between lines is
      ``options.bench_delay`` seconds (default 0 = write every line immediately, each line
      as its own chunk and ``send()``).  The last line is the ``done: true`` summary line.
* ``POST /v1/chat/completions``
    - non-streaming -> an OpenAI ``chat.completion`` object
    - ``"stream": true`` -> ``text/event-stream``; ``max_tokens`` (or ``options.num_predict``)
      content chunks, a final ``finish_reason: "stop"`` chunk, a usage chunk when
      ``stream_options.include_usage`` is true, then ``data: [DONE]``.  The pause between
      chunks is ``bench_delay`` (top level) or ``options.bench_delay``.

Run: ``python bench/fake_backend.py --port 11500 [--workers N]`` (N > 1 uses SO_REUSEPORT).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import email.utils
import os
import signal
import socket
import sys
import time
from collections import deque
from collections.abc import Callable
from typing import Any, cast

import httptools
import orjson

DEFAULT_MODEL = "llama3.2:1b"
CREATED_AT = "2024-11-23T10:00:00.000000000Z"
MAX_LINES = 100_000
MAX_DELAY = 10.0
MAX_BODY = 8 * 1024 * 1024
TOKENS = [" The", " quick", " brown", " fox", " jumps", " over", " the", " lazy", " dog", "."]

TAGS = {
    "models": [
        {
            "name": "llama3.2:1b",
            "model": "llama3.2:1b",
            "modified_at": "2024-11-20T09:12:44.123456789Z",
            "size": 1321098329,
            "digest": "baf6a787fdffd633537aa2eb51cfd54cb93ff08e28040095462bb63daf552878",
            "details": {
                "parent_model": "",
                "format": "gguf",
                "family": "llama",
                "families": ["llama"],
                "parameter_size": "1.2B",
                "quantization_level": "Q8_0",
            },
        },
        {
            "name": "qwen2.5:0.5b",
            "model": "qwen2.5:0.5b",
            "modified_at": "2024-11-18T17:03:10.987654321Z",
            "size": 397821319,
            "digest": "a8b0c51577010a279d933d14c2a8ab4b268079d44c5c8830c0a93900f1827c67",
            "details": {
                "parent_model": "",
                "format": "gguf",
                "family": "qwen2",
                "families": ["qwen2"],
                "parameter_size": "494.03M",
                "quantization_level": "Q4_K_M",
            },
        },
    ]
}

ANSWER = (
    "The sky appears blue because molecules in the atmosphere scatter short "
    "(blue) wavelengths of sunlight much more strongly than long (red) ones."
)

_REASONS = {200: b"OK", 400: b"Bad Request", 404: b"Not Found", 405: b"Method Not Allowed"}


class DateCache:
    """HTTP ``Date`` header value, re-rendered at most once per second."""

    def __init__(self) -> None:
        self._second = -1
        self._value = b""

    def get(self) -> bytes:
        now = int(time.time())
        if now != self._second:
            self._second = now
            self._value = email.utils.formatdate(now, usegmt=True).encode()
        return self._value


DATE = DateCache()


def response_bytes(
    status: int, body: bytes, content_type: bytes, *, keep_alive: bool, head: bool = False
) -> bytes:
    """Render a complete HTTP/1.1 response with a Content-Length body."""
    head_lines = (
        b"HTTP/1.1 %d %s\r\nContent-Type: %s\r\nDate: %s\r\nContent-Length: %d\r\n%s\r\n"
        % (
            status,
            _REASONS.get(status, b"Unknown"),
            content_type,
            DATE.get(),
            len(body),
            b"" if keep_alive else b"Connection: close\r\n",
        )
    )
    return head_lines if head else head_lines + body


def chunked_head(content_type: bytes, *, keep_alive: bool) -> bytes:
    """Headers of a chunked (streaming) response."""
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: %s\r\nDate: %s\r\nTransfer-Encoding: chunked\r\n%s\r\n"
        % (
            content_type,
            DATE.get(),
            b"" if keep_alive else b"Connection: close\r\n",
        )
    )


def frame(payload: bytes) -> bytes:
    """One HTTP/1.1 chunk."""
    return b"%x\r\n%s\r\n" % (len(payload), payload)


JSON = b"application/json; charset=utf-8"
NDJSON = b"application/x-ndjson"
SSE = b"text/event-stream"
TEXT = b"text/plain; charset=utf-8"


class Renderer:
    """Pre-renders (and caches per model name) every byte string the server sends."""

    def __init__(self) -> None:
        self.tags = orjson.dumps(TAGS)
        self.version = orjson.dumps({"version": "0.4.2"})
        self.ps = orjson.dumps({"models": []})
        self.v1_models = orjson.dumps(
            {
                "object": "list",
                "data": [
                    {
                        "id": m["name"],
                        "object": "model",
                        "created": 1732096364,
                        "owned_by": "library",
                    }
                    for m in TAGS["models"]
                ],
            }
        )
        self._cache: dict[tuple[str, str], Any] = {}

    def _cached(self, kind: str, model: str, build: Callable[[str], Any]) -> Any:
        key = (kind, model)
        value = self._cache.get(key)
        if value is None:
            value = build(model)
            if len(self._cache) < 256:
                self._cache[key] = value
        return value

    # --- Ollama native -------------------------------------------------------------------
    @staticmethod
    def _stats(n: int) -> dict[str, Any]:
        return {
            "total_duration": 4_883_583_458,
            "load_duration": 1_334_875,
            "prompt_eval_count": 26,
            "prompt_eval_duration": 342_546_000,
            "eval_count": n,
            "eval_duration": 4_535_599_000,
        }

    def chat_final(self, model: str) -> bytes:
        def build(m: str) -> bytes:
            return orjson.dumps(
                {
                    "model": m,
                    "created_at": CREATED_AT,
                    "message": {"role": "assistant", "content": ANSWER},
                    "done_reason": "stop",
                    "done": True,
                    **self._stats(24),
                }
            )

        return self._cached("chat", model, build)  # type: ignore[no-any-return]

    def generate_final(self, model: str) -> bytes:
        def build(m: str) -> bytes:
            return orjson.dumps(
                {
                    "model": m,
                    "created_at": CREATED_AT,
                    "response": ANSWER,
                    "done": True,
                    "done_reason": "stop",
                    **self._stats(24),
                }
            )

        return self._cached("generate", model, build)  # type: ignore[no-any-return]

    def ndjson_lines(self, model: str, chat: bool) -> list[bytes]:
        """Framed chunk per token (one per entry of TOKENS)."""

        def build(m: str) -> list[bytes]:
            out = []
            for tok in TOKENS:
                if chat:
                    obj: dict[str, Any] = {
                        "model": m,
                        "created_at": CREATED_AT,
                        "message": {"role": "assistant", "content": tok},
                        "done": False,
                    }
                else:
                    obj = {"model": m, "created_at": CREATED_AT, "response": tok, "done": False}
                out.append(frame(orjson.dumps(obj) + b"\n"))
            return out

        return self._cached("ndjson-chat" if chat else "ndjson-gen", model, build)  # type: ignore[no-any-return]

    def ndjson_done(self, model: str, chat: bool, n: int) -> bytes:
        obj: dict[str, Any] = {"model": model, "created_at": CREATED_AT}
        if chat:
            obj["message"] = {"role": "assistant", "content": ""}
        else:
            obj["response"] = ""
        obj.update({"done_reason": "stop", "done": True, **self._stats(n)})
        return frame(orjson.dumps(obj) + b"\n") + b"0\r\n\r\n"

    # --- OpenAI compatible ---------------------------------------------------------------
    def sse_lines(self, model: str) -> list[bytes]:
        def build(m: str) -> list[bytes]:
            out = []
            for tok in TOKENS:
                delta: dict[str, Any] = {"role": "assistant", "content": tok}
                obj = {
                    "id": "chatcmpl-285",
                    "object": "chat.completion.chunk",
                    "created": 1732356000,
                    "model": m,
                    "system_fingerprint": "fp_ollama",
                    "choices": [{"index": 0, "delta": delta, "finish_reason": None}],
                }
                out.append(frame(b"data: " + orjson.dumps(obj) + b"\n\n"))
            return out

        return self._cached("sse", model, build)  # type: ignore[no-any-return]

    def sse_tail(self, model: str, n: int, include_usage: bool) -> bytes:
        base = {
            "id": "chatcmpl-285",
            "object": "chat.completion.chunk",
            "created": 1732356000,
            "model": model,
            "system_fingerprint": "fp_ollama",
        }
        stop = {
            **base,
            "choices": [
                {"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": "stop"}
            ],
        }
        out = frame(b"data: " + orjson.dumps(stop) + b"\n\n")
        if include_usage:
            usage = {
                **base,
                "choices": [],
                "usage": {"prompt_tokens": 26, "completion_tokens": n, "total_tokens": 26 + n},
            }
            out += frame(b"data: " + orjson.dumps(usage) + b"\n\n")
        return out + frame(b"data: [DONE]\n\n") + b"0\r\n\r\n"

    def completion(self, model: str) -> bytes:
        def build(m: str) -> bytes:
            return orjson.dumps(
                {
                    "id": "chatcmpl-285",
                    "object": "chat.completion",
                    "created": 1732356000,
                    "model": m,
                    "system_fingerprint": "fp_ollama",
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": ANSWER},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 26, "completion_tokens": 24, "total_tokens": 50},
                }
            )

        return self._cached("completion", model, build)  # type: ignore[no-any-return]


RENDER = Renderer()


class Request:
    """One parsed request."""

    __slots__ = ("body", "keep_alive", "method", "path")

    def __init__(self, method: bytes, path: bytes, body: bytes, keep_alive: bool) -> None:
        self.method = method
        self.path = path
        self.body = body
        self.keep_alive = keep_alive


def _num(value: Any, default: float, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    return float(min(max(value, lo), hi))


class StreamPlan:
    """What a streaming response must send: a list of framed chunks plus a pacing delay."""

    __slots__ = ("content_type", "delay", "lines", "tail")

    def __init__(self, content_type: bytes, lines: list[bytes], tail: bytes, delay: float) -> None:
        self.content_type = content_type
        self.lines = lines
        self.tail = tail
        self.delay = delay


class HttpProtocol(asyncio.Protocol):
    """HTTP/1.1 server connection: parses with httptools, answers in order (no overlap)."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpRequestParser(self)
        self.url = b""
        self.body_parts: list[bytes] = []
        self.body_size = 0
        self.queue: deque[Request] = deque()
        self.streaming: asyncio.Task[None] | None = None
        self.closed = False
        self.writable: asyncio.Event | None = None

    # --- asyncio.Protocol ----------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.streaming is not None:
            self.streaming.cancel()
        if self.writable is not None:
            self.writable.set()

    def pause_writing(self) -> None:
        if self.writable is None:
            self.writable = asyncio.Event()
        self.writable.clear()

    def resume_writing(self) -> None:
        if self.writable is not None:
            self.writable.set()

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except (httptools.HttpParserError, httptools.HttpParserUpgrade):
            self._fail(400, b'{"error":"bad request"}')

    # --- httptools callbacks ---------------------------------------------------------------
    def on_message_begin(self) -> None:
        self.url = b""
        self.body_parts = []
        self.body_size = 0

    def on_url(self, url: bytes) -> None:
        self.url += url

    def on_body(self, body: bytes) -> None:
        self.body_size += len(body)
        if self.body_size > MAX_BODY:
            self._fail(400, b'{"error":"body too large"}')
            return
        self.body_parts.append(body)

    def on_message_complete(self) -> None:
        path = self.url.split(b"?", 1)[0]
        body = b"".join(self.body_parts)
        req = Request(self.parser.get_method(), path, body, self.parser.should_keep_alive())
        if self.streaming is None and not self.queue:
            self._handle(req)
        else:
            self.queue.append(req)

    # --- dispatch ------------------------------------------------------------------------
    def _fail(self, status: int, body: bytes) -> None:
        if self.transport is not None and not self.closed:
            self.transport.write(response_bytes(status, body, JSON, keep_alive=False))
            self.transport.close()
        self.closed = True

    def _handle(self, req: Request) -> None:
        """Answer ``req``; streaming answers continue in a task, later requests queue."""
        transport = self.transport
        if transport is None or self.closed:
            return
        result = route(req)
        if isinstance(result, bytes):
            transport.write(result)
            if not req.keep_alive:
                transport.close()
                self.closed = True
            return
        transport.write(chunked_head(result.content_type, keep_alive=req.keep_alive))
        if result.delay <= 0 and (self.writable is None or self.writable.is_set()):
            # Fast path: each line is its own chunk and its own write (send()) call.
            write = transport.write
            for line in result.lines:
                write(line)
            write(result.tail)
            if not req.keep_alive:
                transport.close()
                self.closed = True
            return
        self.streaming = asyncio.get_running_loop().create_task(self._stream(result, req))

    async def _stream(self, plan: StreamPlan, req: Request) -> None:
        transport = self.transport
        assert transport is not None
        try:
            for i, line in enumerate(plan.lines):
                if self.closed:
                    return
                if i and plan.delay > 0:
                    await asyncio.sleep(plan.delay)
                if self.writable is not None and not self.writable.is_set():
                    await self.writable.wait()
                if self.closed:
                    return
                transport.write(line)
            if plan.delay > 0:
                await asyncio.sleep(plan.delay)
            if self.closed:
                return
            transport.write(plan.tail)
            if not req.keep_alive:
                transport.close()
                self.closed = True
        except asyncio.CancelledError:
            return
        finally:
            self.streaming = None
        while self.queue and self.streaming is None and not self.closed:
            self._handle(self.queue.popleft())


def _json_body(body: bytes) -> dict[str, Any]:
    if not body:
        return {}
    try:
        obj = orjson.loads(body)
    except orjson.JSONDecodeError:
        return {}
    return obj if isinstance(obj, dict) else {}


def _lines(src: list[bytes], n: int) -> list[bytes]:
    k = len(src)
    return [src[i % k] for i in range(n)]


def route(req: Request) -> bytes | StreamPlan:
    """Map a request to full response bytes or to a streaming plan."""
    ka = req.keep_alive
    method, path = req.method, req.path
    if method in (b"GET", b"HEAD"):
        head = method == b"HEAD"
        if path == b"/api/tags":
            return response_bytes(200, RENDER.tags, JSON, keep_alive=ka, head=head)
        if path == b"/":
            return response_bytes(200, b"Ollama is running", TEXT, keep_alive=ka, head=head)
        if path == b"/api/version":
            return response_bytes(200, RENDER.version, JSON, keep_alive=ka, head=head)
        if path == b"/api/ps":
            return response_bytes(200, RENDER.ps, JSON, keep_alive=ka, head=head)
        if path == b"/v1/models":
            return response_bytes(200, RENDER.v1_models, JSON, keep_alive=ka, head=head)
        return response_bytes(404, b'{"error":"not found"}', JSON, keep_alive=ka, head=head)
    if method != b"POST":
        return response_bytes(405, b'{"error":"method not allowed"}', JSON, keep_alive=ka)

    data = _json_body(req.body)
    model = data.get("model")
    if not isinstance(model, str) or not model or len(model) > 200:
        model = DEFAULT_MODEL
    options = data.get("options")
    if not isinstance(options, dict):
        options = {}

    if path in (b"/api/chat", b"/api/generate"):
        chat = path == b"/api/chat"
        if data.get("stream", True) is False:
            body = RENDER.chat_final(model) if chat else RENDER.generate_final(model)
            return response_bytes(200, body, JSON, keep_alive=ka)
        n = int(_num(options.get("num_predict", data.get("num_predict")), 10, 1, MAX_LINES))
        delay = _num(options.get("bench_delay", data.get("bench_delay")), 0.0, 0.0, MAX_DELAY)
        lines = _lines(RENDER.ndjson_lines(model, chat), n - 1)
        return StreamPlan(NDJSON, lines, RENDER.ndjson_done(model, chat, n), delay)

    if path == b"/v1/chat/completions":
        if data.get("stream", False) is not True:
            return response_bytes(200, RENDER.completion(model), JSON, keep_alive=ka)
        raw_n = data.get(
            "max_tokens", data.get("max_completion_tokens", options.get("num_predict"))
        )
        n = int(_num(raw_n, 10, 1, MAX_LINES))
        delay = _num(data.get("bench_delay", options.get("bench_delay")), 0.0, 0.0, MAX_DELAY)
        stream_options = data.get("stream_options")
        include_usage = (
            isinstance(stream_options, dict) and stream_options.get("include_usage") is True
        )
        return StreamPlan(
            SSE, _lines(RENDER.sse_lines(model), n), RENDER.sse_tail(model, n, include_usage), delay
        )

    if path == b"/api/show":
        body = orjson.dumps(
            {
                "modelfile": "FROM " + model,
                "parameters": "",
                "template": "{{ .Prompt }}",
                "details": TAGS["models"][0]["details"],
                "model_info": {},
            }
        )
        return response_bytes(200, body, JSON, keep_alive=ka)
    return response_bytes(404, b'{"error":"not found"}', JSON, keep_alive=ka)


def _install_uvloop() -> None:
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop ships with uvicorn[standard]
        return
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())


async def serve(host: str, port: int, reuse_port: bool, ready_fd: int | None = None) -> None:
    """Serve until SIGTERM/SIGINT."""
    loop = asyncio.get_running_loop()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    server = await loop.create_server(HttpProtocol, sock=sock, backlog=4096)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    if ready_fd is not None:
        os.write(ready_fd, b"ready\n")
    await stop.wait()
    # do not wait for open (held) connections: asyncio.run() cancels their tasks on return
    server.close()


def _worker(host: str, port: int, reuse_port: bool) -> None:
    _install_uvloop()
    asyncio.run(serve(host, port, reuse_port))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=11500)
    parser.add_argument("--workers", type=int, default=1, help="processes (SO_REUSEPORT if > 1)")
    args = parser.parse_args(argv)
    if args.workers <= 1:
        _worker(args.host, args.port, False)
        return 0
    children: list[int] = []
    for _ in range(args.workers):
        pid = os.fork()
        if pid == 0:  # child
            try:
                _worker(args.host, args.port, True)
            finally:
                os._exit(0)
        children.append(pid)

    def _forward(signum: int, _frame: object) -> None:
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signum)

    signal.signal(signal.SIGTERM, _forward)
    signal.signal(signal.SIGINT, _forward)
    for child in children:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(child, 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
