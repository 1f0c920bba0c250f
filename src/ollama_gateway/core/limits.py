"""The one input type of a rate limit or quota, shared by every route that takes limits
(API keys, a user's own limits, the per-role defaults of the run-time settings).

A limit is a whole number from 0 to 10**12: ``4`` or ``4.0`` (both are JSON Schema
``integer`` values, which is what ``/openapi.json`` states), never ``true``, ``"4"`` or ``4.5``,
which lax pydantic would take or round.
"""

from __future__ import annotations

from typing import Annotated, Any

from annotated_types import Ge, Le
from pydantic import BeforeValidator

__all__ = ["MAX_LIMIT", "Count"]

#: The largest limit accepted (far above any real quota; keeps stored JSON numbers sane).
MAX_LIMIT = 10**12


def _whole_number(value: Any) -> Any:
    if isinstance(value, bool | str):
        raise ValueError("must be an integer")
    return value


#: The bounds come before the validator so that they apply to ``int`` and are written as
#: ``minimum``/``maximum`` (after a ``BeforeValidator`` they were written as a raw ``ge`` key).
Count = Annotated[int, Ge(0), Le(MAX_LIMIT), BeforeValidator(_whole_number)]
