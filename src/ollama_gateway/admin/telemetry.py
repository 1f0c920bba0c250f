"""``GET /api/admin/telemetry``: traffic figures from the rollups, and the system's.

Totals, per-group totals and a time series per hour or day of requests, status classes,
tokens, tokens per second, latency and time-to-first-token percentiles and cache hits,
optionally grouped by model, user, node, route or status class.  The 10 largest groups (by
requests) are shown, the rest summed as ``"(other)"``.  See ``usage.queries`` for the ranges:
an hourly series covers at most 31 days (7 when grouped), a daily one 5 years (half a year
when grouped); a longer range keeps its latest buckets.  The totals and per-group figures are
read from the daily rollups for whole days (the hourly ones only for the hours at either end),
the series from one grain, with the groups past the largest folded by the database.  The
answer is built as plain data and serialised by orjson (``TelemetryPublic`` documents it).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.admin import system
from ollama_gateway.auth.deps import require
from ollama_gateway.core.deps import SessionDep
from ollama_gateway.core.instants import Instant
from ollama_gateway.core.permissions import Permission
from ollama_gateway.usage import queries, stats
from ollama_gateway.usage.schemas import Bucket, PlainJSON, TelemetryGroupBy, TelemetryPublic

router = APIRouter(dependencies=[require(Permission.ADMIN_LOGS)])

TOP_GROUPS = 10
OTHER = "(other)"
NONE = "(none)"
_DEFAULT_SPAN = {"hour": timedelta(days=1), "day": timedelta(days=30)}


def _group_name(group_by: str | None, value: Any) -> str:
    if value is None:
        return OTHER
    if group_by == "status":
        return f"{value}xx" if value else "other"
    if value in ("", 0):
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
) -> dict[str, Any]:
    """The answer as plain data (``TelemetryPublic``'s shape): it can hold a couple of
    thousand points, which pydantic models would take longer to build than the query."""
    most = (queries.MAX_GROUPED_BUCKETS if group_by else queries.MAX_BUCKETS)[bucket]
    span = queries.time_range(
        start=start, end=end, bucket=bucket, default=_DEFAULT_SPAN[bucket], most=most
    )
    per_group = await queries.group_totals(session, span=span, group_by=group_by)
    ranked = sorted(per_group, key=lambda g: -per_group[g][0])
    folded = len(ranked) > TOP_GROUPS
    shown = ranked[:TOP_GROUPS] if folded else ranked
    totals = stats.empty()
    groups: dict[str, stats.Sums] = {}
    for group in ranked:
        totals = stats.add(totals, per_group[group])
        name = _group_name(group_by, group if group in shown else None)
        groups[name] = stats.add(groups.get(name) or stats.empty(), per_group[group])
    labels: dict[str, str] = {}
    if group_by == "user":
        found = await queries.usernames(session, user_ids=[g for g in shown if g])
        labels = {str(user_id): name for user_id, name in found.items()}
    points = await queries.series(
        session, span=span, group_by=group_by, shown=shown if folded else None
    )
    return {
        "start": span.start,
        "end": span.end,
        "bucket": bucket,
        "group_by": group_by,
        "totals": stats.telemetry(totals),
        "groups": [
            {"group": name, "label": labels.get(name), **stats.telemetry(sums)}
            for name, sums in groups.items()
        ],
        "series": [
            {
                "t": span.at(number),
                "group": _group_name(group_by, group) if group_by else None,
                **stats.telemetry(sums),
            }
            for number, group, sums in points
        ],
        "system": (await system.figures(session, state=state)).model_dump(),
    }


@router.get(
    "/api/admin/telemetry",
    response_model=TelemetryPublic,
    response_class=PlainJSON,
    summary="Traffic, latency, tokens and errors over time (from the rollups), and system figures",
)
async def telemetry(
    *,
    request: Request,
    session: SessionDep,
    start: Annotated[Instant | None, Query(alias="from")] = None,
    end: Annotated[Instant | None, Query(alias="to")] = None,
    bucket: Bucket = "hour",
    group_by: TelemetryGroupBy | None = None,
) -> PlainJSON:
    answer = await read(
        session,
        state=request.app.state,
        start=start,
        end=end,
        bucket=bucket,
        group_by=group_by,
    )
    return PlainJSON(answer)
