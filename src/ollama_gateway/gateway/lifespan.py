"""The gateway's lifespan: the upstream pool, the meter and ``app.state.gateway``.

Entered after the database, the catalog and the usage recorder (it needs all three) and closed
before them; streams under way are journalled every ``USAGE_JOURNAL_INTERVAL`` seconds
(``metering``).  Stored nodes come from the catalog snapshot; a change there is applied to the pool
in place (``UpstreamPool.sync``).  Without a limiter on ``app.state.admission`` (limits not wired
yet, or turned off) every request is admitted (:class:`~ollama_gateway.core.admission.Unlimited`).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Sequence

from fastapi import FastAPI
from redis.asyncio import Redis

from ollama_gateway.catalog.snapshot import CatalogSnapshot, StoredNode
from ollama_gateway.catalog.store import CatalogStore
from ollama_gateway.core.admission import Unlimited
from ollama_gateway.core.config import Settings
from ollama_gateway.core.metrics import Metrics
from ollama_gateway.core.periodic import periodic
from ollama_gateway.core.sealing import open_secret
from ollama_gateway.gateway.dispatch import Gateway
from ollama_gateway.gateway.health import SharedChecks
from ollama_gateway.gateway.metering import Meter
from ollama_gateway.gateway.nodes import NodeSpec, env_specs, kind_and_root
from ollama_gateway.gateway.personal import PersonalHosts
from ollama_gateway.gateway.upstreams import UpstreamPool
from ollama_gateway.usage.recorder import UsageRecorder

logger = logging.getLogger(__name__)


def _stored_spec(settings: Settings, node: StoredNode) -> NodeSpec:
    kind, url = kind_and_root(node.url, node.kind)
    sealed = node.api_key_sealed
    return NodeSpec(
        key=f"db:{node.id}",
        name=node.name,
        url=url,
        max_in_flight=node.max_in_flight or settings.upstream_max_in_flight,
        db_id=node.id,
        priority=node.priority,
        tls_verify=node.tls_verify,
        ca_bundle=node.ca_bundle,
        kind=kind,
        api_key=open_secret(sealed, secret_key=settings.secret_key) if sealed else None,
    )


def node_specs(settings: Settings, stored: Sequence[StoredNode]) -> list[NodeSpec]:
    """The environment's nodes, then the enabled stored ones."""
    return [
        *env_specs(settings),
        *(_stored_spec(settings, node) for node in stored if node.enabled),
    ]


def _shared_checks(pool: UpstreamPool, settings: Settings) -> Redis | None:
    """With Redis, the fleet's processes share health checks: one probe per node per interval."""
    if not settings.redis_url:
        return None
    redis = Redis.from_url(
        settings.redis_url, socket_timeout=1.0, socket_connect_timeout=1.0, health_check_interval=0
    )
    pool.shared = SharedChecks(
        redis, prefix=f"{settings.redis_key_prefix}:", interval=settings.upstream_health_interval
    )
    return redis


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI, settings: Settings) -> AsyncIterator[None]:
    metrics: Metrics = app.state.metrics
    recorder: UsageRecorder = app.state.usage
    catalog: CatalogStore = app.state.catalog
    pool = UpstreamPool(settings, metrics)
    shared_redis = _shared_checks(pool, settings)
    await pool.start(node_specs(settings, catalog.snapshot.nodes))
    app.state.upstreams = pool
    meter = Meter(metrics, recorder, pool.knows)
    app.state.gateway = Gateway(settings, pool, meter)
    if getattr(app.state, "admission", None) is None:
        app.state.admission = Unlimited()
    runtime = app.state.runtime_settings  # per-user hosts follow the run-time settings
    personal = app.state.personal_hosts = PersonalHosts(settings, lambda: runtime.current)

    async def on_settings(_current: Settings) -> None:
        await personal.clear()  # the allowlist or the switch may have changed

    async def on_catalog(snapshot: CatalogSnapshot) -> None:
        await pool.sync(node_specs(settings, snapshot.nodes))

    async def an_upstream_is_healthy() -> bool:
        return any(node.healthy for node in pool.nodes)

    catalog.subscribe(on_catalog)
    runtime.subscribe(on_settings)
    app.state.readiness.add("upstreams", an_upstream_is_healthy)

    async def journal() -> None:
        meter.journal()

    interval = settings.usage_journal_interval or 3600.0  # 0: off (an hourly no-op)
    try:
        async with periodic(interval, journal, logger=logger, failure="usage journal failed"):
            yield
    finally:
        app.state.readiness.remove("upstreams")
        catalog.unsubscribe(on_catalog)
        runtime.unsubscribe(on_settings)
        await personal.clear()
        await pool.close()
        if shared_redis is not None:
            await shared_redis.aclose()
