"""``DELETE /api/admin/cache``: drop every cached response (admins with ``admin:system``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel

from ollama_gateway.auth.deps import require
from ollama_gateway.core.permissions import Permission

router = APIRouter(prefix="/api/admin", tags=["admin"])


class CacheFlushPublic(BaseModel):
    flushed: int
    backend: str


@router.delete(
    "/cache",
    response_model=CacheFlushPublic,
    dependencies=[require(Permission.ADMIN_SYSTEM)],
    summary="Flush the response cache",
)
async def flush_cache(request: Request) -> CacheFlushPublic:
    cache = getattr(request.app.state, "cache", None)
    if cache is None:
        return CacheFlushPublic(flushed=0, backend="disabled")
    return CacheFlushPublic(flushed=await cache.flush(), backend=cache.backend)
