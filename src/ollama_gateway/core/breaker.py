"""A circuit breaker for an optional dependency (Redis): one failure, then a cool-down.

A caller that can do without the dependency (the limiter falls back to in-process counts, the
response cache to a miss) asks :meth:`Breaker.allow` before each call, reports the outcome with
:meth:`Breaker.trip` or :meth:`Breaker.reset`, and so pays for a hung dependency once per
cool-down instead of once per request:

* **up**: every call goes through; the first failure trips the breaker (an ERROR line, once per
  transition, and ``on_change(False)`` for the metrics);
* **down**: calls are skipped until ``cooldown`` seconds after the last failure; then one call is
  let through as a trial (the others keep skipping while it runs, for another ``cooldown``);
  a success resets the breaker (a WARNING line, ``on_change(True)``).

A caller that probes on its own schedule instead (the limiter's upkeep task) uses :attr:`up`,
:meth:`trip` and :meth:`reset` only.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

logger = logging.getLogger(__name__)


class Breaker:
    __slots__ = (
        "_clock",
        "_log",
        "_on_change",
        "_retry_at",
        "_up_message",
        "cooldown",
        "down_message",
        "trips",
        "up",
    )

    def __init__(
        self,
        *,
        cooldown: float,
        down_message: str,
        up_message: str,
        on_change: Callable[[bool], None] | None = None,
        log: logging.Logger = logger,
        up: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.cooldown = cooldown
        #: Logged at ERROR when the breaker trips, with the error's type and text as arguments.
        self.down_message = down_message
        self._up_message = up_message
        self._on_change = on_change
        self._clock = clock
        self._log = log
        self._retry_at = 0.0
        self.up = up
        #: Times the breaker went from up to down.
        self.trips = 0

    def allow(self) -> bool:
        """Whether a call may go to the dependency now (module docstring)."""
        if self.up:
            return True
        now = self._clock()
        if now < self._retry_at:
            return False
        self._retry_at = now + self.cooldown  # one trial per cool-down
        return True

    def trip(self, exc: BaseException) -> bool:
        """A call failed: down (again) for a cool-down; ``True`` if the breaker was up."""
        self._retry_at = self._clock() + self.cooldown
        if not self.up:
            return False
        self.up = False
        self.trips += 1
        if self._on_change is not None:
            self._on_change(False)
        self._log.error(self.down_message, type(exc).__name__, exc)
        return True

    def reset(self) -> bool:
        """A call succeeded: up; ``True`` if the breaker was down."""
        if self.up:
            return False
        self.up = True
        if self._on_change is not None:
            self._on_change(True)
        self._log.warning(self._up_message)
        return True
