"""Which columns the query console may never read, and the limits of a console statement.

A column is secret when its ORM column says so (``info={"secret": True}``) or when its name
says so (:data:`SECRET_NAME`: password and key hashes, refresh-token hashes, encrypted engine
keys, anything named like a secret, token or key).  The name rule also covers tables that have
no ORM model, and any column a later migration adds with a telling name; a secret with another
name needs the ``info`` flag.  Both engines (``query_sqlite``, ``query_postgres``) ask
:func:`is_secret` about the database's real columns, so nothing relies on the list being
complete by hand.
"""

from __future__ import annotations

import re
from typing import Any

from ollama_gateway.core.db import Base

#: Column names that hold secrets (matched anywhere in the name, case-insensitive).
SECRET_NAME = re.compile(
    r"password|passwd|secret|hash|encrypted|private|credential|salt|(^|_)token$|(^|_)key$",
    re.IGNORECASE,
)
TIMEOUT_SECONDS = 5.0
MAX_ROWS = 1000
#: Text and binary values longer than this are cut (the answer stays a sensible size).
MAX_CELL_CHARS = 65_536


def _flagged() -> frozenset[tuple[str, str]]:
    from ollama_gateway.migrations import models  # noqa: F401  (registers every table)

    return frozenset(
        (table.name, column.name)
        for table in Base.metadata.tables.values()
        for column in table.columns
        if column.info.get("secret")
    )


_FLAGGED: list[frozenset[tuple[str, str]]] = []


def is_secret(table: str | None, column: str | None) -> bool:
    if not column:
        return False
    if not _FLAGGED:
        _FLAGGED.append(_flagged())
    return bool(SECRET_NAME.search(column)) or (table or "", column) in _FLAGGED[0]


def cell(value: Any) -> Any:
    """A database value as JSON can carry it."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        text = "\\x" + bytes(value[: MAX_CELL_CHARS // 2]).hex()
    elif isinstance(value, str):
        text = value
    elif isinstance(value, list | tuple):
        return [cell(item) for item in value]
    elif hasattr(value, "isoformat"):
        text = value.isoformat()
    else:
        text = str(value)
    return text if len(text) <= MAX_CELL_CHARS else text[:MAX_CELL_CHARS] + "…"
