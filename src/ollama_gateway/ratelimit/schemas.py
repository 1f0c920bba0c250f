"""What the limiter answers: a throttle :class:`Decision` and the :class:`LimitState` readout."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel

from ollama_gateway.core.config import LimitSet


@dataclass(frozen=True, slots=True)
class Decision:
    """The answer of the keyed throttle (``Limiter.hit``)."""

    allowed: bool
    limit: int
    remaining: int
    #: Seconds until the window resets (what ``Retry-After`` should say when refused).
    retry_after: int

    @property
    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.retry_after),
        }


class BucketState(BaseModel):
    scope: Literal["user", "key"]
    #: The key a ``key`` bucket belongs to.
    key_id: int | None = None
    kind: str  # a LimitSet field: requests_per_minute, tokens_per_day, concurrent_streams...
    limit: int
    used: int
    remaining: int
    #: Seconds until the window resets; ``None`` for concurrent streams (no window).
    reset_seconds: int | None
    resets_at: datetime | None


class LimitState(BaseModel):
    """The limits and quotas of one user (and key), and how much of each is used now."""

    user_id: int
    key_id: int | None
    #: ``redis`` when limits are shared by every gateway process, ``memory`` when per process.
    backend: Literal["memory", "redis", "disabled"]
    user_limits: LimitSet
    key_limits: LimitSet | None
    buckets: list[BucketState]
