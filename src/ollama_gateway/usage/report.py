"""The caller's own usage (``GET /api/usage``): requests and tokens by model or key, by hour or
day, from the rollups, with the current state of their limits and quotas.

Only rows of the caller's ``user_id`` are read, whoever asks.  A developer's answer also carries
the limits of each of their keys (``ratelimit.service.user_state``), and ``group_by=key`` splits
their usage per key.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.core.config import Settings
from ollama_gateway.core.permissions import Permission
from ollama_gateway.core.principal import Principal
from ollama_gateway.keys import service as keys_service
from ollama_gateway.ratelimit import service as limits_service
from ollama_gateway.ratelimit.limiter import Limiter
from ollama_gateway.usage import queries
from ollama_gateway.usage.schemas import Bucket, UsageGroupBy

_DEFAULT_SPAN = {"hour": timedelta(days=1), "day": timedelta(days=30)}
Figures = list[int]
_FIELDS = ("requests", "errors", "prompt_tokens", "completion_tokens")


def _add(total: Figures, figures: Sequence[int]) -> None:
    for i, value in enumerate(figures):
        total[i] += value


def _public(figures: Sequence[int]) -> dict[str, int]:
    return dict(zip(_FIELDS, figures, strict=True))


async def own_usage(
    session: AsyncSession,
    *,
    principal: Principal,
    limiter: Limiter,
    settings: Settings,
    start: datetime | None,
    end: datetime | None,
    bucket: Bucket,
    group_by: UsageGroupBy,
) -> dict[str, Any]:
    """The answer as plain data (``UsagePublic``'s shape; see ``admin.telemetry`` for why)."""
    span = queries.time_range(start=start, end=end, bucket=bucket, default=_DEFAULT_SPAN[bucket])
    rows = await queries.usage_rows(
        session, user_id=principal.user_id, span=span, group_by=group_by
    )
    totals: Figures = [0, 0, 0, 0]
    groups: dict[str, Figures] = {}
    by_time: dict[int, Figures] = {}
    series: list[dict[str, Any]] = []
    for number, group, figures in sorted(rows, key=lambda row: (row[0], str(row[1]))):
        name = str(group) if group not in (None, "") else "(none)"
        _add(totals, figures)
        _add(groups.setdefault(name, [0, 0, 0, 0]), figures)
        _add(by_time.setdefault(number, [0, 0, 0, 0]), figures)
        series.append({"t": span.at(number), "group": name, **_public(figures)})
    labels: dict[str, str] = {}
    if group_by == "key":
        keys = await keys_service.list_for_user(session, user_id=principal.user_id)
        labels = {str(key.id): f"{key.name} ({key.prefix}…)" for key in keys}
        labels["0"] = "no key (web UI, access token)"
    if principal.can(Permission.API_KEYS):  # a developer: every key's limits too
        limits = await limits_service.user_state(
            session, limiter=limiter, user_id=principal.user_id, settings=settings
        )
    else:
        limits = await limits_service.own_state(
            limiter=limiter, principal=principal, settings=settings
        )
    return {
        "user_id": principal.user_id,
        "start": span.start,
        "end": span.end,
        "bucket": bucket,
        "group_by": group_by,
        "totals": _public(totals),
        "groups": [
            {"group": name, "label": labels.get(name), **_public(figures)}
            for name, figures in sorted(groups.items(), key=lambda item: -item[1][0])
        ],
        "by_time": [
            {"t": span.at(number), "group": None, **_public(figures)}
            for number, figures in sorted(by_time.items())
        ],
        "series": series,
        "limits": limits.model_dump(mode="json"),
    }
