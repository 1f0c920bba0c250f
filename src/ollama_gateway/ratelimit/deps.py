"""Typed dependencies of the limits domain: the limiter and whether limits are on."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request

from ollama_gateway.ratelimit.limiter import Limiter


async def get_limiter(request: Request) -> Limiter:
    return cast(Limiter, request.app.state.limiter)


LimiterDep = Annotated[Limiter, Depends(get_limiter)]
