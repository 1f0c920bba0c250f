"""Typed dependency aliases shared by every domain: settings and database sessions.

Every dependency of the application is ``async def``, even one that only reads
``app.state``: FastAPI runs a plain ``def`` in its thread pool, a hand-off to a worker
thread and back on each request (``tests/core/test_deps.py`` holds every route to this).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, cast

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.core.config import Settings
from ollama_gateway.core.db import Database
from ollama_gateway.core.openapi import raises


async def get_settings_dep(request: Request) -> Settings:
    return cast(Settings, request.app.state.settings)


async def get_database(request: Request) -> Database:
    return cast(Database, request.app.state.db)


@raises(409, unsafe_only=True)  # IntegrityError -> Conflict (core.db)
async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with cast(Database, request.app.state.db).session() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
DatabaseDep = Annotated[Database, Depends(get_database)]
#: ``scope="function"``: the session commits *before* the response is sent (FastAPI's default
#: closes yield-dependencies after sending, so a failed commit would follow a 2xx answer).
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
