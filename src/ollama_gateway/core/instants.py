"""A date-time as a query parameter: ISO 8601 only.

Lax pydantic reads a number (``?to=0.5``) as a Unix time, while ``/openapi.json`` states
``format: date-time``; :data:`Instant` refuses numbers with a 422 so the server takes exactly
what its schema says.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BeforeValidator

__all__ = ["Instant"]


def _not_a_number(value: Any) -> Any:
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return value
        raise ValueError("expected an ISO 8601 date-time, not a number")
    if isinstance(value, int | float):
        raise ValueError("expected an ISO 8601 date-time, not a number")
    return value


#: A time-range bound in a query string (no timezone: UTC).
Instant = Annotated[datetime, BeforeValidator(_not_a_number)]
