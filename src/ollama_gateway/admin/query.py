"""``POST /api/admin/query``: the query console (admins), one read-only statement at a time.

The database enforces the rules, not a parser of SQL (``query_sqlite``, ``query_postgres``):
one ``SELECT`` or ``WITH ... SELECT``, no secret column, nothing written, at most
``TIMEOUT_SECONDS`` and ``limit`` rows (``truncated`` says there were more).  A refused
statement is a 403 (privileges) or 400 (anything else the database refuses, the timeout) and
changes nothing.  Every statement, run or refused, is audited (``AuditKind.QUERY``) with its
text, row count or error.
"""

from __future__ import annotations

import asyncio
import time
from typing import Annotated, Any, Protocol

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from ollama_gateway.admin import query_sqlite
from ollama_gateway.admin.query_policy import MAX_ROWS, TIMEOUT_SECONDS
from ollama_gateway.admin.query_postgres import PostgresConsole
from ollama_gateway.admin.query_sqlite import Outcome
from ollama_gateway.auth import audit
from ollama_gateway.auth.deps import client_ip, require
from ollama_gateway.core.db import Database
from ollama_gateway.core.errors import AppError, UpstreamUnavailable
from ollama_gateway.core.permissions import Permission
from ollama_gateway.core.principal import Principal

router = APIRouter()

Admin = Annotated[Principal, require(Permission.ADMIN_SYSTEM)]


class QueryRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sql: str = Field(min_length=1, max_length=100_000, description="one SELECT or WITH ... SELECT")
    limit: int = Field(default=MAX_ROWS, ge=1, le=MAX_ROWS, description="rows to return at most")


class QueryResult(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = Field(description="the statement had more rows than `limit`")
    elapsed_ms: float


class Console(Protocol):
    async def run(self, sql: str, limit: int) -> Outcome: ...


class SqliteConsole:
    def __init__(self, db: Database, *, timeout: float = TIMEOUT_SECONDS) -> None:
        self._path = query_sqlite.database_path(db.engine.url.database)
        self.timeout = timeout

    async def run(self, sql: str, limit: int) -> Outcome:
        if self._path is None:
            raise UpstreamUnavailable("the query console needs a SQLite file, not :memory:")
        return await asyncio.to_thread(query_sqlite.run, self._path, sql, limit, self.timeout)


def get_console_for(app: Any, *, timeout: float = TIMEOUT_SECONDS) -> Console:
    """A console on ``app``'s database."""
    db: Database = app.state.db
    if db.engine.dialect.name == "postgresql":
        return PostgresConsole(db.engine, app.state.settings.secret_key, timeout=timeout)
    return SqliteConsole(db, timeout=timeout)


async def get_console(request: Request) -> Console:
    """The console of this application's database (built on first use, kept on app.state)."""
    state = request.app.state
    console: Console | None = getattr(state, "query_console", None)
    if console is None:
        console = state.query_console = get_console_for(request.app)
    return console


ConsoleDep = Annotated[Console, Depends(get_console)]


async def run_audited(
    *, console: Console, db: Database, admin: Principal, ip: str | None, data: QueryRequest
) -> QueryResult:
    """Run the statement and audit it, whatever the outcome."""
    started = time.perf_counter()
    details: dict[str, Any] = {"sql": data.sql[:4000]}
    try:
        outcome = await console.run(data.sql, data.limit)
        details["rows"] = len(outcome.rows)
        return QueryResult(
            columns=outcome.columns,
            rows=outcome.rows,
            truncated=outcome.truncated,
            elapsed_ms=round((time.perf_counter() - started) * 1000, 2),
        )
    except AppError as exc:
        details["error"] = exc.message[:500]
        raise
    finally:
        details["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 2)
        await audit.write(
            db,
            kind=audit.AuditKind.QUERY,
            actor_user_id=admin.user_id,
            target="query",
            ip=ip,
            details=details,
        )


@router.post(
    "/api/admin/query",
    response_model=QueryResult,
    responses={503: {"description": "the console cannot run on this database"}},
    summary="Run one read-only SELECT (5 s, at most 1,000 rows, no secret columns; audited)",
)
async def run_query(
    request: Request, data: QueryRequest, admin: Admin, console: ConsoleDep
) -> QueryResult:
    return await run_audited(
        console=console, db=request.app.state.db, admin=admin, ip=client_ip(request), data=data
    )
