"""The in-memory catalog: model access rules and stored nodes, as immutable data.

The request path reads only this snapshot (``app.state.catalog.snapshot``), rebuilt from the
database at startup, after every change made through ``catalog.service`` and periodically (for
the other worker processes).  It imports no SQLAlchemy: the gateway's hot path depends on it.

Access to a model, in order:

1. a catalog row with ``enabled = false`` forbids it to everyone;
2. a row with ``allowed_roles`` forbids it to other roles (admins always pass);
3. a key with ``allowed_models`` forbids every model not listed.  An entry with a tag
   (``llama3:8b``) allows that tag only; an entry without one (``llama3``) allows every tag.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from ollama_gateway.core.principal import Principal


@lru_cache(maxsize=4096)
def normalize_model(name: str) -> str:
    """``llama3`` -> ``llama3:latest``; lower case, as Ollama matches names case-insensitively.

    Memoised: the request path normalises the same few names several times per request.
    """
    name = name.strip().lower()
    return name if ":" in name.rsplit("/", 1)[-1] else f"{name}:latest"


def _base(normalized: str) -> str:
    return normalized.rsplit(":", 1)[0]


@lru_cache(maxsize=4096)
def _key_allowance(allowed: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(exact names, bare names allowing every tag) of a key's allow-list."""
    exact = {normalize_model(name) for name in allowed if ":" in name.rsplit("/", 1)[-1]}
    bare = {name.strip().lower() for name in allowed if ":" not in name.rsplit("/", 1)[-1]}
    return frozenset(exact), frozenset(bare)


@dataclass(frozen=True, slots=True)
class ModelRule:
    name: str
    enabled: bool = True
    allowed_roles: frozenset[str] | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class StoredNode:
    id: int
    name: str
    url: str
    enabled: bool = True
    max_in_flight: int | None = None


@dataclass(frozen=True, slots=True)
class CatalogSnapshot:
    models: Mapping[str, ModelRule] = field(default_factory=dict)
    nodes: tuple[StoredNode, ...] = ()
    #: Bumped on every reload that changed something (listing caches key on it).
    version: int = 0

    def rule(self, model: str) -> ModelRule | None:
        return self.models.get(normalize_model(model))

    def denial(self, principal: Principal, model: str) -> str | None:
        """Why ``principal`` may not use ``model``; ``None`` when it may."""
        key = normalize_model(model)
        rule = self.models.get(key)
        if rule is not None:
            if not rule.enabled:
                return f'model "{model}" is disabled'
            if (
                rule.allowed_roles is not None
                and not principal.is_admin
                and principal.role.value not in rule.allowed_roles
            ):
                return f'model "{model}" is not available to the {principal.role.value} role'
        allowed = principal.allowed_models
        if allowed is not None:
            exact, bare = _key_allowance(allowed)
            if key not in exact and _base(key) not in bare:
                return f'this API key may not use model "{model}"'
        return None

    def may_use(self, principal: Principal, model: str) -> bool:
        return self.denial(principal, model) is None
