"""``GET /api/usage``: the caller's own requests and tokens, and their limits (``usage:read``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ollama_gateway.auth.deps import require
from ollama_gateway.core.deps import SessionDep, SettingsDep
from ollama_gateway.core.instants import Instant
from ollama_gateway.core.permissions import Permission
from ollama_gateway.core.principal import Principal
from ollama_gateway.ratelimit.deps import LimiterDep
from ollama_gateway.usage import report
from ollama_gateway.usage.schemas import Bucket, PlainJSON, UsageGroupBy, UsagePublic

router = APIRouter(tags=["usage"])

Reader = Annotated[Principal, require(Permission.USAGE_READ)]


@router.get(
    "/api/usage",
    response_model=UsagePublic,
    response_class=PlainJSON,
    summary="The caller's own requests and tokens by model (or key) and by day, and their limits",
)
async def read_own_usage(
    *,
    principal: Reader,
    session: SessionDep,
    limiter: LimiterDep,
    settings: SettingsDep,
    start: Annotated[Instant | None, Query(alias="from")] = None,
    end: Annotated[Instant | None, Query(alias="to")] = None,
    bucket: Bucket = "day",
    group_by: UsageGroupBy = "model",
) -> PlainJSON:
    answer = await report.own_usage(
        session,
        principal=principal,
        limiter=limiter,
        settings=settings,
        start=start,
        end=end,
        bucket=bucket,
        group_by=group_by,
    )
    return PlainJSON(answer)
