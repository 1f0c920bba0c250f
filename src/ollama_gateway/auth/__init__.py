"""Authentication: who is calling (``auth.deps``), sessions and tokens, login throttle, audit trail.

Other domains use ``auth.deps`` (``PrincipalDep``, ``OptionalPrincipalDep``, ``require``,
``authenticate``) and ``auth.audit``; ``lifespan`` creates the first admin and the throttle.

The routers of ``auth``, ``users`` and ``keys`` are imported by ``main`` from their ``router``
modules rather than re-exported here: the three account packages use one another, and eager router
imports in their ``__init__`` would make those imports circular.
"""

from ollama_gateway.auth.startup import lifespan

__all__ = ["lifespan"]
