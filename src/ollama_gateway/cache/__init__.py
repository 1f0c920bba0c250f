"""The exact-match response cache for deterministic (or explicitly cacheable) requests.

``policy.py`` decides what is cached and under which key, ``entry.py`` stores and replays a
response, ``memory.py``/``redis.py`` are the stores, ``service.py`` is the gateway's seam
(:class:`ResponseCache`: ``lookup`` then ``commit``).
"""

from ollama_gateway.cache.policy import HEADER
from ollama_gateway.cache.router import router
from ollama_gateway.cache.runtime import lifespan
from ollama_gateway.cache.service import Lookup, ResponseCache

__all__ = ["HEADER", "Lookup", "ResponseCache", "lifespan", "router"]
