"""``/api/admin/api-keys``: every key (owner, name, prefix, scopes, allowed models, last use,
expiry, revocation) and revoking any of them.

A revoked key fails on its very next request on every process: ``keys.service.revoke`` commits,
then invalidates the principal cache (published to the other processes with ``REDIS_URL``).
Every route needs ``admin:keys`` (the admin role).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, status

from ollama_gateway.admin import key_listing
from ollama_gateway.admin.paging import CursorQuery, LimitQuery
from ollama_gateway.admin.schemas import AdminKeyPage
from ollama_gateway.auth.deps import client_ip, require
from ollama_gateway.core.deps import SessionDep
from ollama_gateway.core.ids import RowId
from ollama_gateway.core.permissions import Permission
from ollama_gateway.core.principal import Principal
from ollama_gateway.keys import service as keys_service
from ollama_gateway.keys.deps import KeyUsageDep, PrincipalCacheDep

__all__ = ["router"]

router = APIRouter(prefix="/api/admin/api-keys", tags=["admin: api keys"])

KeyAdmin = Annotated[Principal, require(Permission.ADMIN_KEYS)]
KeyId = Annotated[RowId, Path(description="API key id")]


@router.get("", response_model=AdminKeyPage, summary="List every API key")
async def list_keys(
    *,
    admin: KeyAdmin,
    session: SessionDep,
    usage: KeyUsageDep,
    user_id: Annotated[RowId | None, Query(description="Owner")] = None,
    q: Annotated[str | None, Query(max_length=100, description="In name, prefix, owner")] = None,
    active: Annotated[bool | None, Query(description="Neither revoked nor expired")] = None,
    limit: LimitQuery = 100,
    cursor: CursorQuery = None,
) -> AdminKeyPage:
    filters = key_listing.KeyFilters(user_id=user_id, q=q, active=active)
    items, next_cursor, total = await key_listing.list_keys(
        session, filters=filters, limit=limit, cursor=cursor, usage=usage
    )
    return AdminKeyPage(items=items, next_cursor=next_cursor, total=total)


@router.delete(
    "/{key_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Revoke any API key (fails on its next request)",
)
async def revoke_key(
    request: Request, key_id: KeyId, admin: KeyAdmin, session: SessionDep, cache: PrincipalCacheDep
) -> None:
    await keys_service.revoke(
        session,
        key_id=key_id,
        owner_id=None,
        actor_user_id=admin.user_id,
        cache=cache,
        ip=client_ip(request),
    )
