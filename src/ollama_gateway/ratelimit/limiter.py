"""The :class:`Limiter`: admission control for the gateway, a keyed throttle, and the readout.

It implements ``core.admission.AdmissionControl``.  A request is admitted only if every bucket of
its principal has room (``buckets.py``: per user and per key, requests per minute/hour/day, tokens
per day/month, concurrent streams), in one atomic check-and-increment on the active backend
(``failover.py``).  Tokens are charged and the stream slot released by ``Admission.settle``, which
the gateway calls exactly once, in ``finally``.

Headers: ``X-RateLimit-Limit``, ``-Remaining`` and ``-Reset`` (seconds until the window resets)
describe the tightest request window (least remaining, then soonest reset).  A refusal raises
``RateLimited`` whose message names the binding limit ("rate limit exceeded: 60 requests per
minute for this API key"), with ``Retry-After`` = when every full bucket has room again, and the
``X-RateLimit-*`` headers of that bucket (Remaining 0).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import secrets
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from ollama_gateway.core.admission import Admission
from ollama_gateway.core.config import LimitSet
from ollama_gateway.core.errors import RateLimited
from ollama_gateway.core.metrics import Metrics
from ollama_gateway.core.principal import Principal
from ollama_gateway.ratelimit.buckets import (
    Bucket,
    Op,
    Scope,
    key_scope,
    scope_buckets,
    throttle_bucket,
    user_scope,
)
from ollama_gateway.ratelimit.failover import Failover
from ollama_gateway.ratelimit.layout import Layout, Layouts
from ollama_gateway.ratelimit.local import LocalWindow
from ollama_gateway.ratelimit.schemas import BucketState, Decision, LimitState
from ollama_gateway.ratelimit.windows import Unit

logger = logging.getLogger(__name__)

_SCOPE_WORDS = {"user": "this user", "key": "this API key"}


class _Admitted:
    """One admitted request: its headers, and a settle that runs at most once and never raises.

    ``local``: the in-process counters it was admitted on (``local.py``), which settlement
    charges in place while they are still the current windows' (else the general path).
    """

    __slots__ = ("_done", "_layout", "_lease", "_limiter", "_local", "_releases", "headers")

    def __init__(
        self,
        limiter: Limiter,
        layout: Layout,
        headers: dict[str, str],
        lease: str = "",
        releases: Sequence[str] = (),
        *,
        local: LocalWindow | None = None,
    ) -> None:
        self.headers = headers
        self._limiter = limiter
        self._layout = layout
        self._lease = lease
        self._releases = releases
        self._local = local
        self._done = False

    async def settle(self, *, prompt_tokens: int, completion_tokens: int) -> None:
        if self._done:
            return
        self._done = True
        tokens = max(0, prompt_tokens or 0) + max(0, completion_tokens or 0)
        local = self._local
        try:
            if local is not None and local.current(self._layout.windows, self._limiter.now()):
                local.charge(tokens)
                return
            await self._limiter.charge_layout(self._layout, tokens, self._lease, self._releases)
        except Exception:
            logger.exception("limiter: settling a request failed")


class Limiter:
    def __init__(
        self,
        backend: Failover,
        *,
        metrics: Metrics | None = None,
        prefix: str = "ogw",
        lease_seconds: float = 900.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.backend = backend
        self._metrics = metrics
        self._prefix = prefix
        self._lease_seconds = lease_seconds
        self._clock = clock
        self._instance = f"{os.getpid()}-{secrets.token_hex(4)}"
        self._serial = itertools.count()
        self._layouts = Layouts(prefix, lease_seconds)

    @property
    def backend_name(self) -> str:
        return self.backend.name

    @property
    def prefix(self) -> str:
        return self._prefix

    def now(self) -> float:
        return self._clock()

    # -- admission control ---------------------------------------------------------------------

    async def admit(self, principal: Principal, *, streaming: bool) -> Admission:
        now = self._clock()
        layout = self._layouts.of(principal)
        buckets = self._layouts.buckets(layout, streaming=streaming, now=now)
        if not buckets:
            return _Admitted(self, layout, {})
        if not streaming and self.backend.redis is None:  # the in-process fast path
            local, windows = layout.local, layout.windows
            if local is None or not local.current(windows, now):
                assert windows is not None  # set by buckets()
                local = layout.local = LocalWindow(windows, self.backend.memory)
            headers = local.admit(now)
            if headers is not None:
                return _Admitted(self, layout, headers, local=local)
        lease = f"{self._instance}:{next(self._serial)}" if streaming else ""
        verdict = await self.backend.admit(buckets, lease, now)
        if not verdict.admitted:
            raise self._refusal(buckets, verdict.used, verdict.refused, now)
        releases = [b.key for b in buckets if b.op is Op.LEASE] if streaming else []
        return _Admitted(self, layout, _headers(buckets, verdict.used, now), lease, releases)

    async def charge(
        self, principal: Principal, tokens: int, lease: str = "", releases: Sequence[str] = ()
    ) -> None:
        """Charge ``tokens`` to the principal's quotas and release its stream lease."""
        await self.charge_layout(self._layouts.of(principal), tokens, lease, releases)

    async def charge_layout(
        self, layout: Layout, tokens: int, lease: str = "", releases: Sequence[str] = ()
    ) -> None:
        """:meth:`charge` for the layout looked up at admission (the same counters)."""
        if not tokens and not releases:
            return
        keys = self._layouts.keys(layout, now=self._clock()) if tokens else []
        await self.backend.settle_tokens(keys, tokens, releases, lease)

    def _refusal(
        self, buckets: Sequence[Bucket], used: Sequence[int], refused: Sequence[int], now: float
    ) -> RateLimited:
        full = [buckets[i] for i in refused]
        binding = max(full, key=lambda bucket: bucket.reset_after(now))
        retry_after = binding.reset_after(now)
        if self._metrics is not None:
            self._metrics.rate_limited.labels(scope=binding.scope, kind=binding.kind.field).inc()
        return RateLimited(
            _message(binding),
            retry_after=retry_after,
            details={
                "scope": binding.scope,
                "limit": binding.kind.field,
                "max": binding.limit,
                "used": used[buckets.index(binding)],
                "exceeded": [f"{bucket.scope}.{bucket.kind.field}" for bucket in full],
            },
            headers={
                "X-RateLimit-Limit": str(binding.limit),
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": str(retry_after),
            },
        )

    # -- the keyed throttle (login, registration) ----------------------------------------------

    async def hit(self, key: str, limit: int, window_seconds: int) -> Decision:
        """Count one hit on ``key``; allowed while fewer than ``limit`` in this window."""
        now = self._clock()
        bucket = throttle_bucket(self._prefix, key, limit, window_seconds, now)
        verdict = await self.backend.admit([bucket], "", now)
        return Decision(
            allowed=verdict.admitted,
            limit=limit,
            remaining=max(0, limit - verdict.used[0]),
            retry_after=bucket.reset_after(now),
        )

    # -- state readout ---------------------------------------------------------------------------

    async def state(self, principal: Principal) -> LimitState:
        """The caller's limits and quotas and their current use."""
        keys = []
        if principal.key_id is not None and principal.key_limits is not None:
            keys.append((principal.key_id, principal.key_limits))
        state = await self.state_of(principal.user_id, principal.user_limits, keys)
        return state.model_copy(update={"key_id": principal.key_id})

    async def state_of(
        self, user_id: int, user_limits: LimitSet, keys: Sequence[tuple[int, LimitSet]] = ()
    ) -> LimitState:
        """The limits of a user and of the given keys of theirs, and their current use."""
        now = self._clock()
        scoped: list[tuple[Scope, Bucket]] = []
        for scope in [user_scope(self._prefix, user_id, user_limits)] + [
            key_scope(self._prefix, user_id, key_id, limits) for key_id, limits in keys
        ]:
            for bucket in scope_buckets(scope, streaming=True, now=now, lease_seconds=0.0):
                scoped.append((scope, bucket))
        used = await self.backend.read([bucket for _, bucket in scoped], now)
        return LimitState(
            user_id=user_id,
            key_id=None,
            backend="redis" if self.backend.shared else "memory",
            user_limits=user_limits,
            key_limits=keys[0][1] if len(keys) == 1 else None,
            buckets=[
                _bucket_state(scope, bucket, n, now)
                for (scope, bucket), n in zip(scoped, used, strict=True)
            ],
        )

    # -- upkeep --------------------------------------------------------------------------------

    async def maintain(self, interval: float, sweep_every: float = 60.0) -> None:
        """Probe Redis while on the fallback and sweep expired in-process counters, forever."""
        last_sweep = self._clock()
        while True:
            await asyncio.sleep(interval)
            now = self._clock()
            try:
                await self.backend.probe(now)
            except Exception:
                logger.exception("limiter: Redis probe failed")
            if now - last_sweep >= sweep_every:
                self.backend.memory.sweep(now)
                last_sweep = now


def _message(bucket: Bucket) -> str:
    who = _SCOPE_WORDS.get(bucket.scope, bucket.scope)
    kind = bucket.kind
    if kind.unit is Unit.STREAMS:
        return f"concurrent stream limit reached: {bucket.limit} streams at a time for {who}"
    if kind.unit is Unit.TOKENS:
        return f"token quota exhausted: {bucket.limit} tokens per {kind.window} for {who}"
    return f"rate limit exceeded: {bucket.limit} requests per {kind.window} for {who}"


def _headers(buckets: Sequence[Bucket], used: Sequence[int], now: float) -> dict[str, str]:
    tightest: Bucket | None = None
    remaining = reset = 0
    for bucket, n in zip(buckets, used, strict=True):
        if bucket.op is not Op.COUNT:
            continue
        left = max(0, bucket.limit - n)
        if tightest is None or left <= remaining:
            after = bucket.reset_after(now)
            if tightest is None or left < remaining or after < reset:
                tightest, remaining, reset = bucket, left, after
    if tightest is None:
        return {}
    return {
        "X-RateLimit-Limit": str(tightest.limit),
        "X-RateLimit-Remaining": str(remaining),
        "X-RateLimit-Reset": str(reset),
    }


def _bucket_state(scope: Scope, bucket: Bucket, used: int, now: float) -> BucketState:
    windowed = bucket.op is not Op.LEASE
    return BucketState(
        scope="key" if scope.name == "key" else "user",
        key_id=scope.key_id,
        kind=bucket.kind.field,
        limit=bucket.limit,
        used=used,
        remaining=max(0, bucket.limit - used),
        reset_seconds=bucket.reset_after(now) if windowed else None,
        resets_at=datetime.fromtimestamp(bucket.expires_at, UTC) if windowed else None,
    )


def unlimited_state(user_id: int, key_id: int | None) -> LimitState:
    """The readout when limits are switched off."""
    return LimitState(
        user_id=user_id,
        key_id=key_id,
        backend="disabled",
        user_limits=LimitSet(),
        key_limits=None,
        buckets=[],
    )
