"""Limits that survive a restart: the current windows' use, read from the usage table.

Run once at startup (never on the request path): one grouped query over ``usage_records`` since
the start of the UTC month gives, per user and key, the tokens of the month and of the day and the
requests admitted by the limiter (``admitted``) in the current minute, hour and day.  The
in-process counters are set to those sums; with Redis, the same sums are written with ``SET NX``
(a counter Redis already holds is more recent than the table and wins).  A stream under way
when its process was killed is in the table as its last journal row (status 102, ``usage.recorder``:
admitted, tokens relayed up to then), counted like any record; a finished request has exactly one
row (its final record replaced the journal row), so nothing is counted twice.  Records still
queued in the usage recorder when a process was killed (not stopped: a graceful stop writes them)
are not in the table: that much use is not restored, at most ``USAGE_FLUSH_INTERVAL`` (1 s) of
finished requests and ``USAGE_JOURNAL_INTERVAL`` plus that (6 s) of a stream's tokens.

The table belongs to the usage domain; it is named here as a lightweight Core ``table()`` with
only the columns read, so this domain does not import another domain's models.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, Integer, and_, case, column, func, select, table
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from ollama_gateway.core.config import LimitSet
from ollama_gateway.core.db import UTCDateTime
from ollama_gateway.ratelimit.buckets import key_scope, user_scope
from ollama_gateway.ratelimit.windows import (
    REQUESTS_PER_DAY,
    REQUESTS_PER_HOUR,
    REQUESTS_PER_MINUTE,
    TOKENS_PER_DAY,
    TOKENS_PER_MONTH,
    Window,
    span,
)

logger = logging.getLogger(__name__)

_usage = table(
    "usage_records",
    column("user_id", Integer),
    column("key_id", Integer),
    column("prompt_tokens", Integer),
    column("completion_tokens", Integer),
    column("started_at", UTCDateTime()),
    column("admitted", Boolean),
)


@dataclass(frozen=True, slots=True)
class Counter:
    key: str
    value: int
    expires_at: float


async def usage_counters(engine: AsyncEngine, *, prefix: str, now: float) -> list[Counter]:
    """The current windows' counters (tokens per day and month, admitted requests per minute,
    hour and day) of every user and key with usage this month."""
    minute, hour = span(Window.MINUTE, now), span(Window.HOUR, now)
    day, month = span(Window.DAY, now), span(Window.MONTH, now)
    tokens = func.coalesce(_usage.c.prompt_tokens, 0) + func.coalesce(_usage.c.completion_tokens, 0)

    def since(window_start: float) -> Any:
        return _usage.c.started_at >= datetime.fromtimestamp(window_start, UTC)

    def admitted_since(window_start: float) -> Any:
        return func.sum(case((and_(_usage.c.admitted, since(window_start)), 1), else_=0))

    query = (
        select(
            _usage.c.user_id,
            _usage.c.key_id,
            func.sum(case((since(day.start), tokens), else_=0)),
            func.sum(tokens),
            admitted_since(minute.start),
            admitted_since(hour.start),
            admitted_since(day.start),
        )
        .where(since(month.start))
        .where(_usage.c.user_id.is_not(None))
        .group_by(_usage.c.user_id, _usage.c.key_id)
    )
    async with engine.connect() as conn:
        rows = (await conn.execute(query)).all()
    totals: dict[str, Counter] = {}
    for user_id, key_id, *amounts in rows:
        bases = [user_scope(prefix, user_id, LimitSet()).base]
        if key_id is not None:
            bases.append(key_scope(prefix, user_id, key_id, LimitSet()).base)
        for base in bases:
            for short, window, amount in zip(
                (k.short for k in _SEEDED), (day, month, minute, hour, day), amounts, strict=True
            ):
                key = f"{base}:{short}:{window.index}"
                seen = totals.get(key)
                value = int(amount or 0) + (seen.value if seen else 0)
                totals[key] = Counter(key, value, window.end)
    return [counter for counter in totals.values() if counter.value > 0]


#: The kinds seeded, in the order of the query's sums.
_SEEDED = (
    TOKENS_PER_DAY,
    TOKENS_PER_MONTH,
    REQUESTS_PER_MINUTE,
    REQUESTS_PER_HOUR,
    REQUESTS_PER_DAY,
)


async def load(engine: AsyncEngine, *, prefix: str, now: float) -> list[Counter]:
    """:func:`usage_counters`, or nothing (logged) when the usage table cannot be read."""
    try:
        return await usage_counters(engine, prefix=prefix, now=now)
    except SQLAlchemyError as exc:
        logger.warning("limiter: token quotas not seeded from usage_records (%s)", exc)
        return []
