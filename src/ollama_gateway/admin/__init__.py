"""The operator's API under ``/api/admin``: users, keys, logs, audit, telemetry, models,
upstreams, settings and the query console, each in its own module.

``main`` mounts ``router`` and enters ``lifespan`` (background jobs such as retention).
"""

from ollama_gateway.admin.lifespan import lifespan
from ollama_gateway.admin.router import router

__all__ = ["lifespan", "router"]
