"""Principals with chosen limits, for the limiter's unit tests."""

from __future__ import annotations

from typing import Any

from ollama_gateway.core.config import LimitSet
from ollama_gateway.core.permissions import ROLE_PERMISSIONS, Role
from ollama_gateway.core.principal import AuthMethod, Principal


def principal(
    user_id: int = 1,
    *,
    key_id: int | None = None,
    user: dict[str, Any] | None = None,
    key: dict[str, Any] | None = None,
    role: Role = Role.USER,
) -> Principal:
    return Principal(
        user_id=user_id,
        username=f"user{user_id}",
        role=role,
        permissions=ROLE_PERMISSIONS[role],
        method=AuthMethod.API_KEY if key_id is not None else AuthMethod.JWT,
        key_id=key_id,
        user_limits=LimitSet(**(user or {})),
        key_limits=LimitSet(**key) if key is not None else None,
    )
