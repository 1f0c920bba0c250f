"""``GET /api/admin/telemetry``: traffic figures from the rollups, and the system's.

Totals, per-group totals and a time series per hour or day of requests, status classes,
tokens, tokens per second, latency and time-to-first-token percentiles and cache hits,
optionally grouped by model, user, node, route or status class.  The 20 largest groups (by
requests) are shown, the rest summed as ``"(other)"``.  See ``usage.queries`` for the ranges.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.admin import system
from ollama_gateway.auth.deps import require
from ollama_gateway.core.deps import SessionDep
from ollama_gateway.core.permissions import Permission
from ollama_gateway.usage import queries, stats
from ollama_gateway.usage.schemas import (
    Bucket,
    TelemetryGroup,
    TelemetryGroupBy,
    TelemetryPoint,
    TelemetryPublic,
)

router = APIRouter(dependencies=[require(Permission.ADMIN_LOGS)])

TOP_GROUPS = 20
OTHER = "(other)"
NONE = "(none)"
_DEFAULT_SPAN = {"hour": timedelta(days=1), "day": timedelta(days=30)}


def _group_name(group_by: str | None, value: Any) -> str:
    if group_by == "status":
        return f"{value}xx" if value else "other"
    if value in ("", 0, None):
        return NONE
    return str(value)


async def read(
    session: AsyncSession,
    *,
    state: Any,
    start: datetime | None,
    end: datetime | None,
    bucket: Bucket,
    group_by: TelemetryGroupBy | None,
) -> TelemetryPublic:
    span = queries.time_range(start=start, end=end, bucket=bucket, default=_DEFAULT_SPAN[bucket])
    rows = await queries.telemetry_rows(session, span=span, group_by=group_by)
    totals = stats.empty()
    per_group: dict[Any, stats.Sums] = {}
    for _bucket, group, sums in rows:
        stats.add(totals, sums)
        if group_by is not None:
            stats.add(per_group.setdefault(group, stats.empty()), sums)
    ranked = sorted(per_group, key=lambda g: -per_group[g][0])
    shown = set(ranked[:TOP_GROUPS])
    names = {g: _group_name(group_by, g) if g in shown else OTHER for g in per_group}
    series: dict[tuple[int, str | None], stats.Sums] = {}
    for number, group, sums in rows:
        key = (number, names[group] if group_by is not None else None)
        stats.add(series.setdefault(key, stats.empty()), sums)
    groups: dict[str, stats.Sums] = {}
    for group in ranked:
        stats.add(groups.setdefault(names[group], stats.empty()), per_group[group])
    labels: dict[str, str] = {}
    if group_by == "user":
        found = await queries.usernames(session, user_ids=[g for g in shown if g])
        labels = {str(user_id): name for user_id, name in found.items()}
    return TelemetryPublic(
        start=span.start,
        end=span.end,
        bucket=bucket,
        group_by=group_by,
        totals=stats.telemetry(totals),
        groups=[
            TelemetryGroup(group=name, label=labels.get(name), **stats.telemetry(s).model_dump())
            for name, s in groups.items()
        ],
        series=[
            TelemetryPoint(t=span.at(number), group=name, **stats.telemetry(s).model_dump())
            for (number, name), s in sorted(series.items(), key=lambda item: item[0][0])
        ],
        system=await system.figures(session, state=state),
    )


@router.get(
    "/api/admin/telemetry",
    response_model=TelemetryPublic,
    summary="Traffic, latency, tokens and errors over time (from the rollups), and system figures",
)
async def telemetry(
    *,
    request: Request,
    session: SessionDep,
    start: Annotated[datetime | None, Query(alias="from")] = None,
    end: Annotated[datetime | None, Query(alias="to")] = None,
    bucket: Bucket = "hour",
    group_by: TelemetryGroupBy | None = None,
) -> TelemetryPublic:
    return await read(
        session,
        state=request.app.state,
        start=start,
        end=end,
        bucket=bucket,
        group_by=group_by,
    )
