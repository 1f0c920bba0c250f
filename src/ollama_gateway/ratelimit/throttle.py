"""The login/registration throttle on the shared limiter (``auth.throttle.AuthThrottle``).

``auth`` counts attempts per username and per client IP through ``app.state.auth_throttle``;
this adapter answers that protocol with :meth:`Limiter.hit`, so the attempts are counted in Redis
when there is one (shared by every gateway process) and in process otherwise.  The window is the
limiter's: fixed and aligned to the clock.
"""

from __future__ import annotations

from ollama_gateway.ratelimit.limiter import Limiter


class LimiterThrottle:
    def __init__(self, limiter: Limiter) -> None:
        self._limiter = limiter

    async def hit(self, key: str, *, limit: int, window: float) -> float | None:
        """Count an attempt for ``key``; ``None`` if allowed, else seconds until it would be."""
        decision = await self._limiter.hit(f"auth:{key}", limit, max(1, round(window)))
        return None if decision.allowed else float(decision.retry_after)
