"""The in-process backend: counters and leases in dictionaries of this process.

Atomicity comes from the event loop: :meth:`MemoryBackend.admit_now` runs from its first check to
its last increment without an ``await``, so no other request of this process can interleave, and
the limits are exact within one process.  Across processes they are not shared: that is what the
Redis backend is for (with N processes and no Redis, each enforces the limits on its own).

Besides being the embedded default, this backend is the limiter's fallback and shadow: while Redis
is the active backend, the limiter mirrors every admission, token charge and lease into it
(``force``/``charge``), so that a fall-back starts from this process's real use of the current
windows rather than from zero.  Counters (token quotas, admitted requests) are also seeded from
the usage table at startup (``seed.py``), so limits survive a restart.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ollama_gateway.ratelimit.backend import Verdict
from ollama_gateway.ratelimit.buckets import Bucket, Charge, Op

_COUNT, _LEASE = Op.COUNT, Op.LEASE


class MemoryBackend:
    name = "memory"

    def __init__(self) -> None:
        #: key -> [value, expires_at]
        self._counters: dict[str, list[float]] = {}
        #: key -> {lease: expires_at}
        self._leases: dict[str, dict[str, float]] = {}

    # -- the Backend interface -----------------------------------------------------------------

    async def admit(self, buckets: Sequence[Bucket], lease: str, now: float) -> Verdict:
        return self.admit_now(buckets, lease, now)

    async def settle(self, charges: Sequence[Charge], releases: Sequence[str], lease: str) -> None:
        self.settle_now(charges, releases, lease)

    async def read(self, buckets: Sequence[Bucket], now: float) -> list[int]:
        return [self._used(bucket, now) for bucket in buckets]

    # -- synchronous operations (atomic under asyncio) -----------------------------------------

    def admit_now(self, buckets: Sequence[Bucket], lease: str, now: float) -> Verdict:
        counters = self._counters
        used: list[int] = []
        full = False
        for bucket in buckets:
            if bucket.op is _LEASE:
                n = self._live(bucket.key, now)
            else:
                entry = counters.get(bucket.key)
                n = int(entry[0]) if entry is not None and entry[1] > now else 0
            used.append(n)
            if n >= bucket.limit:
                full = True
        if full:
            refused = tuple(i for i, bucket in enumerate(buckets) if used[i] >= bucket.limit)
            return Verdict(False, tuple(used), refused)
        for i, bucket in enumerate(buckets):
            op = bucket.op
            if op is _COUNT:
                entry = counters.get(bucket.key)
                if entry is None:
                    counters[bucket.key] = [1, bucket.expires_at]
                else:
                    entry[0] += 1
                used[i] += 1
            elif op is _LEASE:
                self._leases.setdefault(bucket.key, {})[lease] = bucket.expires_at
                used[i] += 1
        return Verdict(True, tuple(used))

    def cell(self, key: str, expires_at: float) -> list[float]:
        """The ``[value, expires_at]`` counter of ``key`` (a zero one is made if missing), for
        a caller that reads and bumps it in place while its window lasts (``local.py``)."""
        return self._counters.setdefault(key, [0, expires_at])

    def add_tokens(self, keys: Sequence[tuple[str, float]], amount: int) -> None:
        """Charge ``amount`` to each ``(key, expires_at)`` counter (``settle`` without Charges)."""
        if not amount:
            return
        counters = self._counters
        for key, expires_at in keys:
            entry = counters.get(key)
            if entry is None:
                counters[key] = [amount, expires_at]
            else:
                entry[0] += amount

    def settle_now(self, charges: Sequence[Charge], releases: Sequence[str], lease: str) -> None:
        """:meth:`settle` without the ``await``: charge the tokens, release the lease."""
        counters = self._counters
        for charge in charges:
            amount = charge.amount
            if not amount:
                continue
            entry = counters.get(charge.key)
            if entry is None:
                counters[charge.key] = [amount, charge.expires_at]
            else:
                entry[0] += amount
        for key in releases:
            self.release(key, lease)

    def force(self, buckets: Sequence[Bucket], lease: str, now: float) -> None:
        """Apply an admission without checking (mirror of a Redis admission)."""
        for bucket in buckets:
            if bucket.op is Op.COUNT:
                self.charge(bucket.key, 1, bucket.expires_at)
            elif bucket.op is Op.LEASE:
                self._leases.setdefault(bucket.key, {})[lease] = bucket.expires_at

    def charge(self, key: str, amount: int, expires_at: float) -> None:
        entry = self._counters.get(key)
        if entry is None:
            self._counters[key] = [amount, expires_at]
        else:
            entry[0] += amount

    def release(self, key: str, lease: str) -> None:
        leases = self._leases.get(key)
        if leases is not None:
            leases.pop(lease, None)
            if not leases:
                del self._leases[key]

    def value(self, key: str, now: float) -> int:
        entry = self._counters.get(key)
        if entry is None or entry[1] <= now:
            return 0
        return int(entry[0])

    def leases(self, now: float) -> Iterator[tuple[str, str, float]]:
        """Every live lease as ``(key, lease, expires_at)``."""
        for key, leases in self._leases.items():
            for lease, expires_at in leases.items():
                if expires_at > now:
                    yield key, lease, expires_at

    def sweep(self, now: float) -> None:
        """Forget expired windows and leases (called periodically, off the request path)."""
        for key in [key for key, (_, end) in self._counters.items() if end <= now]:
            del self._counters[key]
        for key, leases in list(self._leases.items()):
            for lease in [lease for lease, end in leases.items() if end <= now]:
                del leases[lease]
            if not leases:
                del self._leases[key]

    def clear(self) -> None:
        self._counters.clear()
        self._leases.clear()

    def _used(self, bucket: Bucket, now: float) -> int:
        if bucket.op is Op.LEASE:
            return self._live(bucket.key, now)
        return self.value(bucket.key, now)

    def _live(self, key: str, now: float) -> int:
        leases = self._leases.get(key)
        if not leases:
            return 0
        return sum(1 for end in leases.values() if end > now)
