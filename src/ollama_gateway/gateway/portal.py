"""The portal's model and status routes: ``GET /api/models`` and ``GET /api/status``.

Both are answered from memory (the pool's model map and health, the catalog snapshot) except the
database probe of ``/api/status``.  Upstream addresses and raw errors are shown to admins only.
"""

from __future__ import annotations

from typing import Annotated, Any

import aiohttp
import orjson
from fastapi import APIRouter, Request

from ollama_gateway import __version__
from ollama_gateway.auth.deps import PrincipalDep, require
from ollama_gateway.catalog.snapshot import CatalogSnapshot
from ollama_gateway.core.db import Database
from ollama_gateway.core.permissions import Permission
from ollama_gateway.core.principal import Principal
from ollama_gateway.gateway.dispatch import Gateway
from ollama_gateway.gateway.personal import PersonalHosts
from ollama_gateway.gateway.schemas import (
    CloudStatus,
    ModelPublic,
    ModelsPublic,
    NodeVersion,
    StatusPublic,
    UpstreamStatus,
)
from ollama_gateway.gateway.upstreams import Node

router = APIRouter(tags=["models"])

ModelViewer = Annotated[Principal, require(Permission.MODELS_VIEW)]


def _model(
    name: str, entry: dict[str, Any], holders: tuple[Node, ...], snapshot: CatalogSnapshot
) -> ModelPublic:
    raw = entry.get("details")
    details: dict[str, Any] = raw if isinstance(raw, dict) else {}
    rule = snapshot.rule(name)
    return ModelPublic(
        name=name,
        size=entry.get("size"),
        digest=entry.get("digest"),
        modified_at=entry.get("modified_at"),
        family=details.get("family"),
        parameter_size=details.get("parameter_size"),
        quantization_level=details.get("quantization_level"),
        nodes=[node.name for node in holders],
        enabled=rule.enabled if rule else True,
        allowed_roles=sorted(rule.allowed_roles)
        if rule and rule.allowed_roles is not None
        else None,
        description=rule.description if rule else None,
    )


def models_for(gw: Gateway, snapshot: CatalogSnapshot, principal: Principal) -> ModelsPublic:
    """What ``GET /api/models`` shows ``principal`` (admins: every model, with versions)."""
    shown = []
    for key, (entry, holders) in gw.pool.models().items():
        name = str(entry.get("name") or entry.get("model") or key)
        if principal.is_admin or snapshot.may_use(principal, key):
            shown.append(_model(name, entry, holders, snapshot))
    if not principal.is_admin:
        return ModelsPublic(models=shown)
    versions = [NodeVersion(name=n.name, version=n.version) for n in gw.pool.nodes]
    return ModelsPublic(models=shown, gateway_version=__version__, upstreams=versions)


def _node_status(node: Node, *, admin: bool, now: float) -> UpstreamStatus:
    return UpstreamStatus(
        name=node.name,
        healthy=node.healthy,
        version=node.version,
        models=len(node.models),
        in_flight=node.in_flight,
        max_in_flight=node.spec.max_in_flight,
        breaker_open=node.breaker_open(now),
        url=node.spec.url if admin else None,
        last_error=node.last_error if admin else None,
    )


@router.get("/api/models", summary="Models the caller may use", response_model=ModelsPublic)
async def list_models(request: Request, principal: ModelViewer) -> ModelsPublic:
    gw: Gateway = request.app.state.gateway
    await gw.changes.settle()
    return models_for(gw, request.app.state.catalog.snapshot, principal)


@router.get(
    "/api/status", summary="Gateway, database and upstream health", response_model=StatusPublic
)
async def status(request: Request, principal: PrincipalDep) -> StatusPublic:
    import time

    gw: Gateway = request.app.state.gateway
    db: Database = request.app.state.db
    now = time.monotonic()
    personal = None
    if principal.ollama_host is not None:
        hosts: PersonalHosts = request.app.state.personal_hosts
        personal = await hosts.test(principal.ollama_host)
    return StatusPublic(
        version=__version__,
        database="ok" if await db.ping() else "unavailable",
        upstreams=[_node_status(n, admin=principal.is_admin, now=now) for n in gw.pool.nodes],
        cloud=await _cloud(gw.pool.nodes),
        personal_host=personal,
    )


_CLOUD_TIMEOUT = aiohttp.ClientTimeout(total=2.0)


async def _cloud(nodes: tuple[Node, ...]) -> CloudStatus:
    """Ollama's ``cloud`` field as the first healthy node that answers reports it (two tried);
    ``disabled`` when none does."""
    for node in [n for n in nodes if n.healthy is not False][:2]:
        try:
            async with node.session.get(node.url("/api/status"), timeout=_CLOUD_TIMEOUT) as resp:
                data = orjson.loads(await resp.read()) if resp.status == 200 else None
        except (TimeoutError, aiohttp.ClientError, orjson.JSONDecodeError):
            continue
        cloud = data.get("cloud") if isinstance(data, dict) else None
        if isinstance(cloud, dict):
            return CloudStatus(
                disabled=bool(cloud.get("disabled")), source=str(cloud.get("source") or "")
            )
    return CloudStatus(disabled=True, source="gateway")
