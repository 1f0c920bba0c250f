"""The application factory: ``create_app(settings)`` wires lifespan, routers, handlers, middleware.

No module-level app or globals: every resource (database, caches, upstream pool, usage writer,
limiter) is built in :func:`lifespan` by its domain's ``lifespan(app, settings)`` context manager
and kept on ``app.state``; they are entered in order and closed in reverse, so the usage writer
flushes after the gateway has finished its last stream.

:func:`app_factory`, the serving process's entry, also tunes that process's garbage collector
(:func:`_tune_gc`); ``create_app`` alone (tests, embedding) leaves it alone.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from ollama_gateway import (
    __version__,
    admin,
    auth,
    cache,
    catalog,
    chats,
    gateway,
    keys,
    ops,
    ratelimit,
    runtime,
    usage,
    web,
)
from ollama_gateway.auth.deps import ACCESS_TOKEN_TYPE
from ollama_gateway.auth.router import router as auth_router
from ollama_gateway.core.config import Settings, ensure_secret_key, get_settings
from ollama_gateway.core.db import Database
from ollama_gateway.core.handlers import install_error_handlers
from ollama_gateway.core.logging import configure_logging
from ollama_gateway.core.metrics import Metrics
from ollama_gateway.core.middleware import RequestContextMiddleware
from ollama_gateway.core.openapi import install_openapi
from ollama_gateway.core.proxies import TrustedProxyMiddleware
from ollama_gateway.core.readiness import Readiness
from ollama_gateway.core.security import VerifiedTokens
from ollama_gateway.keys.router import router as keys_router
from ollama_gateway.usage.router import router as usage_router
from ollama_gateway.users.router import router as users_router

logger = logging.getLogger(__name__)

Component = Callable[[FastAPI, Settings], AbstractAsyncContextManager[None]]

#: Paths without the request-body size limit: Ollama blob uploads (model weights, gigabytes).
#: Safe because that route checks the caller and MODELS_MANAGE before reading any body byte and
#: streams the body upstream (``gateway.manage.blob``; tests/gateway/test_blobs.py).
_UNLIMITED_BODIES = ("/api/blobs/",)


@asynccontextmanager
async def _database(app: FastAPI, settings: Settings) -> AsyncIterator[None]:
    db = Database(settings.database_url, pool_size=settings.database_pool_size)
    if settings.auto_migrate:
        await db.migrate()
    app.state.db = db
    app.state.readiness.add("database", db.ping)
    try:
        yield
    finally:
        app.state.readiness.remove("database")
        await db.dispose()


def _components() -> list[Component]:
    """Domain lifespans, in start order (stopped in reverse)."""
    return [
        _database,
        runtime.lifespan,
        ratelimit.lifespan,
        keys.lifespan,
        auth.lifespan,
        cache.lifespan,
        catalog.lifespan,
        usage.lifespan,
        gateway.lifespan,
        chats.lifespan,
        admin.lifespan,
    ]


def _routers() -> list[object]:
    return [
        ops.router,
        auth_router,
        users_router,
        keys_router,
        ratelimit.router,
        usage_router,
        cache.router,
        gateway.router,
        chats.router,
        admin.router,
        web.router,
    ]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = ensure_secret_key(settings or get_settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            for component in _components():
                await stack.enter_async_context(component(app, settings))
            logger.info("Ollama Gateway %s ready", __version__)
            yield

    app = gateway.LaneApp(
        title="Ollama Gateway",
        version=__version__,
        description="Authenticated, metered, rate-limited gateway and portal for Ollama servers.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.access_tokens = VerifiedTokens(
        secret=settings.secret_key, token_type=ACCESS_TOKEN_TYPE
    )
    app.state.metrics = Metrics()
    app.state.readiness = Readiness()
    install_error_handlers(app)
    install_openapi(app)
    for router in _routers():
        app.include_router(router)  # type: ignore[arg-type]
    if settings.gateway_fast_lane:
        app.lane_routes = chats.LANE_ROUTES
        app.add_middleware(gateway.FastLane)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
        )
    app.add_middleware(
        RequestContextMiddleware,
        max_body_bytes=settings.max_request_body_bytes,
        exempt_prefixes=_UNLIMITED_BODIES,
    )
    if settings.trusted_proxies:  # outermost: every layer sees the client the proxy reports
        app.add_middleware(TrustedProxyMiddleware, networks=settings.trusted_proxies)
    return app


#: Young-generation threshold of the serving process's garbage collector (CPython: 700).  A
#: proxied request allocates a few hundred container objects; at 700 the collector ran every few
#: requests, each time walking every young object of every request in flight: 8% of the
#: instructions of a small request at 64 connections (callgrind), 1.5% after this change.
_GC_YOUNG_THRESHOLD = 20_000


def _tune_gc() -> None:
    """Rarer young collections, and the startup heap frozen out of the full ones."""
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(_GC_YOUNG_THRESHOLD, middle, old)


def app_factory() -> FastAPI:
    """Entry point for ASGI servers (``uvicorn --factory ollama_gateway.main:app_factory``)."""
    settings = Settings()
    configure_logging(settings.log_level, json=settings.log_json, file=settings.log_file)
    app = create_app(ensure_secret_key(settings))
    _tune_gc()
    return app
