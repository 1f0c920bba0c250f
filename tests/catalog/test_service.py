"""Catalog persistence on both backends: every write reloads the live snapshot at once."""

from __future__ import annotations

import uuid

import pytest
from fastapi import FastAPI

from ollama_gateway.catalog import service
from ollama_gateway.catalog.schemas import (
    CatalogModelUpdate,
    UpstreamNodeCreate,
    UpstreamNodeUpdate,
)
from ollama_gateway.catalog.snapshot import CatalogSnapshot
from ollama_gateway.catalog.store import CatalogStore
from ollama_gateway.core.db import Database
from ollama_gateway.core.errors import NotFound


async def test_model_rules_reload_the_snapshot(app: FastAPI) -> None:
    db: Database = app.state.db
    store = CatalogStore(db)
    name = f"m{uuid.uuid4().hex[:8]}"
    async with db.session() as session:
        await service.upsert_model(
            session, store=store, name=name, data=CatalogModelUpdate(enabled=False)
        )
    assert store.snapshot.rule(name).enabled is False  # type: ignore[union-attr]
    async with db.session() as session:
        row = await service.upsert_model(
            session,
            store=store,
            name=f"{name}:latest",
            data=CatalogModelUpdate(allowed_roles=["developer"], description="dev only"),
        )
    assert row.enabled is False  # unset fields keep their value
    rule = store.snapshot.rule(name)
    assert rule is not None
    assert rule.allowed_roles == frozenset({"developer"})
    assert rule.description == "dev only"
    async with db.session() as session:
        await service.delete_model(session, store=store, name=name)
        with pytest.raises(NotFound):
            await service.delete_model(session, store=store, name=name)
    assert store.snapshot.rule(name) is None


async def test_rules_stored_under_an_older_spelling_still_hold(app: FastAPI) -> None:
    """Rows written before names were normalised as Ollama does (``library/x:latest``) apply
    to every alias; the stricter of two rows of one model holds until a write merges them."""
    from ollama_gateway.catalog.models import CatalogModel

    db: Database = app.state.db
    store = CatalogStore(db)
    name = f"m{uuid.uuid4().hex[:8]}"
    async with db.session() as session:
        session.add(CatalogModel(name=f"library/{name}:latest", enabled=False))
        session.add(CatalogModel(name=f"{name}:latest", enabled=True, allowed_roles=["user"]))
    await store.reload()
    for alias in (name, f"registry.ollama.ai/library/{name}", f"library/{name}:latest"):
        rule = store.snapshot.rule(alias)
        assert rule is not None
        assert rule.enabled is False
        assert rule.allowed_roles == frozenset({"user"})
    async with db.session() as session:
        row = await service.upsert_model(
            session, store=store, name=f"library/{name}", data=CatalogModelUpdate(enabled=True)
        )
        assert row.name == f"{name}:latest"
        assert [r.name for r in await service.list_models(session) if name in r.name] == [
            f"{name}:latest"
        ]
    assert store.snapshot.rule(name) == store.snapshot.rule(f"library/{name}")
    assert store.snapshot.rule(name).enabled is True  # type: ignore[union-attr]
    async with db.session() as session:
        await service.delete_model(session, store=store, name=f"registry.ollama.ai/library/{name}")
    assert store.snapshot.rule(name) is None


async def test_node_changes_reach_the_listeners(app: FastAPI) -> None:
    db: Database = app.state.db
    store = CatalogStore(db)
    await store.reload()
    seen: list[CatalogSnapshot] = []

    async def listener(snapshot: CatalogSnapshot) -> None:
        seen.append(snapshot)

    store.subscribe(listener)
    name = f"n{uuid.uuid4().hex[:8]}"
    async with db.session() as session:
        node = await service.create_node(
            session, store=store, data=UpstreamNodeCreate(name=name, url="http://10.0.0.9:11434/")
        )
    assert node.url == "http://10.0.0.9:11434"
    async with db.session() as session:
        await service.update_node(
            session, store=store, node_id=node.id, data=UpstreamNodeUpdate(max_in_flight=2)
        )
        await service.update_node(
            session, store=store, node_id=node.id, data=UpstreamNodeUpdate(enabled=False)
        )
    async with db.session() as session:
        await service.delete_node(session, store=store, node_id=node.id)
    mine = [[n for n in s.nodes if n.name == name] for s in seen]
    assert [(n[0].max_in_flight, n[0].enabled) if n else None for n in mine] == [
        (None, True),
        (2, True),
        (2, False),
        None,
    ]
    assert len({s.version for s in seen}) == 4


def test_node_urls_must_be_http() -> None:
    with pytest.raises(ValueError, match="http"):
        UpstreamNodeCreate(name="x", url="ftp://host")
