"""Factories of the keys domain: ``make_key`` returns the ``og-...`` secret and the key id."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import FastAPI

from ollama_gateway.core.db import utcnow
from ollama_gateway.core.security import generate_api_key
from ollama_gateway.keys.models import ApiKey
from tests.users.factories import database


async def make_key(
    app: FastAPI,
    user_id: int,
    *,
    name: str = "test key",
    scopes: list[str] | None = None,
    allowed_models: list[str] | None = None,
    limits: dict[str, Any] | None = None,
    expires_at: datetime | None = None,
    revoked: bool = False,
) -> tuple[str, int]:
    new = generate_api_key()
    async with database(app).session() as session:
        key = ApiKey(
            user_id=user_id,
            name=name,
            prefix=new.prefix,
            key_hash=new.key_hash,
            scopes=scopes,
            allowed_models=allowed_models,
            limits=limits,
            expires_at=expires_at,
            revoked_at=utcnow() if revoked else None,
        )
        session.add(key)
        await session.flush()
        key_id = key.id
    return new.key, key_id
