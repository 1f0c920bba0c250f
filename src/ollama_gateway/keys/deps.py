"""Typed dependencies of the keys domain: the principal cache and the last-used tracker."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request

from ollama_gateway.keys.cache import PrincipalCache
from ollama_gateway.keys.last_used import LastUsedTracker


async def get_principal_cache(request: Request) -> PrincipalCache:
    return cast(PrincipalCache, request.app.state.principal_cache)


async def get_key_usage(request: Request) -> LastUsedTracker:
    return cast(LastUsedTracker, request.app.state.key_usage)


PrincipalCacheDep = Annotated[PrincipalCache, Depends(get_principal_cache)]
KeyUsageDep = Annotated[LastUsedTracker, Depends(get_key_usage)]
