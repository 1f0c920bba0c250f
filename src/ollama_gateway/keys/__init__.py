"""API keys: the ``api_keys`` table, its routes, and the principal cache that keeps auth SQL-free.

Other domains use ``keys.cache`` (``PrincipalCache.invalidate_key/invalidate_user``) and
``keys.service``; ``lifespan`` builds ``app.state.principal_cache`` and ``app.state.key_usage``.
"""

from ollama_gateway.keys.background import lifespan

__all__ = ["lifespan"]
