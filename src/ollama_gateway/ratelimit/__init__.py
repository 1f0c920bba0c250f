"""Rate limits, token quotas and concurrent-stream limits, per user and per API key.

The :class:`Limiter` implements ``core.admission.AdmissionControl`` for the gateway, a keyed
throttle (``hit``; :class:`LimiterThrottle` adapts it for ``auth``) and the state readout.
Storage is in-process or Redis (``failover.py``); see ``windows.py`` for the window semantics and
``redis.py`` for the Lua script.
"""

from ollama_gateway.ratelimit.limiter import Limiter
from ollama_gateway.ratelimit.router import router
from ollama_gateway.ratelimit.runtime import lifespan
from ollama_gateway.ratelimit.schemas import Decision, LimitState
from ollama_gateway.ratelimit.throttle import LimiterThrottle

__all__ = ["Decision", "LimitState", "Limiter", "LimiterThrottle", "lifespan", "router"]
