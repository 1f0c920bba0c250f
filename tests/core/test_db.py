"""A database that cannot serve now answers 503 with ``Retry-After``; a wrong statement stays 500.

``core.db.unavailable`` reads the drivers' own exceptions (SQLite's message, PostgreSQL's
SQLSTATE class), bare or wrapped by SQLAlchemy; the handlers and the fast lane answer with it.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import httpx
import pytest
import sqlalchemy.exc
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from ollama_gateway.core.db import unavailable
from ollama_gateway.core.handlers import install_error_handlers


def _postgres(kind: type[Exception]) -> Exception:
    error: Exception = kind.__new__(kind)
    Exception.__init__(error, kind.__name__)
    return error


def _wrapped(orig: Exception) -> Exception:
    return sqlalchemy.exc.OperationalError("SELECT 1", {}, orig)


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.OperationalError("database is locked"),
        sqlite3.OperationalError("database or disk is full"),
        sqlite3.OperationalError("disk I/O error"),
        sqlite3.OperationalError("unable to open database file"),
        _postgres(asyncpg.exceptions.DiskFullError),
        _postgres(asyncpg.exceptions.TooManyConnectionsError),
        _postgres(asyncpg.exceptions.CannotConnectNowError),
        _postgres(asyncpg.exceptions.AdminShutdownError),
        asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed"),
        ConnectionRefusedError(111, "Connection refused"),
        sqlalchemy.exc.TimeoutError("QueuePool limit reached"),
        _wrapped(sqlite3.OperationalError("database is locked")),
        _wrapped(_postgres(asyncpg.exceptions.DiskFullError)),
    ],
    ids=repr,
)
def test_a_database_that_cannot_serve_now_is_unavailable(error: Exception) -> None:
    found = unavailable(error)
    assert found is not None
    assert found.status == 503
    assert found.headers["Retry-After"]


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.OperationalError("no such table: chats"),
        sqlite3.OperationalError('near "SELEC": syntax error'),
        sqlite3.IntegrityError("UNIQUE constraint failed: users.email"),
        _postgres(asyncpg.exceptions.UndefinedTableError),
        _postgres(asyncpg.exceptions.UniqueViolationError),
        asyncpg.exceptions.InterfaceError("cannot perform operation: another is in progress"),
        _wrapped(sqlite3.OperationalError("no such column: x")),
        RuntimeError("something else"),
    ],
    ids=repr,
)
def test_a_wrong_statement_is_not_unavailability(error: Exception) -> None:
    assert unavailable(error) is None


def _app(error: Exception) -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/api/chats/things")
    async def things() -> Any:
        raise error

    return app


async def _get(app: FastAPI) -> httpx.Response:
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.get("/api/chats/things")


async def test_the_portal_answers_503_when_the_disk_is_full() -> None:
    answer = await _get(_app(_wrapped(sqlite3.OperationalError("database or disk is full"))))
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "5"
    assert answer.json()["error"]["type"] == "database_unavailable"


async def test_a_wrong_statement_is_still_a_500() -> None:
    answer = await _get(_app(_wrapped(sqlite3.OperationalError("no such table: things"))))
    assert answer.status_code == 500
    assert answer.json()["error"]["type"] == "internal_error"
