"""Buckets: what one request must find room in, named the same way in every backend.

A principal has up to two scopes, its user and (when it authenticates with a key that has limits
of its own) its API key; each limit set on a scope is one bucket.  A bucket is checked and changed
with one of three operations:

- ``COUNT`` (requests per minute/hour/day): admitted only when ``used < limit``, then ``used += 1``;
- ``QUOTA`` (tokens per day/month): admitted only when ``used < limit`` (a quota is refused once it
  is exhausted); the tokens are charged later, at settlement;
- ``LEASE`` (concurrent streams): admitted only when fewer than ``limit`` leases are live, then a
  lease is added; settlement removes it, and a lease also expires on its own after
  ``lease_seconds`` so that a crashed process cannot hold slots forever.

Keys look like ``{prefix}:rl:{u42}:key:7:rpm:29034311``: the ``{u42}`` hash tag keeps all the keys
of one request in one Redis Cluster slot, the window index makes every window a fresh key.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ollama_gateway.core.config import LimitSet
from ollama_gateway.core.principal import Principal
from ollama_gateway.ratelimit.windows import KINDS, TOKEN_KINDS, Kind, Unit, fixed_span, span


class Op(StrEnum):
    COUNT = "r"
    QUOTA = "t"
    LEASE = "c"


_OPS = {Unit.REQUESTS: Op.COUNT, Unit.TOKENS: Op.QUOTA, Unit.STREAMS: Op.LEASE}


@dataclass(slots=True)
class Bucket:
    key: str
    op: Op
    limit: int
    #: Epoch seconds: the window's end (COUNT, QUOTA) or the new lease's end (LEASE).
    expires_at: float
    scope: str
    kind: Kind

    def reset_after(self, now: float) -> int:
        """Seconds until room may appear: the window's end, or 1 for a stream slot."""
        if self.op is Op.LEASE:
            return 1
        return max(1, int(self.expires_at - now + 0.999))


@dataclass(slots=True)
class Charge:
    """Tokens to add to a quota bucket at settlement."""

    key: str
    amount: int
    expires_at: float


@dataclass(slots=True)
class Scope:
    name: str  # "user" or "key"
    base: str  # "{prefix}:rl:{u42}:user" or "{prefix}:rl:{u42}:key:7"
    limits: LimitSet
    key_id: int | None = None


def user_scope(prefix: str, user_id: int, limits: LimitSet) -> Scope:
    return Scope("user", f"{prefix}:rl:{{u{user_id}}}:user", limits)


def key_scope(prefix: str, user_id: int, key_id: int, limits: LimitSet) -> Scope:
    return Scope("key", f"{prefix}:rl:{{u{user_id}}}:key:{key_id}", limits, key_id)


def scopes(prefix: str, principal: Principal, *, every_key: bool = False) -> list[Scope]:
    """The user scope, and the key scope when the key has limits (or always, ``every_key``)."""
    found = [user_scope(prefix, principal.user_id, principal.user_limits)]
    if principal.key_id is not None and (every_key or principal.key_limits is not None):
        limits = principal.key_limits or LimitSet()
        found.append(key_scope(prefix, principal.user_id, principal.key_id, limits))
    return found


def kind_key(scope: Scope, kind: Kind, now: float) -> tuple[str, float]:
    """The storage key of ``kind`` in ``scope`` at ``now``, and when that key expires."""
    if kind.window is None:
        return f"{scope.base}:{kind.short}", 0.0
    window = span(kind.window, now)
    return f"{scope.base}:{kind.short}:{window.index}", window.end


def scope_buckets(
    scope: Scope, *, streaming: bool, now: float, lease_seconds: float
) -> list[Bucket]:
    """The buckets of one scope: one per limit set on it."""
    found: list[Bucket] = []
    for kind in KINDS:
        limit: int | None = getattr(scope.limits, kind.field)
        if limit is None or (kind.unit is Unit.STREAMS and not streaming):
            continue
        key, expires_at = kind_key(scope, kind, now)
        if kind.unit is Unit.STREAMS:
            expires_at = now + lease_seconds
        found.append(Bucket(key, _OPS[kind.unit], limit, expires_at, scope.name, kind))
    return found


def admission_buckets(
    prefix: str, principal: Principal, *, streaming: bool, now: float, lease_seconds: float
) -> list[Bucket]:
    """Every bucket a request of ``principal`` must find room in, in reporting order."""
    found: list[Bucket] = []
    for scope in scopes(prefix, principal):
        found += scope_buckets(scope, streaming=streaming, now=now, lease_seconds=lease_seconds)
    return found


def token_charges(prefix: str, principal: Principal, *, tokens: int, now: float) -> list[Charge]:
    """The quota buckets to charge ``tokens`` to.

    Tokens are counted for the user and the key whether or not they have a quota today, so that a
    quota set in the middle of a month starts from the month's real usage.
    """
    charges: list[Charge] = []
    for scope in scopes(prefix, principal, every_key=True):
        for kind in TOKEN_KINDS:
            key, expires_at = kind_key(scope, kind, now)
            charges.append(Charge(key, tokens, expires_at))
    return charges


def throttle_bucket(prefix: str, name: str, limit: int, window_seconds: int, now: float) -> Bucket:
    """The one bucket of the keyed throttle (``Limiter.hit``)."""
    window = fixed_span(window_seconds, now)
    key = f"{prefix}:th:{{{name}}}:{window_seconds}:{window.index}"
    return Bucket(key, Op.COUNT, limit, window.end, "throttle", _THROTTLE)


_THROTTLE = Kind("throttle", Unit.REQUESTS, None, "th")
