"""Catalog persistence: model access rules and stored upstream nodes, with hot reload.

Every write commits and then republishes the in-memory snapshot through the
:class:`~ollama_gateway.catalog.store.CatalogStore`, so the gateway enforces a change (and the
upstream pool adds, updates or drops a node) from the next request on, without a restart.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.catalog.models import CatalogModel, UpstreamNode
from ollama_gateway.catalog.schemas import (
    CatalogModelUpdate,
    UpstreamNodeCreate,
    UpstreamNodeUpdate,
)
from ollama_gateway.catalog.snapshot import (
    CatalogSnapshot,
    ModelRule,
    StoredNode,
    normalize_model,
)
from ollama_gateway.catalog.store import CatalogStore
from ollama_gateway.core.errors import NotFound


async def load_snapshot(session: AsyncSession) -> CatalogSnapshot:
    models = (await session.scalars(select(CatalogModel))).all()
    nodes = (await session.scalars(select(UpstreamNode).order_by(UpstreamNode.id))).all()
    return CatalogSnapshot(
        models={
            row.name: ModelRule(
                name=row.name,
                enabled=row.enabled,
                allowed_roles=frozenset(row.allowed_roles)
                if row.allowed_roles is not None
                else None,
                description=row.description,
            )
            for row in models
        },
        nodes=tuple(
            StoredNode(
                id=row.id,
                name=row.name,
                url=row.url,
                enabled=row.enabled,
                max_in_flight=row.max_in_flight,
            )
            for row in nodes
        ),
    )


async def _publish(session: AsyncSession, store: CatalogStore) -> None:
    await session.commit()
    await store.publish(await load_snapshot(session))


# -- models ------------------------------------------------------------------------------------


async def list_models(session: AsyncSession) -> list[CatalogModel]:
    return list((await session.scalars(select(CatalogModel).order_by(CatalogModel.name))).all())


async def get_model(session: AsyncSession, *, name: str) -> CatalogModel | None:
    return await session.get(CatalogModel, normalize_model(name))


async def upsert_model(
    session: AsyncSession, *, store: CatalogStore, name: str, data: CatalogModelUpdate
) -> CatalogModel:
    """Create or change the access rule of ``name`` (fields left unset keep their value)."""
    key = normalize_model(name)
    row = await session.get(CatalogModel, key)
    if row is None:
        row = CatalogModel(name=key, enabled=True, allowed_roles=None)
        session.add(row)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("enabled") is None:
        changes.pop("enabled", None)
    for field, value in changes.items():
        setattr(row, field, value)
    await session.flush()
    await _publish(session, store)
    return row


async def delete_model(session: AsyncSession, *, store: CatalogStore, name: str) -> None:
    """Drop the rule of ``name``: the model is back to "enabled for every role"."""
    row = await session.get(CatalogModel, normalize_model(name))
    if row is None:
        raise NotFound("model rule")
    await session.delete(row)
    await _publish(session, store)


# -- upstream nodes ----------------------------------------------------------------------------


async def list_nodes(session: AsyncSession) -> list[UpstreamNode]:
    return list((await session.scalars(select(UpstreamNode).order_by(UpstreamNode.id))).all())


async def get_node(session: AsyncSession, *, node_id: int) -> UpstreamNode:
    row = await session.get(UpstreamNode, node_id)
    if row is None:
        raise NotFound("upstream node")
    return row


async def create_node(
    session: AsyncSession, *, store: CatalogStore, data: UpstreamNodeCreate
) -> UpstreamNode:
    row = UpstreamNode(**data.model_dump())
    session.add(row)
    await session.flush()
    await _publish(session, store)
    return row


async def update_node(
    session: AsyncSession, *, store: CatalogStore, node_id: int, data: UpstreamNodeUpdate
) -> UpstreamNode:
    row = await get_node(session, node_id=node_id)
    changes = data.model_dump(exclude_unset=True)
    for field in ("name", "url", "enabled"):
        if field in changes and changes[field] is None:
            changes.pop(field)
    for field, value in changes.items():
        setattr(row, field, value)
    await session.flush()
    await _publish(session, store)
    return row


async def delete_node(session: AsyncSession, *, store: CatalogStore, node_id: int) -> None:
    row = await get_node(session, node_id=node_id)
    await session.delete(row)
    await _publish(session, store)
