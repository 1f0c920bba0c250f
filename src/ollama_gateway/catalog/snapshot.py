"""The in-memory catalog: model access rules and stored nodes, as immutable data.

The request path reads only this snapshot (``app.state.catalog.snapshot``), rebuilt from the
database at startup, after every change made through ``catalog.service`` and periodically (for
the other worker processes).  It imports no SQLAlchemy: the gateway's hot path depends on it.

Access to a model, in order:

1. a catalog row with ``enabled = false`` forbids it to everyone;
2. a row with ``allowed_roles`` forbids it to other roles (admins always pass);
3. a key with ``allowed_models`` forbids every model not listed.  An entry with a tag
   (``llama3:8b``) allows that tag only; an entry without one (``llama3``) allows every tag.

Every name is compared in the form :func:`normalize_model` gives it, which is Ollama's own
reading of a name (``types/model/name.go``: ``ParseName``, compared with ``EqualFold``):
``[host/][namespace/][kind/]model[:tag]`` with the defaults ``registry.ollama.ai``, ``library``
and ``latest``, lower-cased, and written as Ollama's ``DisplayShortest`` does.  So
``qwen2.5:0.5b``, ``library/qwen2.5:0.5b``, ``Registry.Ollama.AI/library/QWEN2.5:0.5b`` and
``https://registry.ollama.ai/library/qwen2.5:0.5b`` are one model, for a rule as for a key.

:meth:`CatalogSnapshot.denial` answers for a model a request *uses* (generation, show, the
source of a copy, create or push); ``writing=True`` for a name it *writes* (pull, the new name
of a copy or create, delete): a disabled model may still be replaced or deleted by a caller
whose role and key allow the name, never run or read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from ollama_gateway.core.principal import Principal

DEFAULT_HOST = "registry.ollama.ai"
DEFAULT_NAMESPACE = "library"
DEFAULT_TAG = "latest"
#: Ollama's ``ValidKinds``: a third path part naming one of these is a kind, not a namespace.
_KINDS = frozenset({"skill", "agent", "mcp"})


def _has_tag(name: str) -> bool:
    """Ollama's test: a ``:`` after the last ``/`` starts the tag."""
    return name.rfind(":") > name.rfind("/")


def _parts(name: str) -> tuple[str, str, str, str, str]:
    """(host, namespace, kind, model, tag) of ``name`` as Ollama's ``ParseNameBare`` cuts it,
    lower-cased, with Ollama's defaults for the parts left out.  A ``@digest`` suffix (older
    Ollama versions) is dropped: the name before it decides."""
    rest = name.strip().lower().split("@", 1)[0]
    tag = host = namespace = kind = ""
    if _has_tag(rest):
        rest, _, tag = rest.rpartition(":")
    rest, slash, model = rest.rpartition("/")
    if slash:
        rest, slash, namespace = rest.rpartition("/")
        if slash and namespace not in _KINDS:
            host = rest
        elif slash:
            kind = namespace
            rest, slash, namespace = rest.rpartition("/")
            host = rest if slash else ""
    host = host.split("://", 1)[-1]
    return host or DEFAULT_HOST, namespace or DEFAULT_NAMESPACE, kind, model, tag or DEFAULT_TAG


@lru_cache(maxsize=4096)
def normalize_model(name: str) -> str:
    """One spelling per model Ollama would run (module docstring): ``llama3`` ->
    ``llama3:latest``, ``registry.ollama.ai/library/Llama3`` -> ``llama3:latest``,
    ``hf.co/org/m:q4`` stays.

    Memoised: the request path normalises the same few names several times per request.
    """
    host, namespace, kind, model, tag = _parts(name)
    prefix = ""
    if host != DEFAULT_HOST:
        prefix = f"{host}/{namespace}/"
    elif namespace != DEFAULT_NAMESPACE:
        prefix = f"{namespace}/"
    if kind:
        prefix += f"{kind}/"
    return f"{prefix}{model}:{tag}"


def _base(normalized: str) -> str:
    return normalized.rsplit(":", 1)[0]


@lru_cache(maxsize=4096)
def _key_allowance(allowed: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(exact names, bare names allowing every tag) of a key's allow-list, normalised."""
    exact = {normalize_model(name) for name in allowed if _has_tag(name)}
    bare = {_base(normalize_model(name)) for name in allowed if not _has_tag(name)}
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
    priority: int = 0
    tls_verify: bool = True
    ca_bundle: str | None = None
    kind: str = "ollama"
    #: The node's own API key, sealed (``core.sealing``); opened by the gateway's lifespan.
    api_key_sealed: str | None = None


@dataclass(frozen=True, slots=True)
class CatalogSnapshot:
    models: Mapping[str, ModelRule] = field(default_factory=dict)
    nodes: tuple[StoredNode, ...] = ()
    #: Bumped on every reload that changed something (listing caches key on it).
    version: int = 0

    def rule(self, model: str) -> ModelRule | None:
        return self.models.get(normalize_model(model))

    def denial(self, principal: Principal, model: str, *, writing: bool = False) -> str | None:
        """Why ``principal`` may not use ``model`` (or, ``writing``, replace or delete it);
        ``None`` when it may."""
        key = normalize_model(model)
        rule = self.models.get(key)
        if rule is not None:
            if not rule.enabled and not writing:
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
