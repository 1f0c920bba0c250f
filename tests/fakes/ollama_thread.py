"""Thread runner of the fake Ollama server.

This module owns ``FakeOllamaThread``: a ``FakeOllama`` served from its own event loop in a daemon
thread, for tests that use sync clients or run the gateway on another loop/thread. Knobs are
plain attributes of the fake, read live by the server thread, so assigning them from the test
thread is safe.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from .ollama import FakeOllama


class FakeOllamaThread:
    """A ``FakeOllama`` served from its own event loop in a daemon thread.

    ``with FakeOllamaThread() as srv: httpx.get(srv.url + "/api/tags")``. Attribute reads fall
    through to the wrapped ``fake``; knob assignments (``srv.busy = True``) are forwarded to it.
    """

    def __init__(self, fake: FakeOllama | None = None, **options: Any) -> None:
        if fake is None:
            from .ollama import FakeOllama

            fake = FakeOllama(**options)
        object.__setattr__(self, "fake", fake)
        object.__setattr__(self, "url", "")
        object.__setattr__(self, "_loop", None)
        object.__setattr__(self, "_thread", None)

    fake: FakeOllama
    url: str
    _loop: asyncio.AbstractEventLoop | None
    _thread: threading.Thread | None

    def start(self, port: int = 0, timeout: float = 10.0) -> str:
        """Start the loop thread and the server; return the base URL."""
        if self._thread is not None:
            return self.url
        loop = asyncio.new_event_loop()
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self.fake.start(port))
            except BaseException as exc:
                failure.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            try:
                loop.run_forever()
            finally:
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.close()

        thread = threading.Thread(target=run, name="fake-ollama", daemon=True)
        thread.start()
        if not ready.wait(timeout):
            raise TimeoutError("fake Ollama did not start")
        if failure:
            thread.join(timeout)
            raise failure[0]
        object.__setattr__(self, "_loop", loop)
        object.__setattr__(self, "_thread", thread)
        object.__setattr__(self, "url", self.fake.url)
        return self.url

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server and its loop thread (idempotent)."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        object.__setattr__(self, "_loop", None)
        object.__setattr__(self, "_thread", None)
        asyncio.run_coroutine_threadsafe(self.fake.stop(), loop).result(timeout)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout)

    def call(self, fn: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Run ``fn`` on the server's loop thread and return its result."""
        loop = self._loop
        if loop is None:
            return fn()

        async def invoke() -> Any:
            return fn()

        return asyncio.run_coroutine_threadsafe(invoke(), loop).result(timeout)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __getattr__(self, name: str) -> Any:
        if name == "fake":  # not initialised yet
            raise AttributeError(name)
        return getattr(self.fake, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if hasattr(self.fake, name):
            setattr(self.fake, name, value)
        else:
            object.__setattr__(self, name, value)
