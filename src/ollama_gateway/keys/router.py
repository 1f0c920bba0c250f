"""``/api/auth/api-keys``: the caller's own API keys (needs the ``api_keys`` permission and a
login session: an API key cannot list, mint, change or revoke keys, so a leaked key cannot make
one that outlives its revocation).

The secret is answered once, in ``key``, by ``POST``; listings show the prefix, never the hash.
Another user's key id answers 404, exactly like a missing one.  ``DELETE`` revokes the key and
invalidates the principal cache, so the key fails on its very next request.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request, status

from ollama_gateway.auth.deps import client_ip, require
from ollama_gateway.core.deps import SessionDep
from ollama_gateway.core.ids import RowId
from ollama_gateway.core.permissions import Permission
from ollama_gateway.core.principal import Principal
from ollama_gateway.keys import service
from ollama_gateway.keys.deps import KeyUsageDep, PrincipalCacheDep
from ollama_gateway.keys.schemas import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyPage,
    ApiKeyPublic,
    ApiKeyUpdate,
)

router = APIRouter(prefix="/api/auth/api-keys", tags=["api keys"])

KeyOwner = Annotated[Principal, require(Permission.API_KEYS, login=True)]


@router.get("", response_model=ApiKeyPage, summary="List the caller's API keys")
async def list_keys(owner: KeyOwner, session: SessionDep, usage: KeyUsageDep) -> ApiKeyPage:
    keys = await service.list_for_user(session, user_id=owner.user_id)
    items = [service.to_public(key, usage.pending(key.id)) for key in keys]
    return ApiKeyPage(items=items, total=len(items))


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ApiKeyCreated,
    summary="Create an API key (the secret is shown once, in `key`)",
)
async def create_key(
    request: Request, data: ApiKeyCreate, owner: KeyOwner, session: SessionDep
) -> ApiKeyCreated:
    key, secret = await service.create(session, owner=owner, data=data, ip=client_ip(request))
    return ApiKeyCreated(**service.to_public(key).model_dump(), key=secret)


@router.patch("/{key_id}", response_model=ApiKeyPublic, summary="Change an API key")
async def update_key(
    *,
    request: Request,
    key_id: RowId,
    data: ApiKeyUpdate,
    owner: KeyOwner,
    session: SessionDep,
    cache: PrincipalCacheDep,
) -> ApiKeyPublic:
    key = await service.update(
        session, owner=owner, key_id=key_id, data=data, cache=cache, ip=client_ip(request)
    )
    return service.to_public(key)


@router.delete("/{key_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Revoke an API key")
async def revoke_key(
    request: Request, key_id: RowId, owner: KeyOwner, session: SessionDep, cache: PrincipalCacheDep
) -> None:
    await service.revoke(
        session,
        key_id=key_id,
        owner_id=owner.user_id,
        actor_user_id=owner.user_id,
        cache=cache,
        ip=client_ip(request),
    )
