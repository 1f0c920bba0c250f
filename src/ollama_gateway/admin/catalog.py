"""``/api/admin/models``: every model on every node with its catalog settings; change those
settings; delete from chosen nodes.  ``/api/admin/model-pulls``: pull onto all or chosen nodes
with merged, streamed progress (cancellable).  Admins only; every change audited
(``admin.model_catalog``, ``admin.pulls``).

Pulls have their own prefix: under ``/api/admin/models/`` every path is a model name
(``{name:path}``; a model may be called ``pull``), so a pull route there would be shadowed.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.responses import StreamingResponse

from ollama_gateway.admin import model_catalog, pulls
from ollama_gateway.admin.deps import FeedDep, PoolDep, RuntimeDep, StoreDep
from ollama_gateway.admin.model_schemas import (
    AdminModelPublic,
    AdminModelUpdate,
    DeleteResult,
    PullCancelled,
    PullLine,
    PullRequest,
)
from ollama_gateway.auth.deps import PrincipalDep, client_ip, require
from ollama_gateway.core.deps import DatabaseDep, SessionDep
from ollama_gateway.core.errors import NotFound
from ollama_gateway.core.openapi import errors
from ollama_gateway.core.permissions import Permission

router = APIRouter(prefix="/api/admin", dependencies=[require(Permission.ADMIN_SYSTEM)])

_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "Not found"}}
_NDJSON = "application/x-ndjson"


async def _pulls(request: Request) -> pulls.PullRegistry:
    registry: pulls.PullRegistry = request.app.state.model_pulls  # admin.lifespan
    return registry


PullsDep = Annotated[pulls.PullRegistry, Depends(_pulls)]
ModelPath = Annotated[str, Path(min_length=1, max_length=200)]


@router.get("/models", response_model=list[AdminModelPublic], summary="Every model on every node")
async def list_models(
    pool: PoolDep, store: StoreDep, runtime: RuntimeDep
) -> list[AdminModelPublic]:
    return await model_catalog.list_models(pool=pool, snapshot=store.snapshot, runtime=runtime)


@router.post(
    "/model-pulls",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "NDJSON progress of every node (PullLine per line), then a summary",
            "content": {
                _NDJSON: {"schema": {"type": "array", "items": PullLine.model_json_schema()}}
            },
        },
        **_NOT_FOUND,
    },
    summary="Pull a model onto every node or the chosen ones, progress streamed per node",
)
async def pull_model(
    *,
    request: Request,
    data: PullRequest,
    principal: PrincipalDep,
    pool: PoolDep,
    db: DatabaseDep,
    registry: PullsDep,
) -> StreamingResponse:
    job = pulls.PullJob(
        model=data.model, nodes=pulls.choose_nodes(pool, data.nodes), pool=pool, db=db,
        actor_user_id=principal.user_id, ip=client_ip(request),
    )  # fmt: skip
    return StreamingResponse(
        job.stream(registry), media_type=_NDJSON, headers={"X-Pull-Id": job.id}
    )


@router.post(
    "/model-pulls/{pull_id}/cancel",
    response_model=PullCancelled,
    responses=errors(404, 503),  # 503: the fleet's Redis is unreachable
    summary="Cancel a running pull (on whichever process of the fleet runs it)",
)
async def cancel_pull(
    pull_id: Annotated[str, Path(max_length=64)], registry: PullsDep
) -> PullCancelled:
    await registry.cancel(pull_id)
    return PullCancelled(pull_id=pull_id, cancelled=True)


@router.get("/models/{name:path}", response_model=AdminModelPublic, summary="One model")
async def read_model(
    name: ModelPath, pool: PoolDep, store: StoreDep, runtime: RuntimeDep
) -> AdminModelPublic:
    found = await model_catalog.one_model(
        name=name, pool=pool, snapshot=store.snapshot, runtime=runtime
    )
    if found is None:
        raise NotFound("model")
    return found


@router.put(
    "/models/{name:path}",
    response_model=AdminModelPublic,
    summary="Enable or disable a model, restrict it to roles, describe it, make it the default",
)
async def update_model(
    *,
    request: Request,
    name: ModelPath,
    data: AdminModelUpdate,
    principal: PrincipalDep,
    session: SessionDep,
    pool: PoolDep,
    store: StoreDep,
    runtime: RuntimeDep,
    feed: FeedDep,
) -> AdminModelPublic:
    await model_catalog.update(
        session, name=name, data=data, store=store, runtime=runtime, feed=feed,
        actor_user_id=principal.user_id, ip=client_ip(request),
    )  # fmt: skip
    return await read_model(name, pool, store, runtime)


@router.delete(
    "/models/{name:path}",
    response_model=DeleteResult,
    summary="Delete a model from the chosen nodes (default: every node holding it)",
)
async def delete_model(
    *,
    request: Request,
    name: ModelPath,
    node: Annotated[list[str] | None, Query(max_length=100)] = None,
    principal: PrincipalDep,
    pool: PoolDep,
    db: DatabaseDep,
) -> DeleteResult:
    if node is None:
        targets = pool.holders(name)
        if not targets:
            raise NotFound(message=f'no upstream node holds model "{name}"')
    else:
        targets = pulls.choose_nodes(pool, node)
    return await pulls.delete_model(
        model=name, nodes=targets, pool=pool, db=db,
        actor_user_id=principal.user_id, ip=client_ip(request),
    )  # fmt: skip
