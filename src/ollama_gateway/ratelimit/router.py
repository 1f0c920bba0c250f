"""Reading limits: ``GET /api/usage/limits`` (the caller's own) and
``GET /api/admin/users/{user_id}/limits`` (any user's, for admins)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from ollama_gateway.auth.deps import require
from ollama_gateway.core.deps import SessionDep, SettingsDep
from ollama_gateway.core.ids import RowId
from ollama_gateway.core.permissions import Permission
from ollama_gateway.core.principal import Principal
from ollama_gateway.ratelimit import service
from ollama_gateway.ratelimit.deps import LimiterDep
from ollama_gateway.ratelimit.schemas import LimitState

router = APIRouter(tags=["limits"])


@router.get(
    "/api/usage/limits",
    response_model=LimitState,
    summary="The caller's rate limits and quotas and their current use",
)
async def read_own_limits(
    principal: Annotated[Principal, require(Permission.USAGE_READ)],
    limiter: LimiterDep,
    settings: SettingsDep,
) -> LimitState:
    return await service.own_state(limiter=limiter, principal=principal, settings=settings)


@router.get(
    "/api/admin/users/{user_id}/limits",
    response_model=LimitState,
    dependencies=[require(Permission.ADMIN_USERS)],
    summary="A user's rate limits and quotas (and their keys') and their current use",
)
async def read_user_limits(
    user_id: RowId, session: SessionDep, limiter: LimiterDep, settings: SettingsDep
) -> LimitState:
    return await service.user_state(session, limiter=limiter, user_id=user_id, settings=settings)
