"""Catalog persistence: model access rules and stored upstream nodes, with hot reload.

Every write commits and then republishes the in-memory snapshot through the
:class:`~ollama_gateway.catalog.store.CatalogStore`, so the gateway enforces a change (and the
upstream pool adds, updates or drops a node) from the next request on, without a restart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import func, select
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
from ollama_gateway.core.sealing import seal_secret


def _rules(rows: Sequence[CatalogModel]) -> dict[str, ModelRule]:
    """The rules by normalised name.  Rows stored before names were normalised as Ollama
    does (``library/x:latest``) may name one model twice: the stricter rule of each holds."""
    rules: dict[str, ModelRule] = {}
    for row in sorted(rows, key=lambda r: r.name):
        key = normalize_model(row.name)
        roles = frozenset(row.allowed_roles) if row.allowed_roles is not None else None
        rule = ModelRule(
            name=key, enabled=row.enabled, allowed_roles=roles, description=row.description
        )
        seen = rules.get(key)
        if seen is not None:
            both = [r for r in (seen.allowed_roles, roles) if r is not None]
            rule = replace(
                seen,
                enabled=seen.enabled and rule.enabled,
                allowed_roles=frozenset.intersection(*both) if both else None,
            )
        rules[key] = rule
    return rules


async def load_snapshot(session: AsyncSession) -> CatalogSnapshot:
    models = (await session.scalars(select(CatalogModel))).all()
    nodes = (await session.scalars(select(UpstreamNode).order_by(UpstreamNode.id))).all()
    return CatalogSnapshot(
        models=_rules(models),
        nodes=tuple(
            StoredNode(
                id=row.id,
                name=row.name,
                url=row.url,
                enabled=row.enabled,
                max_in_flight=row.max_in_flight,
                priority=row.priority,
                tls_verify=row.tls_verify,
                ca_bundle=row.ca_bundle,
                kind=row.kind,
                api_key_sealed=row.api_key_encrypted,
            )
            for row in nodes
        ),
    )


async def fingerprint(session: AsyncSession) -> object:
    """Changes whenever a rule or a node is written or deleted (polled by ``runtime.feed``)."""
    marks = []
    for table in (CatalogModel, UpstreamNode):
        stmt = select(func.count(), func.max(table.updated_at)).select_from(table)
        marks.append(tuple((await session.execute(stmt)).one()))
    return tuple(marks)


async def _publish(session: AsyncSession, store: CatalogStore) -> None:
    await session.commit()
    await store.publish(await load_snapshot(session))


# -- models ------------------------------------------------------------------------------------


async def list_models(session: AsyncSession) -> list[CatalogModel]:
    return list((await session.scalars(select(CatalogModel).order_by(CatalogModel.name))).all())


async def _rows_of(session: AsyncSession, key: str) -> list[CatalogModel]:
    """The rows naming the model ``key`` (normalised): its own, then any stored under an older
    spelling (``library/x:latest``; the catalog is a few rows, read whole)."""
    rows = (await session.scalars(select(CatalogModel))).all()
    found = [row for row in rows if normalize_model(row.name) == key]
    return sorted(found, key=lambda row: row.name != key)


async def get_model(session: AsyncSession, *, name: str) -> CatalogModel | None:
    rows = await _rows_of(session, normalize_model(name))
    return rows[0] if rows else None


async def upsert_model(
    session: AsyncSession, *, store: CatalogStore, name: str, data: CatalogModelUpdate
) -> CatalogModel:
    """Create or change the access rule of ``name`` (fields left unset keep their value).

    The rule is stored under the normalised name; a row of an older spelling of the same model
    gives the starting values and is dropped."""
    key = normalize_model(name)
    rows = await _rows_of(session, key)
    row = rows[0] if rows and rows[0].name == key else None
    if row is None:
        old = rows[0] if rows else None
        row = CatalogModel(
            name=key,
            enabled=old.enabled if old else True,
            allowed_roles=old.allowed_roles if old else None,
            description=old.description if old else None,
        )
        session.add(row)
    for legacy in rows:
        if legacy is not row:
            await session.delete(legacy)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("enabled") is None:
        changes.pop("enabled", None)
    for field, value in changes.items():
        setattr(row, field, value)
    await session.flush()
    await _publish(session, store)
    return row


async def delete_model(session: AsyncSession, *, store: CatalogStore, name: str) -> None:
    """Drop the rule of ``name`` (every spelling): the model is back to "enabled for every
    role"."""
    rows = await _rows_of(session, normalize_model(name))
    if not rows:
        raise NotFound("model rule")
    for row in rows:
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


def _seal(api_key: str | None, secret_key: str | None) -> str | None:
    if not api_key:
        return None
    if secret_key is None:
        raise ValueError("a secret_key is needed to store an API key")
    return seal_secret(api_key, secret_key=secret_key)


async def create_node(
    session: AsyncSession,
    *,
    store: CatalogStore,
    data: UpstreamNodeCreate,
    secret_key: str | None = None,
) -> UpstreamNode:
    row = UpstreamNode(**data.model_dump(exclude={"api_key"}))
    row.api_key_encrypted = _seal(data.api_key, secret_key)
    session.add(row)
    await session.flush()
    await _publish(session, store)
    return row


async def update_node(
    session: AsyncSession,
    *,
    store: CatalogStore,
    node_id: int,
    data: UpstreamNodeUpdate,
    secret_key: str | None = None,
) -> UpstreamNode:
    row = await get_node(session, node_id=node_id)
    changes = data.model_dump(exclude_unset=True)
    for field in ("name", "url", "enabled", "priority", "tls_verify", "kind"):
        if field in changes and changes[field] is None:
            changes.pop(field)
    if "api_key" in changes:
        api_key = changes.pop("api_key")
        if api_key is not None:
            row.api_key_encrypted = _seal(api_key, secret_key)
    for field, value in changes.items():
        setattr(row, field, value)
    await session.flush()
    await _publish(session, store)
    return row


async def delete_node(session: AsyncSession, *, store: CatalogStore, node_id: int) -> None:
    row = await get_node(session, node_id=node_id)
    await session.delete(row)
    await _publish(session, store)
