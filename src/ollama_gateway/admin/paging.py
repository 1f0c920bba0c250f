"""Keyset (cursor) paging for the admin listings: opaque cursors, never ``OFFSET``.

A cursor is the sort key of the last item of a page (for instance ``(started_at, id)``),
JSON-encoded and base64url'd so that clients treat it as opaque.  The next page is the rows
strictly after that key in the listing's order, which an index on ``(filter column, sort
key)`` answers without reading the rows before it, however deep the page.
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Annotated, Any

import orjson
from fastapi import Query

from ollama_gateway.core.errors import ValidationFailed

__all__ = ["CursorQuery", "LimitQuery", "decode_cursor", "encode_cursor"]

#: The ``limit`` query parameter of every admin listing.
LimitQuery = Annotated[int, Query(ge=1, le=500, description="Items per page")]
#: The ``cursor`` query parameter: ``next_cursor`` of the previous page.
CursorQuery = Annotated[
    str | None,
    Query(max_length=200, description="`next_cursor` of the previous page (opaque)"),
]


def encode_cursor(*values: int | str | datetime) -> str:
    """The opaque cursor of a sort key (datetimes as ISO 8601)."""
    plain = [v.isoformat() if isinstance(v, datetime) else v for v in values]
    return base64.urlsafe_b64encode(orjson.dumps(plain)).decode().rstrip("=")


def decode_cursor(cursor: str, *kinds: type[Any]) -> tuple[Any, ...]:
    """The sort key in ``cursor``, each value converted to its kind (``int``, ``str``,
    ``datetime``); 422 for anything that is not a cursor this listing issued."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = orjson.loads(raw)
        if not isinstance(values, list) or len(values) != len(kinds):
            raise ValueError("wrong shape")
        return tuple(_convert(value, kind) for value, kind in zip(values, kinds, strict=True))
    except (ValueError, TypeError, binascii.Error, orjson.JSONDecodeError):
        raise ValidationFailed(
            "invalid cursor: pass next_cursor of the previous page", details={"field": "cursor"}
        ) from None


def _convert(value: Any, kind: type[Any]) -> Any:
    if kind is datetime:
        if not isinstance(value, str):
            raise TypeError("not a time")
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise ValueError("naive time")
        return parsed
    if kind is int:
        if not isinstance(value, int) or isinstance(value, bool) or abs(value) >= 2**63:
            raise TypeError("not an integer")
        return value
    if not isinstance(value, kind):
        raise TypeError(f"not a {kind.__name__}")
    return value
