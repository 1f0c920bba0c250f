"""The gateway's dependencies: the authenticated caller, without the security-scheme extras.

``CallerDep`` resolves the caller through ``auth.deps.authenticate`` (the accounts domain's
cached authentication) in a single dependency; ``auth.deps.PrincipalDep`` would add four
security-scheme sub-dependencies per request, which the proxied routes cannot afford on the hot
path.  Their OpenAPI entries declare the Bearer / API-key security instead (``schemas.body_doc``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ollama_gateway.auth.deps import authenticate
from ollama_gateway.core.errors import Unauthorized
from ollama_gateway.core.principal import Principal


async def caller(request: Request) -> Principal:
    principal = await authenticate(request)
    if principal is None:
        raise Unauthorized("Not authenticated: send a Bearer token, an X-API-Key or log in")
    return principal


CallerDep = Annotated[Principal, Depends(caller)]
