"""Typed dependencies of the admin routes: the application's pool, catalog store, run-time
settings and change feed, read from ``app.state`` in one place for every admin module."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ollama_gateway.catalog.store import CatalogStore
from ollama_gateway.gateway.upstreams import UpstreamPool
from ollama_gateway.runtime.feed import ChangeFeed
from ollama_gateway.runtime.store import RuntimeSettings


async def _pool(request: Request) -> UpstreamPool:
    pool: UpstreamPool = request.app.state.upstreams
    return pool


async def _store(request: Request) -> CatalogStore:
    store: CatalogStore = request.app.state.catalog
    return store


async def _runtime(request: Request) -> RuntimeSettings:
    runtime: RuntimeSettings = request.app.state.runtime_settings
    return runtime


async def _feed(request: Request) -> ChangeFeed:
    feed: ChangeFeed = request.app.state.change_feed
    return feed


PoolDep = Annotated[UpstreamPool, Depends(_pool)]
StoreDep = Annotated[CatalogStore, Depends(_store)]
RuntimeDep = Annotated[RuntimeSettings, Depends(_runtime)]
FeedDep = Annotated[ChangeFeed, Depends(_feed)]
