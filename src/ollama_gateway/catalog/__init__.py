"""The model catalog: per-model access rules and stored upstream nodes, enforced in memory.

Other domains use ``catalog.service`` (create/update/delete with hot reload), the live snapshot
``app.state.catalog`` (:class:`CatalogStore`) and ``catalog.snapshot`` (pure data).
"""

from ollama_gateway.catalog.lifespan import lifespan
from ollama_gateway.catalog.snapshot import CatalogSnapshot, normalize_model
from ollama_gateway.catalog.store import CatalogStore

__all__ = ["CatalogSnapshot", "CatalogStore", "lifespan", "normalize_model"]
