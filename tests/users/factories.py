"""Factories of the users domain: accounts inserted directly (fast: the hash is computed once)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import FastAPI

from ollama_gateway.core.db import Database
from ollama_gateway.core.security import hash_password
from ollama_gateway.users.models import User

DEFAULT_PASSWORD = "User-Pass-123!"
_DEFAULT_HASH = hash_password(DEFAULT_PASSWORD)


def unique(prefix: str = "u") -> str:
    return f"{prefix}{uuid.uuid4().hex[:12]}"


def database(app: FastAPI) -> Database:
    db = app.state.db
    assert isinstance(db, Database)
    return db


async def make_user(
    app: FastAPI,
    *,
    role: str = "user",
    password: str | None = None,
    active: bool = True,
    limits: dict[str, Any] | None = None,
) -> User:
    username = unique()
    async with database(app).session() as session:
        user = User(
            username=username,
            email=f"{username}@example.com",
            password_hash=hash_password(password) if password else _DEFAULT_HASH,
            role=role,
            is_active=active,
            limits=limits,
            token_version=0,
        )
        session.add(user)
        await session.flush()
    return user
