"""Every model on every node, with its catalog settings: the listing and the settings changes
behind ``GET|PUT /api/admin/models``.

The listing reads the pool's last view of each node (``/api/tags``, refreshed by the health
checks) and asks every node for ``/api/ps`` now (concurrently, a short timeout: a node that does
not answer shows nothing loaded).  A model known only by its catalog rule is listed too, with no
node.  ``default`` is the run-time ``default_model`` setting.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.admin.model_schemas import AdminModelPublic, AdminModelUpdate
from ollama_gateway.auth import audit
from ollama_gateway.catalog import service as catalog_service
from ollama_gateway.catalog.schemas import CatalogModelUpdate
from ollama_gateway.catalog.snapshot import CatalogSnapshot, normalize_model
from ollama_gateway.catalog.store import CatalogStore
from ollama_gateway.gateway.nodes import Node
from ollama_gateway.gateway.upstreams import UpstreamPool
from ollama_gateway.runtime import service as runtime_service
from ollama_gateway.runtime.feed import ChangeFeed
from ollama_gateway.runtime.schemas import RuntimeSettingsUpdate
from ollama_gateway.runtime.store import RuntimeSettings

_PS_TIMEOUT = aiohttp.ClientTimeout(total=3.0)


async def _loaded(node: Node) -> set[str]:
    try:
        async with node.session.get(node.url("/api/ps"), timeout=_PS_TIMEOUT) as resp:
            if resp.status != 200:
                return set()
            data = orjson.loads(await resp.read())
    except (TimeoutError, ValueError, aiohttp.ClientError):  # ValueError: a bad header
        return set()
    entries = data.get("models") if isinstance(data, dict) else None
    return {
        normalize_model(str(e.get("name") or e.get("model")))
        for e in entries or ()
        if isinstance(e, dict) and (e.get("name") or e.get("model"))
    }


def _entry(
    *,
    key: str,
    entry: dict[str, Any],
    holders: list[str],
    loaded: list[str],
    snapshot: CatalogSnapshot,
    default: str | None,
) -> AdminModelPublic:
    raw = entry.get("details")
    details: dict[str, Any] = raw if isinstance(raw, dict) else {}
    rule = snapshot.models.get(key)
    size = entry.get("size")
    return AdminModelPublic(
        name=str(entry.get("name") or entry.get("model") or key),
        size=size if isinstance(size, int) else None,
        family=details.get("family"),
        parameter_size=details.get("parameter_size"),
        quantization_level=details.get("quantization_level"),
        digest=entry.get("digest"),
        nodes=holders,
        loaded_on=loaded,
        enabled=rule.enabled if rule else True,
        allowed_roles=sorted(rule.allowed_roles)
        if rule and rule.allowed_roles is not None
        else None,
        description=rule.description if rule else None,
        default=default is not None and key == default,
    )


async def list_models(
    *, pool: UpstreamPool, snapshot: CatalogSnapshot, runtime: RuntimeSettings
) -> list[AdminModelPublic]:
    nodes = list(pool.nodes)
    loaded = await asyncio.gather(*(_loaded(node) for node in nodes))
    seen: dict[str, tuple[dict[str, Any], list[str], list[str]]] = {}
    for node, in_memory in zip(nodes, loaded, strict=True):
        for key, entry in node.models.items():
            _first, holders, where = seen.setdefault(key, (entry, [], []))
            holders.append(node.name)
            if key in in_memory:
                where.append(node.name)
    for key in snapshot.models:
        seen.setdefault(key, ({"name": key}, [], []))
    raw_default = getattr(runtime.current, "default_model", None)
    default = normalize_model(raw_default) if raw_default else None
    return [
        _entry(
            key=key, entry=entry, holders=holders, loaded=where, snapshot=snapshot, default=default
        )
        for key, (entry, holders, where) in sorted(seen.items())
    ]


async def one_model(
    *, name: str, pool: UpstreamPool, snapshot: CatalogSnapshot, runtime: RuntimeSettings
) -> AdminModelPublic | None:
    key = normalize_model(name)
    found = await list_models(pool=pool, snapshot=snapshot, runtime=runtime)
    return next((m for m in found if normalize_model(m.name) == key), None)


async def update(
    session: AsyncSession,
    *,
    name: str,
    data: AdminModelUpdate,
    store: CatalogStore,
    runtime: RuntimeSettings,
    feed: ChangeFeed,
    actor_user_id: int,
    ip: str | None,
) -> None:
    """Change the model's rule (and the default model), audited, on every process."""
    key = normalize_model(name)
    rule = data.model_dump(exclude_unset=True, exclude={"default"})
    audit.record(
        session,
        kind=audit.AuditKind.MODEL_CATALOG_CHANGE,
        actor_user_id=actor_user_id,
        target=f"model:{key}",
        ip=ip,
        details=data.model_dump(exclude_unset=True),
    )
    await catalog_service.upsert_model(
        session, store=store, name=key, data=CatalogModelUpdate.model_validate(rule)
    )
    await feed.announce("catalog")
    if data.default is None:
        return
    current = getattr(runtime.current, "default_model", None)
    is_default = current is not None and normalize_model(current) == key
    if data.default:
        change = RuntimeSettingsUpdate(default_model=key)
    elif is_default:
        change = RuntimeSettingsUpdate(reset=["default_model"])
    else:
        return
    await runtime_service.update(
        session, runtime=runtime, data=change, actor_user_id=actor_user_id, ip=ip
    )
    await feed.announce("settings")
