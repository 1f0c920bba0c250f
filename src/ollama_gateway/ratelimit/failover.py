"""Redis when it answers, the in-process backend when it does not: never fail open.

:class:`Failover` is the backend the limiter uses.  With no ``REDIS_URL`` it is the in-process
backend.  With one, every operation goes to Redis and is mirrored into the in-process backend
(the *shadow*).  The first Redis error flips it to the in-process backend: an ERROR log line (once
per transition), ``ollama_gateway_limiter_backend{backend="memory"} 1`` and
``ollama_gateway_limiter_fallbacks_total`` + 1, and the request that met the error is decided by
the in-process backend, which starts from the shadow's counts.  While on the fallback, the limits
are enforced per process, never skipped; whatever is counted meanwhile is kept as deltas.  A probe
retries Redis every ``RATE_LIMIT_REDIS_RETRY_SECONDS``; when Redis answers, the deltas (requests,
tokens, live and released stream leases) are replayed into it and the shared limits resume.  A
counter Redis no longer has (it restarted without persistence) is set to the larger of this
process's count and, for token quotas, the usage table's total (``reseed``).

The up/down state, its log lines and the gauge are a ``core.breaker.Breaker``, the one the
response cache uses too.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence

from redis.exceptions import RedisError

from ollama_gateway.core.breaker import Breaker
from ollama_gateway.core.metrics import Metrics
from ollama_gateway.ratelimit.backend import Verdict
from ollama_gateway.ratelimit.buckets import Bucket, Charge, Op
from ollama_gateway.ratelimit.memory import MemoryBackend
from ollama_gateway.ratelimit.redis import RedisBackend

logger = logging.getLogger(__name__)

_REDIS_ERRORS = (RedisError, OSError, asyncio.TimeoutError)

Reseed = Callable[[float], Awaitable[Sequence[tuple[str, int, float]]]]


class Failover:
    def __init__(
        self, memory: MemoryBackend, redis: RedisBackend | None, metrics: Metrics | None = None
    ) -> None:
        self.memory = memory
        self.redis = redis
        self._metrics = metrics
        #: Up while Redis answers; the upkeep task's probe resets it (no cool-down of its own).
        self.breaker = Breaker(
            cooldown=0.0,
            down_message="limiter: Redis is unreachable (%s: %s); falling back to in-process "
            "rate limits, enforced per process until Redis returns",
            up_message="limiter: Redis is reachable again; shared rate limits restored",
            on_change=self._show,
            log=logger,
            up=redis is not None,
        )
        #: counter key -> [delta, expires_at], counted in memory while Redis was down
        self._deltas: dict[str, list[float]] = {}
        #: (key, lease) released while Redis was down
        self._released: list[tuple[str, str]] = []
        #: Reads ``(key, value, expires_at)`` counters from the usage table (``seed.py``),
        #: for a Redis that comes back without its data; set at startup when there is a database.
        self.reseed: Reseed | None = None
        self._show(self.breaker.up)

    @property
    def name(self) -> str:
        return "redis" if self.breaker.up else "memory"

    @property
    def shared(self) -> bool:
        return self.breaker.up

    # -- the Backend interface -----------------------------------------------------------------

    async def admit(self, buckets: Sequence[Bucket], lease: str, now: float) -> Verdict:
        if self.breaker.up and self.redis is not None:
            try:
                verdict = await self.redis.admit(buckets, lease, now)
            except _REDIS_ERRORS as exc:
                self._fall_back(exc)
            else:
                if verdict.admitted:
                    self.memory.force(buckets, lease, now)
                return verdict
        verdict = self.memory.admit_now(buckets, lease, now)
        if verdict.admitted and self.redis is not None:
            for bucket in buckets:
                if bucket.op is Op.COUNT:
                    self._add_delta(bucket.key, 1, bucket.expires_at)
        return verdict

    async def settle(self, charges: Sequence[Charge], releases: Sequence[str], lease: str) -> None:
        self.memory.settle_now(charges, releases, lease)
        if self.redis is None:
            return
        charges = [charge for charge in charges if charge.amount]
        if self.breaker.up:
            try:
                await self.redis.settle(charges, releases, lease)
            except _REDIS_ERRORS as exc:
                self._fall_back(exc)
            else:
                return
        for charge in charges:
            self._add_delta(charge.key, charge.amount, charge.expires_at)
        self._released.extend((key, lease) for key in releases)

    async def settle_tokens(
        self, keys: Sequence[tuple[str, float]], amount: int, releases: Sequence[str], lease: str
    ) -> None:
        """:meth:`settle` with the same ``amount`` for each ``(key, expires_at)`` counter.

        Without Redis the counters are charged in place, no :class:`Charge` built per request.
        """
        if self.redis is None:
            self.memory.add_tokens(keys, amount)
            for key in releases:
                self.memory.release(key, lease)
            return
        charges = [Charge(key, amount, end) for key, end in keys] if amount else []
        await self.settle(charges, releases, lease)

    async def read(self, buckets: Sequence[Bucket], now: float) -> list[int]:
        if self.breaker.up and self.redis is not None:
            try:
                return await self.redis.read(buckets, now)
            except _REDIS_ERRORS as exc:
                self._fall_back(exc)
        return await self.memory.read(buckets, now)

    # -- transitions ---------------------------------------------------------------------------

    async def probe(self, now: float) -> bool:
        """Try Redis once if it is down; on success replay the deltas and resume.  True if up."""
        if self.redis is None:
            return False
        if self.breaker.up:
            return True
        try:
            await self.redis.ping()
            floor = await self._reseed(now)
            # Requests decided while a replay is in flight add deltas: replay until none are
            # left, then flip without an await in between.
            for _ in range(5):
                await self._replay(now, floor)
                if not self._deltas and not self._released:
                    break
        except _REDIS_ERRORS as exc:
            logger.debug("limiter: Redis still unreachable: %s", exc)
            return False
        self.breaker.reset()
        return True

    async def _reseed(self, now: float) -> dict[str, int]:
        """Token counters from the usage table: ``SET NX`` into a Redis that lost them."""
        if self.reseed is None:
            return {}
        assert self.redis is not None
        counters = await self.reseed(now)
        await self.redis.seed(c for c in counters if c[0] not in self._deltas)
        return {key: value for key, value, _ in counters}

    async def _replay(self, now: float, floor: dict[str, int]) -> None:
        assert self.redis is not None
        released = list(self._released)
        counters = [
            (key, int(delta), max(self.memory.value(key, now), floor.get(key, 0)), end)
            for key, (delta, end) in self._deltas.items()
            if end > now
        ]
        await self.redis.replay(counters, list(self.memory.leases(now)), released)
        # Only what was replayed is forgotten: requests counted during the await stay queued.
        for key, delta, _, _ in counters:
            entry = self._deltas.get(key)
            if entry is not None:
                entry[0] -= delta
                if entry[0] <= 0:
                    del self._deltas[key]
        del self._released[: len(released)]
        self._deltas = {k: v for k, v in self._deltas.items() if v[1] > now}

    def _fall_back(self, exc: BaseException) -> None:
        if self.breaker.trip(exc) and self._metrics is not None:
            self._metrics.limiter_fallbacks.inc()

    def _add_delta(self, key: str, amount: int, expires_at: float) -> None:
        entry = self._deltas.get(key)
        if entry is None:
            self._deltas[key] = [amount, expires_at]
        else:
            entry[0] += amount

    def _show(self, up: bool) -> None:
        if self._metrics is None:
            return
        self._metrics.limiter_backend.labels(backend="redis").set(1 if up else 0)
        self._metrics.limiter_backend.labels(backend="memory").set(0 if up else 1)

    def mark_down(self, exc: BaseException) -> None:
        """Start on the fallback (Redis unreachable at startup)."""
        self._fall_back(exc)
