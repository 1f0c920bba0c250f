"""The storage interface the limiter runs on, shared by the in-process and the Redis backend.

A backend knows nothing about principals or limits: it checks and changes buckets
(``buckets.py``).  ``admit`` is one atomic step over all the buckets of a request: either every
bucket has room and every COUNT and LEASE bucket is incremented, or nothing changes and the verdict
lists the full buckets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ollama_gateway.ratelimit.buckets import Bucket, Charge


@dataclass(slots=True)
class Verdict:
    admitted: bool
    #: Per bucket: the use after this request when admitted, the current use when refused.
    used: tuple[int, ...]
    #: Indices of the buckets that had no room (empty when admitted).
    refused: tuple[int, ...] = ()


class Backend(Protocol):
    name: str

    async def admit(self, buckets: Sequence[Bucket], lease: str, now: float) -> Verdict:
        """Check every bucket and, only if all have room, increment them, in one atomic step."""

    async def settle(self, charges: Sequence[Charge], releases: Sequence[str], lease: str) -> None:
        """Add tokens to quota buckets and remove ``lease`` from the lease buckets ``releases``."""

    async def read(self, buckets: Sequence[Bucket], now: float) -> list[int]:
        """The current use of each bucket (live leases for LEASE buckets)."""
