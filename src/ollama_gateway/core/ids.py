"""Bounded integer ids: a path (or query, or body) id no id column can hold is a 422 in the
family's shape, never a driver overflow answered 500 (PostgreSQL's ``INTEGER`` refuses
2147483648; SQLite's 64-bit integers refuse ``-2817…`` with 30 digits).

Use them as the parameter's type, in every route with an id in its path::

    from ollama_gateway.core.ids import RowId

    @router.delete("/{key_id}")
    async def revoke_key(key_id: RowId, ...) -> None: ...

``RowId`` (1 to 2**31 - 1) fits every ``Integer`` primary key on both backends; ``BigRowId``
(1 to 2**63 - 1) fits the ``BigInteger`` ones (usage records).  Both are plain
``Annotated[int, ...]`` constraints, so they work for path and query parameters and for fields
of request models alike, and ``/openapi.json`` states their ``minimum`` and ``maximum``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1

RowId = Annotated[int, Field(ge=1, le=INT32_MAX)]
BigRowId = Annotated[int, Field(ge=1, le=INT64_MAX)]

__all__ = ["INT32_MAX", "INT64_MAX", "BigRowId", "RowId"]
