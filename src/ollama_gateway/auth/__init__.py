"""Authentication: who is calling (``auth.deps``), sessions and tokens, login throttle, audit trail.

Other domains use ``auth.deps`` (``PrincipalDep``, ``OptionalPrincipalDep``, ``require``,
``authenticate``) and ``auth.audit``; ``lifespan`` creates the first admin and the throttle.
"""

from ollama_gateway.auth.startup import lifespan

__all__ = ["lifespan"]
