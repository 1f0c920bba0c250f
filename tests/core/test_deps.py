"""Every route's dependencies and handler run on the event loop: FastAPI runs a plain ``def``
in its thread pool, a hand-off to another thread and back on every request for work that never
blocks (``core.deps``)."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from ollama_gateway.main import create_app
from tests.conftest import MakeSettings


def _api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        inner = getattr(route, "original_router", None) or getattr(route, "router", None)
        if inner is not None and inner is not route:
            yield from _api_routes(list(inner.routes))


def _on_the_loop(call: Any) -> bool:
    """``async def`` (or an async generator), as a function or as an instance's ``__call__``."""
    call = inspect.unwrap(call)
    if not inspect.isroutine(call):
        call = call.__call__
    return inspect.iscoroutinefunction(call) or inspect.isasyncgenfunction(call)


def _threaded(dependant: Dependant) -> Iterator[str]:
    for dependency in dependant.dependencies:
        call = dependency.call
        if call is not None and not _on_the_loop(call):
            yield getattr(call, "__qualname__", repr(call))
        yield from _threaded(dependency)


def test_no_route_runs_work_in_the_thread_pool(make_settings: MakeSettings) -> None:
    routes = list(_api_routes(create_app(make_settings()).routes))
    assert len(routes) > 80  # the walk reached the nested routers (chats, admin, ...)
    threaded = {
        f"{sorted(route.methods)} {route.path}: {name}"
        for route in routes
        for name in (
            *_threaded(route.dependant),
            *(() if _on_the_loop(route.endpoint) else (route.name,)),
        )
    }
    assert not threaded, sorted(threaded)
