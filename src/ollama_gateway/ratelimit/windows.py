"""The limit kinds and the clock-aligned fixed windows they count in.

Every limit counts in a **fixed window aligned to the UTC clock**: the minute, hour and day start
on the minute, hour and midnight UTC, the month on the 1st at 00:00 UTC.  Fixed windows were chosen
over sliding ones because they are exact and cheap in both backends (one integer per window, which
a Lua script can check and increment atomically across processes), because their reset time is the
same for every process and every caller (``X-RateLimit-Reset`` is simply the window's end), and
because quotas ("tokens per month") are calendar quantities anyway.  The known cost: a caller can
spend one window's allowance at the end of a window and the next one's at the start of the next.

The concurrent-stream limit has no window: it counts leases (see ``memory.py`` and ``redis.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum


class Window(StrEnum):
    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"
    MONTH = "month"


_SECONDS = {Window.MINUTE: 60, Window.HOUR: 3600, Window.DAY: 86400}


@dataclass(frozen=True, slots=True)
class Span:
    """One window instance: its index (part of the storage key) and its end (epoch seconds)."""

    index: int
    start: float
    end: float

    def reset_after(self, now: float) -> int:
        """Whole seconds until the window ends (at least 1)."""
        return max(1, math.ceil(self.end - now))


#: The current span of each window: a pure memo (spans are valid for their whole length), so the
#: request path does not redo calendar arithmetic for every bucket.
_current: dict[Window, Span] = {}


def span(window: Window, now: float) -> Span:
    """The window instance that contains ``now``."""
    found = _current.get(window)
    if found is not None and found.start <= now < found.end:
        return found
    found = _compute(window, now)
    _current[window] = found
    return found


def _compute(window: Window, now: float) -> Span:
    if window is Window.MONTH:
        moment = datetime.fromtimestamp(now, UTC)
        start = datetime(moment.year, moment.month, 1, tzinfo=UTC)
        year, month = divmod(moment.year * 12 + moment.month, 12)
        end = datetime(year, month + 1, 1, tzinfo=UTC)
        return Span(moment.year * 12 + moment.month - 1, start.timestamp(), end.timestamp())
    size = _SECONDS[window]
    index = int(now // size)
    return Span(index, float(index * size), float((index + 1) * size))


def fixed_span(window_seconds: int, now: float) -> Span:
    """A window of any length, aligned to the epoch (for the keyed throttle)."""
    index = int(now // window_seconds)
    return Span(index, float(index * window_seconds), float((index + 1) * window_seconds))


class Unit(StrEnum):
    REQUESTS = "requests"
    TOKENS = "tokens"
    STREAMS = "streams"


@dataclass(frozen=True, slots=True)
class Kind:
    """A limit kind: the ``LimitSet`` field it reads, what it counts and in which window."""

    field: str
    unit: Unit
    window: Window | None
    short: str

    def describe(self, limit: int) -> str:
        if self.unit is Unit.STREAMS:
            return f"{limit} concurrent streams"
        return f"{limit} {self.unit.value} per {self.window}"


REQUESTS_PER_MINUTE = Kind("requests_per_minute", Unit.REQUESTS, Window.MINUTE, "rpm")
REQUESTS_PER_HOUR = Kind("requests_per_hour", Unit.REQUESTS, Window.HOUR, "rph")
REQUESTS_PER_DAY = Kind("requests_per_day", Unit.REQUESTS, Window.DAY, "rpd")
TOKENS_PER_DAY = Kind("tokens_per_day", Unit.TOKENS, Window.DAY, "tpd")
TOKENS_PER_MONTH = Kind("tokens_per_month", Unit.TOKENS, Window.MONTH, "tpm")
CONCURRENT_STREAMS = Kind("concurrent_streams", Unit.STREAMS, None, "streams")

#: Every kind, in the order buckets are checked and reported.
KINDS: tuple[Kind, ...] = (
    REQUESTS_PER_MINUTE,
    REQUESTS_PER_HOUR,
    REQUESTS_PER_DAY,
    TOKENS_PER_DAY,
    TOKENS_PER_MONTH,
    CONCURRENT_STREAMS,
)
TOKEN_KINDS: tuple[Kind, ...] = (TOKENS_PER_DAY, TOKENS_PER_MONTH)
