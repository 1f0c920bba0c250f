"""An unhandled error is logged once, with the request id, and answered 500 in the envelope.

Starlette's ``ServerErrorMiddleware`` re-raises the error after the app's answer so that the
server logs it: uvicorn's "Exception in ASGI application" record for an error the app already
logged is dropped by ``core.logging.AlreadyLogged`` (installed on ``uvicorn.error``).
"""

from __future__ import annotations

import logging

import httpx
import pytest
from fastapi import FastAPI

from ollama_gateway.core.logging import AlreadyLogged, configure_logging
from tests.conftest import MakeApp


async def test_an_unhandled_error_is_logged_once_with_its_request_id(
    make_app: MakeApp, caplog: pytest.LogCaptureFixture
) -> None:
    async with make_app() as app:
        assert isinstance(app, FastAPI)

        @app.get("/api/boom-for-test")
        async def boom() -> None:
            raise RuntimeError("kaboom")

        caplog.set_level(logging.INFO)
        transport = httpx.ASGITransport(app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            answer = await http.get("/api/boom-for-test", headers={"X-Request-ID": "req-boom-123"})
    assert answer.status_code == 500
    assert set(answer.json()) == {"error"}  # Ollama's shape under /api
    assert answer.headers["X-Request-ID"] == "req-boom-123"
    assert "kaboom" not in answer.text
    # the errors of this request: one record with its id or its exception (other tests' apps
    # may log errors of their own meanwhile in this process)
    errors = [
        r
        for r in caplog.records
        if r.levelno >= logging.ERROR
        and (
            "req-boom-123" in r.getMessage()
            or r.__dict__.get("request_id") == "req-boom-123"
            or (r.exc_info is not None and "kaboom" in str(r.exc_info[1]))
        )
    ]
    assert len(errors) == 1, [r.getMessage() for r in errors]
    assert "req-boom-123" in errors[0].getMessage()
    assert errors[0].__dict__["request_id"] == "req-boom-123"
    assert errors[0].exc_info is not None
    raised = errors[0].exc_info[1]
    assert isinstance(raised, RuntimeError)
    # what uvicorn logs next for the re-raised error, and the filter serve installs on it
    server = logging.getLogger("uvicorn.error")
    again = server.makeRecord(
        server.name, logging.ERROR, __file__, 0, "Exception in ASGI application\n", (), None
    )
    again.exc_info = (RuntimeError, raised, raised.__traceback__)
    assert AlreadyLogged().filter(again) is False
    other = ValueError("never seen by the app")
    again.exc_info = (ValueError, other, None)
    assert AlreadyLogged().filter(again) is True


def test_serve_installs_the_filter_once() -> None:
    server = logging.getLogger("uvicorn.error")
    before = list(server.filters)
    try:
        configure_logging("INFO", json=False)
        configure_logging("INFO", json=False)
        assert sum(isinstance(f, AlreadyLogged) for f in server.filters) == 1
    finally:
        server.filters[:] = before
        configure_logging("INFO", json=False)
        server.filters[:] = before
