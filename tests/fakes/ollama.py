"""Protocol-faithful fake Ollama server for the test suite.

This module owns the server object tests interact with: ``FakeOllama``, an aiohttp.web app bound
to 127.0.0.1 on a free port (``FakeOllamaThread``, re-exported here, runs it on its own loop in a
daemon thread). It holds the fault knobs, the per-model knob overrides, the request log, the
counters, the wait helpers and the streaming/fault machinery the handlers share. The endpoints
live in ``ollama_native`` (/api inference and listing), ``ollama_manage`` (pull, push, create,
copy, delete, blobs) and ``ollama_openai`` (/v1); the generated content in ``ollama_content``; the
model metadata in ``ollama_models``; wire conventions in ``ollama_wire``.

Knobs are plain attributes read live by the handlers (also between two streamed lines), so tests
may change them at any time and from any thread.
"""

from __future__ import annotations

import asyncio
import itertools
import ssl
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Final, Self

from aiohttp import web
from multidict import CIMultiDict, CIMultiDictProxy

from .ollama_models import DEFAULT_MODELS, ModelEntry, ModelRegistry, model_key
from .ollama_thread import FakeOllamaThread
from .ollama_wire import (
    BODY,
    BUSY_MESSAGE,
    RAW_BODY,
    BadJson,
    error_response,
    host_allowed,
    json_response,
    parse_body,
)

__all__ = [
    "BUSY_MESSAGE",
    "DEFAULT_MODELS",
    "KNOB_DEFAULTS",
    "FakeOllama",
    "FakeOllamaThread",
    "RecordedRequest",
]

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

#: Fault knobs and their defaults (also the names accepted by ``FakeOllama.override``).
KNOB_DEFAULTS: Final[Mapping[str, Any]] = {
    "chunks": 5,
    "delay_first_byte": 0.0,
    "delay_per_chunk": 0.0,
    "die_after_chunks": None,
    "busy": False,
    "error_in_stream": None,
    "error_after_chunks": 2,
    "fail_with": None,
    "max_in_flight": None,
}

_OUTCOME: Final = web.RequestKey("fake_ollama_outcome", str)
_CANCELLED: Final = "cancelled"
_ABORTED: Final = "aborted"
_REJECTED: Final = "rejected"


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """One request as the fake received it.

    ``headers`` is a case-insensitive mapping (``"authorization" in r.headers`` works whatever
    the spelling on the wire); ``json`` is the parsed body (top-level keys read as Go reads
    them: ``ollama_wire.parse_body``), or ``None`` if empty or not JSON.
    """

    method: str
    path: str
    query: Mapping[str, str]
    headers: CIMultiDictProxy[str]
    json: Any
    #: The body bytes as received.
    raw: bytes = b""

    @property
    def model(self) -> str | None:
        """The ``model`` field of the JSON body, if any."""
        body = self.json
        value = body.get("model") if isinstance(body, dict) else None
        return value if isinstance(value, str) else None

    @property
    def host(self) -> str:
        """The ``Host`` header as received (empty if absent)."""
        return self.headers.get("Host", "")


class FakeOllama:
    """A fake Ollama server speaking the native and the OpenAI-compatible API.

    Use ``async with FakeOllama() as fake: ...`` (or ``await fake.start()`` / ``await
    fake.stop()``) inside the event loop of the test, or ``fake.start_in_thread()`` /
    ``FakeOllamaThread`` for a server on its own loop.

    Fault knobs (attributes; per model via ``override``; they apply to generate, chat, embed,
    embeddings, pull, push, create and the /v1 inference routes, the "work" endpoints):

    - ``chunks``: content lines per streamed answer (each line = one generated token).
    - ``delay_first_byte``: seconds before the response starts (headers included).
    - ``delay_per_chunk``: seconds between two streamed lines (non-streamed answers wait
      ``chunks * delay_per_chunk`` to simulate generation).
    - ``die_after_chunks``: after N lines close the TCP connection mid-body (no final chunk, the
      client sees a truncated chunked body); non-streamed requests get no response at all.
    - ``busy``: answer 503 ``{"error": BUSY_MESSAGE}`` (OpenAI error shape on /v1).
    - ``max_in_flight``: answer 503 busy when more work requests than this are in flight.
    - ``error_in_stream`` / ``error_after_chunks``: after that many content lines emit a final
      ``{"error": msg}`` line with status 200 (SSE error event on /v1); 500 when not streamed.
    - ``fail_with``: ``(status, message)`` answered instead of the work, e.g. ``(500, "boom")``.
    """

    def __init__(
        self,
        models: Iterable[str] | None = None,
        *,
        version: str = "0.12.3",
        host_check: bool = True,
        embedding_dim: int = 8,
        record_requests: bool = True,
        chunks: int = 5,
        delay_first_byte: float = 0.0,
        delay_per_chunk: float = 0.0,
        die_after_chunks: int | None = None,
        busy: bool = False,
        error_in_stream: str | None = None,
        error_after_chunks: int = 2,
        fail_with: tuple[int, str] | None = None,
        max_in_flight: int | None = None,
        ssl_context: ssl.SSLContext | None = None,
        bind: str = "127.0.0.1",
    ) -> None:
        #: The address served on (a non-loopback one plays a user's own Ollama host).
        self.bind = bind
        #: Serve HTTPS with this server context (``url`` is then ``https://...``).
        self.ssl_context = ssl_context
        self.registry = ModelRegistry(tuple(models) if models is not None else DEFAULT_MODELS)
        self.version = version
        self.host_check = host_check
        self.embedding_dim = embedding_dim
        self.record_requests = record_requests
        # Fault knobs (see the class docstring).
        self.chunks = chunks
        self.delay_first_byte = delay_first_byte
        self.delay_per_chunk = delay_per_chunk
        self.die_after_chunks = die_after_chunks
        self.busy = busy
        self.error_in_stream = error_in_stream
        self.error_after_chunks = error_after_chunks
        self.fail_with = fail_with
        self.max_in_flight = max_in_flight
        # Observations.
        self.requests: list[RecordedRequest] = []
        self.blobs: set[str] = set()
        self.in_flight = 0
        self.peak_in_flight = 0
        self.completed = 0
        self.cancelled = 0
        self.aborted = 0
        self.rejected = 0
        self.url = ""
        self._overrides: dict[str, dict[str, Any]] = {}
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    # ----------------------------------------------------------------- lifecycle

    async def start(self, port: int = 0) -> str:
        """Serve on 127.0.0.1 (a free port unless ``port`` is given); return the base URL."""
        if self._runner is not None:
            return self.url
        runner = web.AppRunner(
            self._build_app(),
            handle_signals=False,
            access_log=None,
            handler_cancellation=True,
            shutdown_timeout=0.2,
        )
        await runner.setup()
        try:
            await web.TCPSite(runner, self.bind, port, ssl_context=self.ssl_context).start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self._loop = asyncio.get_running_loop()
        scheme = "https" if self.ssl_context is not None else "http"
        host = f"[{self.bind}]" if ":" in self.bind else self.bind
        self.url = f"{scheme}://{host}:{runner.addresses[0][1]}"
        return self.url

    async def stop(self) -> None:
        """Stop serving; open connections are closed."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    def start_in_thread(self, port: int = 0) -> FakeOllamaThread:
        """Run this server on its own event loop in a daemon thread; ``.stop()`` the result."""
        runner = FakeOllamaThread(self)
        runner.start(port)
        return runner

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1]) if self.url else 0

    # ----------------------------------------------------------------- models and knobs

    @property
    def models(self) -> list[str]:
        """Names of the installed models (``name:tag``)."""
        return self.registry.names()

    def add_model(self, name: str) -> None:
        self.registry.add(name)

    def remove_model(self, name: str) -> None:
        self.registry.remove(name)

    def get_model(self, name: str) -> ModelEntry | None:
        return self.registry.get(name)

    def override(self, model: str, **knobs: Any) -> None:
        """Per-model knob values, e.g. ``fake.override("qwen2.5:0.5b", busy=True)``."""
        unknown = set(knobs) - set(KNOB_DEFAULTS)
        if unknown:
            raise TypeError(f"unknown fake Ollama knobs: {sorted(unknown)}")
        key = model_key(model)
        merged = {**self._overrides.get(key, {}), **knobs}
        self._overrides = {**self._overrides, key: merged}

    def clear_overrides(self) -> None:
        self._overrides = {}

    def knob(self, name: str, key: str | None = None) -> Any:
        """Current value of a knob for the model with registry key ``key``."""
        if key is not None:
            values = self._overrides.get(key)
            if values is not None and name in values:
                return values[name]
        return getattr(self, name)

    def reset(self) -> None:
        """Knobs back to defaults, overrides cleared, request log and counters zeroed."""
        for name, value in KNOB_DEFAULTS.items():
            setattr(self, name, value)
        self._overrides = {}
        self.requests.clear()
        self.peak_in_flight = self.in_flight
        self.completed = self.cancelled = self.aborted = self.rejected = 0

    def next_id(self) -> int:
        return next(self._ids)

    # ----------------------------------------------------------------- observations

    def requests_to(self, path: str, method: str | None = None) -> list[RecordedRequest]:
        """Recorded requests for ``path`` (and ``method`` if given)."""
        return [
            r
            for r in list(self.requests)
            if r.path == path and (method is None or r.method == method.upper())
        ]

    def last_request(self, path: str | None = None) -> RecordedRequest:
        """The most recent recorded request (to ``path`` if given); ``LookupError`` if none."""
        for req in reversed(list(self.requests)):
            if path is None or req.path == path:
                return req
        raise LookupError(f"no request to {path or 'the fake'} was recorded")

    def wait_for(
        self, predicate: Callable[[], bool], timeout: float = 5.0, interval: float = 0.005
    ) -> None:
        """Poll ``predicate`` until true (``TimeoutError`` after ``timeout`` s); sync code only.

        It blocks the calling thread, so it refuses to run inside an event loop: use
        ``await fake.wait_for_async(...)`` there.
        """
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass
        else:
            raise RuntimeError("FakeOllama.wait_for() blocks; use `await fake.wait_for_async()`")
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() >= deadline:
                raise TimeoutError(f"condition not met within {timeout}s ({self.counters()})")
            time.sleep(interval)

    async def wait_for_async(
        self, predicate: Callable[[], bool], timeout: float = 5.0, interval: float = 0.005
    ) -> None:
        """Like ``wait_for`` but yields to the event loop between polls."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() >= deadline:
                raise TimeoutError(f"condition not met within {timeout}s ({self.counters()})")
            await asyncio.sleep(interval)

    def counters(self) -> dict[str, int]:
        return {
            "in_flight": self.in_flight,
            "peak_in_flight": self.peak_in_flight,
            "completed": self.completed,
            "cancelled": self.cancelled,
            "aborted": self.aborted,
            "rejected": self.rejected,
        }

    # ----------------------------------------------------------------- helpers for handlers

    def admit(self, request: web.Request, key: str, openai: bool = False) -> web.Response | None:
        """The 503/injected error a work request gets under the current knobs, else None."""
        limit = self.knob("max_in_flight", key)
        if self.knob("busy", key) or (limit is not None and self.in_flight > limit):
            request[_OUTCOME] = _REJECTED
            return error_response(503, BUSY_MESSAGE, openai)
        failure = self.knob("fail_with", key)
        if failure is not None:
            status, message = failure
            return error_response(int(status), str(message), openai)
        return None

    async def respond(
        self,
        request: web.Request,
        key: str,
        body: Any,
        generated: int = 0,
        *,
        openai: bool = False,
        generation: bool = True,
        before: Callable[[], None] | None = None,
    ) -> web.StreamResponse:
        """A non-streamed answer after the simulated generation time, with the faults applied.

        ``die_after_chunks`` drops the connection without sending a response; for generations
        ``error_in_stream`` becomes a 500 error, like Ollama's non-streaming handlers answer.
        """
        delay = float(self.knob("delay_first_byte", key))
        delay += float(self.knob("delay_per_chunk", key)) * generated
        if delay > 0:
            await asyncio.sleep(delay)
        if self.knob("die_after_chunks", key) is not None:
            return self._abort(request, None)
        message = self.knob("error_in_stream", key) if generation else None
        if message is not None:
            return error_response(500, str(message), openai)
        if before is not None:
            before()
        return json_response(body)

    async def stream(
        self,
        request: web.Request,
        key: str,
        frames: list[bytes],
        *,
        content_type: str,
        content_frames: int,
        error_frame: Callable[[str], bytes],
        before_last: Callable[[], None] | None = None,
    ) -> web.StreamResponse:
        """Write ``frames`` one write (one chunk) each, applying the delay and fault knobs.

        The first ``content_frames`` frames are content, the rest is the trailer (final chunk,
        usage, ``[DONE]``). ``before_last`` runs just before the last frame is written.
        """
        delay = float(self.knob("delay_first_byte", key))
        if delay > 0:
            await asyncio.sleep(delay)
        resp = web.StreamResponse(headers={"Content-Type": content_type})
        last = len(frames) - 1
        try:
            for i, frame in enumerate(frames):
                if i:
                    delay = float(self.knob("delay_per_chunk", key))
                    if delay > 0:
                        await asyncio.sleep(delay)
                die = self.knob("die_after_chunks", key)
                if die is not None and i >= die:
                    if not resp.prepared:
                        await resp.prepare(request)
                    return self._abort(request, resp)
                message = self.knob("error_in_stream", key)
                if message is not None and i >= min(
                    int(self.knob("error_after_chunks", key)), content_frames
                ):
                    if not resp.prepared:
                        await resp.prepare(request)
                    await resp.write(error_frame(str(message)))
                    return resp
                if i == last and before_last is not None:
                    before_last()
                if not resp.prepared:
                    await resp.prepare(request)
                await resp.write(frame)
        except ConnectionResetError:
            request[_OUTCOME] = _CANCELLED
        return resp

    def _abort(self, request: web.Request, resp: web.StreamResponse | None) -> web.StreamResponse:
        """Cut the TCP connection: the client sees a truncated body (or no response at all)."""
        request[_OUTCOME] = _ABORTED
        transport = request.transport
        if transport is not None:
            transport.close()
        return resp if resp is not None else web.Response(status=200)

    def work(self, handler: Handler) -> Handler:
        """Wrap a model endpoint so it is counted.

        Every such request is in ``in_flight`` while its handler runs, then counts in exactly one
        of ``completed`` (answered, errors included), ``rejected`` (503 busy), ``cancelled``
        (client went away) or ``aborted`` (``die_after_chunks`` cut the connection).
        """

        async def counted(request: web.Request) -> web.StreamResponse:
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
            outcome = "completed"
            try:
                resp = await handler(request)
                outcome = request.get(_OUTCOME, outcome)
                return resp
            except (asyncio.CancelledError, ConnectionResetError):
                outcome = _CANCELLED
                raise
            finally:
                if outcome == _CANCELLED:
                    self.cancelled += 1
                elif outcome == _ABORTED:
                    self.aborted += 1
                elif outcome == _REJECTED:
                    self.rejected += 1
                else:
                    self.completed += 1
                self.in_flight -= 1

        return counted

    # ----------------------------------------------------------------- app

    def _build_app(self) -> web.Application:
        from .ollama_manage import ManageApi
        from .ollama_native import NativeApi
        from .ollama_openai import OpenAIApi

        @web.middleware
        async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
            raw = await request.read() if request.body_exists else b""
            body = None if request.path.startswith("/api/blobs/") else parse_body(raw)
            request[RAW_BODY] = raw
            request[BODY] = body
            if self.record_requests:
                self.requests.append(
                    RecordedRequest(
                        method=request.method,
                        path=request.path,
                        query=dict(request.query),
                        headers=CIMultiDictProxy(CIMultiDict(request.headers)),
                        json=None if isinstance(body, BadJson) else body,
                        raw=raw,
                    )
                )
            if self.host_check and not host_allowed(request.headers.get("Host", "")):
                return web.Response(status=403)
            try:
                return await handler(request)
            except web.HTTPNotFound:
                return web.Response(status=404, text="404 page not found")
            except web.HTTPMethodNotAllowed:
                return web.Response(status=405, text="405 method not allowed")

        app = web.Application(middlewares=[middleware], client_max_size=1 << 30)
        app.add_routes(NativeApi(self).routes())
        app.add_routes(ManageApi(self).routes())
        app.add_routes(OpenAIApi(self).routes())
        return app
