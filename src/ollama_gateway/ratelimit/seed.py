"""Token quotas that survive a restart: this day's and month's usage, read from the usage table.

Run once at startup (never on the request path): one grouped query over ``usage_records`` since
the start of the UTC month gives, per user and key, the tokens of the month and of the day.  The
in-process counters are set to those sums; with Redis, the same sums are written with ``SET NX``
(a counter Redis already holds is more recent than the table and wins).

The table belongs to the usage domain; it is named here as a lightweight Core ``table()`` with
only the columns read, so this domain does not import another domain's models.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Integer, case, column, func, select, table
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from ollama_gateway.core.config import LimitSet
from ollama_gateway.core.db import UTCDateTime
from ollama_gateway.ratelimit.buckets import key_scope, user_scope
from ollama_gateway.ratelimit.windows import TOKENS_PER_DAY, TOKENS_PER_MONTH, Window, span

logger = logging.getLogger(__name__)

_usage = table(
    "usage_records",
    column("user_id", Integer),
    column("key_id", Integer),
    column("prompt_tokens", Integer),
    column("completion_tokens", Integer),
    column("started_at", UTCDateTime()),
)


@dataclass(frozen=True, slots=True)
class Counter:
    key: str
    value: int
    expires_at: float


async def usage_counters(engine: AsyncEngine, *, prefix: str, now: float) -> list[Counter]:
    """The day and month token counters of every user and key with usage this month."""
    day, month = span(Window.DAY, now), span(Window.MONTH, now)
    tokens = func.coalesce(_usage.c.prompt_tokens, 0) + func.coalesce(_usage.c.completion_tokens, 0)
    day_start = datetime.fromtimestamp(day.start, UTC)
    query = (
        select(
            _usage.c.user_id,
            _usage.c.key_id,
            func.sum(case((_usage.c.started_at >= day_start, tokens), else_=0)),
            func.sum(tokens),
        )
        .where(_usage.c.started_at >= datetime.fromtimestamp(month.start, UTC))
        .where(_usage.c.user_id.is_not(None))
        .group_by(_usage.c.user_id, _usage.c.key_id)
    )
    async with engine.connect() as conn:
        rows = (await conn.execute(query)).all()
    totals: dict[str, Counter] = {}
    for user_id, key_id, day_tokens, month_tokens in rows:
        bases = [user_scope(prefix, user_id, LimitSet()).base]
        if key_id is not None:
            bases.append(key_scope(prefix, user_id, key_id, LimitSet()).base)
        for base in bases:
            for short, window, amount in (
                (TOKENS_PER_DAY.short, day, day_tokens),
                (TOKENS_PER_MONTH.short, month, month_tokens),
            ):
                key = f"{base}:{short}:{window.index}"
                seen = totals.get(key)
                value = int(amount or 0) + (seen.value if seen else 0)
                totals[key] = Counter(key, value, window.end)
    return [counter for counter in totals.values() if counter.value > 0]


async def load(engine: AsyncEngine, *, prefix: str, now: float) -> list[Counter]:
    """:func:`usage_counters`, or nothing (logged) when the usage table cannot be read."""
    try:
        return await usage_counters(engine, prefix=prefix, now=now)
    except SQLAlchemyError as exc:
        logger.warning("limiter: token quotas not seeded from usage_records (%s)", exc)
        return []
