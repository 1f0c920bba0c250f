"""Readiness: whether this process should be sent traffic (``GET /health/ready``).

Each component that traffic depends on registers a named check when its lifespan starts (the
database in ``main``, Redis in ``ratelimit``, the upstream pool in ``gateway``); the probe runs
them all concurrently, each bounded by a short timeout so that a hung dependency makes the probe
fail instead of hang.  :meth:`Readiness.drain` marks the process as stopping: from then on the
probe fails whatever the checks say, so a load balancer stops sending new requests while the
requests in flight finish.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

Check = Callable[[], Awaitable[bool]]


class Readiness:
    def __init__(self, *, timeout: float = 2.0) -> None:
        self.timeout = timeout
        self.draining = False
        self._checks: dict[str, Check] = {}

    def add(self, name: str, check: Check) -> None:
        self._checks[name] = check

    def remove(self, name: str) -> None:
        self._checks.pop(name, None)

    def drain(self) -> None:
        self.draining = True

    async def _run(self, check: Check) -> bool:
        with contextlib.suppress(Exception):
            return bool(await asyncio.wait_for(check(), self.timeout))
        return False

    async def report(self) -> tuple[bool, dict[str, bool]]:
        """``(ready, {check: passed})``; never ready while draining."""
        names = list(self._checks)
        results = await asyncio.gather(*(self._run(self._checks[n]) for n in names))
        checks = dict(zip(names, results, strict=True))
        return (not self.draining and all(results)), checks
