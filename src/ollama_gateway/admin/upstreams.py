"""``/api/admin/upstreams``: list, add, change and remove upstream nodes (admins only).

Each node is shown with its live state (health, version, models, requests in flight, last
error); a change applies within a second on every process, without a restart (``admin.nodes``).
Nodes from ``OLLAMA_API_BASE_URL`` are listed (``id`` null) but changed in the environment only.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from ollama_gateway.admin import nodes
from ollama_gateway.admin.deps import FeedDep, PoolDep, StoreDep
from ollama_gateway.admin.upstream_schemas import UpstreamAdminPublic
from ollama_gateway.auth.deps import PrincipalDep, client_ip, require
from ollama_gateway.catalog.schemas import UpstreamNodeCreate, UpstreamNodeUpdate
from ollama_gateway.core.deps import SessionDep, SettingsDep
from ollama_gateway.core.ids import RowId
from ollama_gateway.core.permissions import Permission

router = APIRouter(prefix="/api/admin/upstreams", dependencies=[require(Permission.ADMIN_SYSTEM)])
#: A stored node (out of the column's range: 422, never a database error)
NodeId = Annotated[RowId, Path(description="A stored upstream node's id")]


@router.get(
    "", response_model=list[UpstreamAdminPublic], summary="Every upstream node and its state"
)
async def list_upstreams(
    session: SessionDep, pool: PoolDep, settings: SettingsDep
) -> list[UpstreamAdminPublic]:
    return await nodes.list_nodes(session, pool=pool, settings=settings)


@router.post(
    "",
    status_code=201,
    response_model=UpstreamAdminPublic,
    summary="Add an upstream node (in use within a second on every process)",
)
async def create_upstream(
    *,
    request: Request,
    data: UpstreamNodeCreate,
    principal: PrincipalDep,
    session: SessionDep,
    store: StoreDep,
    feed: FeedDep,
    pool: PoolDep,
    settings: SettingsDep,
) -> UpstreamAdminPublic:
    return await nodes.create(
        session, data=data, store=store, feed=feed, pool=pool, settings=settings,
        actor_user_id=principal.user_id, ip=client_ip(request),
    )  # fmt: skip


@router.patch(
    "/{node_id}", response_model=UpstreamAdminPublic, summary="Change a stored upstream node"
)
async def update_upstream(
    *,
    request: Request,
    node_id: NodeId,
    data: UpstreamNodeUpdate,
    principal: PrincipalDep,
    session: SessionDep,
    store: StoreDep,
    feed: FeedDep,
    pool: PoolDep,
    settings: SettingsDep,
) -> UpstreamAdminPublic:
    return await nodes.update(
        session, node_id=node_id, data=data, store=store, feed=feed, pool=pool,
        settings=settings, actor_user_id=principal.user_id, ip=client_ip(request),
    )  # fmt: skip


@router.delete(
    "/{node_id}",
    status_code=204,
    response_class=Response,
    summary="Remove a stored upstream node (requests in flight on it finish)",
)
async def delete_upstream(
    *,
    request: Request,
    node_id: NodeId,
    principal: PrincipalDep,
    session: SessionDep,
    store: StoreDep,
    feed: FeedDep,
) -> None:
    await nodes.delete(
        session, node_id=node_id, store=store, feed=feed,
        actor_user_id=principal.user_id, ip=client_ip(request),
    )  # fmt: skip
