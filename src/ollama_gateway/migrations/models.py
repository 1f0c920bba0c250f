"""Imports every domain's ORM models so that ``Base.metadata`` holds the whole schema."""

from __future__ import annotations

import importlib

_MODEL_MODULES = [
    "ollama_gateway.auth.models",
    "ollama_gateway.users.models",
    "ollama_gateway.keys.models",
    "ollama_gateway.catalog.models",
    "ollama_gateway.usage.models",
    "ollama_gateway.usage.rollups",
    "ollama_gateway.chats.models",
    "ollama_gateway.admin.models",
    "ollama_gateway.runtime.models",
]

for _name in _MODEL_MODULES:
    try:
        importlib.import_module(_name)
    except ModuleNotFoundError as exc:  # a domain not built yet
        if exc.name != _name:
            raise


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Schema comparison filter: leave out what migrations make outside the ORM on purpose.

    The chats' full-text indexes (FTS5 tables and their shadow tables on SQLite, expression GIN
    indexes on PostgreSQL) have no ORM model; see ``chats.models.SEARCH_OBJECTS``.
    """
    from ollama_gateway.chats.models import SEARCH_OBJECTS

    return not (name and name.startswith(SEARCH_OBJECTS))
