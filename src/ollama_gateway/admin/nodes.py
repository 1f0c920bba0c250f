"""Upstream nodes for the admin API: the stored ones with their live state, and audited
create, change and delete.

A change commits with its audit event, republishes this process's catalog (the upstream pool
adds, rebuilds or drops the node in place) and is announced on the change feed, so every other
process applies it within a second, without a restart.  Names are unique across stored and
environment nodes (``X-Ollama-Node`` and the admin model routes pick nodes by name).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.admin.upstream_schemas import NodeHealth, UpstreamAdminPublic
from ollama_gateway.auth import audit
from ollama_gateway.catalog import service as catalog_service
from ollama_gateway.catalog.models import UpstreamNode
from ollama_gateway.catalog.schemas import UpstreamNodeCreate, UpstreamNodeUpdate
from ollama_gateway.catalog.store import CatalogStore
from ollama_gateway.core.config import Settings
from ollama_gateway.core.errors import Conflict
from ollama_gateway.gateway.nodes import Node, env_specs
from ollama_gateway.gateway.upstreams import UpstreamPool
from ollama_gateway.runtime.feed import ChangeFeed


def health(node: Node | None) -> NodeHealth | None:
    if node is None:
        return None
    checked = node.checked_at
    return NodeHealth(
        healthy=node.healthy,
        version=node.version,
        models=sorted(node.models),
        in_flight=node.in_flight,
        max_in_flight=node.spec.max_in_flight,
        breaker_open=node.breaker_open(time.monotonic()),
        last_error=node.last_error,
        checked_at=datetime.fromtimestamp(checked, UTC) if checked is not None else None,
    )


def _stored(row: UpstreamNode, pool: UpstreamPool) -> UpstreamAdminPublic:
    live = next((n for n in pool.nodes if n.spec.db_id == row.id), None)
    return UpstreamAdminPublic(
        id=row.id,
        source="database",
        name=row.name,
        url=row.url,
        enabled=row.enabled,
        max_in_flight=row.max_in_flight,
        priority=row.priority,
        tls_verify=row.tls_verify,
        ca_bundle=row.ca_bundle,
        kind=row.kind,
        has_api_key=row.has_api_key,
        created_at=row.created_at,
        updated_at=row.updated_at,
        status=health(live),
    )


async def list_nodes(
    session: AsyncSession, *, pool: UpstreamPool, settings: Settings
) -> list[UpstreamAdminPublic]:
    """The environment's nodes, then the stored ones, each with its live state."""
    by_key = {node.spec.key: node for node in pool.nodes}
    found = [
        UpstreamAdminPublic(
            id=None,
            source="environment",
            name=spec.name,
            url=spec.url,
            enabled=True,
            max_in_flight=spec.max_in_flight,
            priority=spec.priority,
            tls_verify=settings.upstream_tls_verify,
            ca_bundle=str(settings.upstream_ca_bundle) if settings.upstream_ca_bundle else None,
            kind="ollama",
            has_api_key=False,
            created_at=None,
            updated_at=None,
            status=health(by_key.get(spec.key)),
        )
        for spec in env_specs(settings)
    ]
    rows = await catalog_service.list_nodes(session)
    return found + [_stored(row, pool) for row in rows]


async def _check_name(
    session: AsyncSession, *, name: str, settings: Settings, node_id: int | None = None
) -> None:
    taken = {spec.name for spec in env_specs(settings)}
    taken |= {row.name for row in await catalog_service.list_nodes(session) if row.id != node_id}
    if name in taken:
        raise Conflict(f'an upstream node named "{name}" already exists')


def _described(changes: dict[str, Any]) -> dict[str, Any]:
    """Audit details: the fields changed, the secret only as set or removed."""
    if "api_key" in changes:
        changes["api_key"] = "set" if changes["api_key"] else "removed"
    return changes


async def create(
    session: AsyncSession,
    *,
    data: UpstreamNodeCreate,
    store: CatalogStore,
    feed: ChangeFeed,
    pool: UpstreamPool,
    settings: Settings,
    actor_user_id: int,
    ip: str | None,
) -> UpstreamAdminPublic:
    await _check_name(session, name=data.name, settings=settings)
    audit.record(
        session,
        kind=audit.AuditKind.UPSTREAM_CREATED,
        actor_user_id=actor_user_id,
        target=f"upstream:{data.name}",
        ip=ip,
        details=_described(data.model_dump()),
    )
    row = await catalog_service.create_node(
        session, store=store, data=data, secret_key=settings.secret_key
    )
    await feed.announce("catalog")
    return _stored(row, pool)


async def update(
    session: AsyncSession,
    *,
    node_id: int,
    data: UpstreamNodeUpdate,
    store: CatalogStore,
    feed: ChangeFeed,
    pool: UpstreamPool,
    settings: Settings,
    actor_user_id: int,
    ip: str | None,
) -> UpstreamAdminPublic:
    await catalog_service.get_node(session, node_id=node_id)
    if data.name is not None:
        await _check_name(session, name=data.name, settings=settings, node_id=node_id)
    audit.record(
        session,
        kind=audit.AuditKind.UPSTREAM_UPDATED,
        actor_user_id=actor_user_id,
        target=f"upstream:{node_id}",
        ip=ip,
        details=_described(data.model_dump(exclude_unset=True)),
    )
    row = await catalog_service.update_node(
        session, store=store, node_id=node_id, data=data, secret_key=settings.secret_key
    )
    await feed.announce("catalog")
    return _stored(row, pool)


async def delete(
    session: AsyncSession,
    *,
    node_id: int,
    store: CatalogStore,
    feed: ChangeFeed,
    actor_user_id: int,
    ip: str | None,
) -> None:
    row = await catalog_service.get_node(session, node_id=node_id)
    audit.record(
        session,
        kind=audit.AuditKind.UPSTREAM_DELETED,
        actor_user_id=actor_user_id,
        target=f"upstream:{node_id}",
        ip=ip,
        details={"name": row.name, "url": row.url},
    )
    await catalog_service.delete_node(session, store=store, node_id=node_id)
    await feed.announce("catalog")
