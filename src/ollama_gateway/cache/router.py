"""``DELETE /api/admin/cache``: drop every cached response (admins with ``admin:system``).

Audited (``cache_flush``, with the count and backend)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from pydantic import BaseModel

from ollama_gateway.auth import audit
from ollama_gateway.auth.deps import client_ip, require
from ollama_gateway.core.permissions import Permission
from ollama_gateway.core.principal import Principal

router = APIRouter(prefix="/api/admin", tags=["admin"])


class CacheFlushPublic(BaseModel):
    flushed: int
    backend: str


@router.delete(
    "/cache",
    response_model=CacheFlushPublic,
    summary="Flush the response cache",
)
async def flush_cache(
    request: Request, admin: Annotated[Principal, require(Permission.ADMIN_SYSTEM)]
) -> CacheFlushPublic:
    cache = getattr(request.app.state, "cache", None)
    if cache is None:
        answer = CacheFlushPublic(flushed=0, backend="disabled")
    else:
        answer = CacheFlushPublic(flushed=await cache.flush(), backend=cache.backend)
    await audit.write(
        request.app.state.db,
        kind=audit.AuditKind.CACHE_FLUSH,
        actor_user_id=admin.user_id,
        target="cache",
        ip=client_ip(request),
        details=answer.model_dump(),
    )
    return answer
