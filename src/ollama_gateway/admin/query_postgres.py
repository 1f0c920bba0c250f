"""The query console on PostgreSQL: a role of its own, whose privileges are the whole policy.

The role (``og_query_<database>``) logs in by itself; it is not reached with ``SET ROLE`` from
the application's connection, because a statement could switch back
(``set_config('role', ...)`` is checked against the *session* user, the application's owner of
every table) and read anything through ``query_to_xml``.  Logged in as the role, there is no
one to switch to.

:func:`ensure_role` (once per process, at the first statement; idempotent, safe with several
processes) creates it ``NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOBYPASSRLS`` with a
password derived from ``SECRET_KEY`` (every process computes the same one) and re-grants it
``SELECT`` on each column of each table of the ``public`` schema except secret ones
(``query_policy.is_secret``), and on no view: a secret column cannot be read by name, through
``*`` (the whole statement is refused), a view (a view reads with its owner's rights, so the
role may read none, and can create none) or a function.  It is granted no function beyond
PUBLIC's: the file-reading ones (``pg_read_file``, ``pg_ls_dir``, ``lo_import``...) need
superuser or ``pg_read_server_files``.

Each statement (:func:`run`) opens a connection as the role, in a READ ONLY transaction with
``statement_timeout``, as a prepared statement (the extended protocol takes one statement
only), read through a cursor up to the row limit; ``COPY`` cannot be prepared.  The client
also gives up after the timeout and cancels the statement.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from dataclasses import dataclass
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncEngine

from ollama_gateway.admin.query_policy import TIMEOUT_SECONDS, cell, is_secret
from ollama_gateway.admin.query_sqlite import Outcome, timed_out
from ollama_gateway.core.errors import AppError, Forbidden, UpstreamUnavailable, ValidationFailed

logger = logging.getLogger(__name__)

_REFUSED_STATES = {"42501", "25006", "0A000"}  # no privilege, read-only, unsupported (COPY)


@dataclass(frozen=True, slots=True)
class QueryRole:
    name: str
    password: str


def role_for(url: URL, secret_key: str) -> QueryRole:
    name = f"og_query_{url.database or 'postgres'}"[:63]
    digest = hmac.new(secret_key.encode(), f"query-console:{name}".encode(), hashlib.sha256)
    return QueryRole(name=name, password=digest.hexdigest())


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


async def ensure_role(engine: AsyncEngine, role: QueryRole) -> None:
    """Create the role if missing, set its password, and grant exactly the non-secret columns."""
    quoted = _ident(role.name)
    async with engine.begin() as conn:
        exists = await conn.scalar(
            text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": role.name}
        )
        if not exists:
            try:
                async with conn.begin_nested():
                    await conn.execute(text(f"CREATE ROLE {quoted}"))
            except Exception as exc:  # another process created it meanwhile, or no CREATEROLE
                if "already exists" not in str(exc):
                    raise
        # the password is hex: nothing to escape
        await conn.execute(
            text(
                f"ALTER ROLE {quoted} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT "
                f"NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 16 PASSWORD '{role.password}'"
            )
        )
        # the role's own sessions start read-only and time-limited, whoever opens one
        await conn.execute(text(f"ALTER ROLE {quoted} SET default_transaction_read_only = on"))
        await conn.execute(
            text(f"ALTER ROLE {quoted} SET statement_timeout = {int(TIMEOUT_SECONDS * 1000)}")
        )
        database = await conn.scalar(text("SELECT current_database()"))
        await conn.execute(text(f"GRANT CONNECT ON DATABASE {_ident(str(database))} TO {quoted}"))
        await conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {quoted}"))
        columns = await conn.execute(
            text(
                "SELECT c.relname, a.attname FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
                "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') "
                "ORDER BY c.relname, a.attnum"
            )
        )
        tables: dict[str, list[str]] = {}
        for table, column in columns:
            tables.setdefault(str(table), [])
            if not is_secret(str(table), str(column)):
                tables[str(table)].append(_ident(str(column)))
        for table, readable in tables.items():
            await conn.execute(text(f"REVOKE ALL ON TABLE {_ident(table)} FROM {quoted}"))
            if readable:
                await conn.execute(
                    text(f"GRANT SELECT ({', '.join(readable)}) ON {_ident(table)} TO {quoted}")
                )


class PostgresConsole:
    """Runs statements as the query role; sets the role up on first use."""

    def __init__(
        self, engine: AsyncEngine, secret_key: str, *, timeout: float = TIMEOUT_SECONDS
    ) -> None:
        self._engine = engine
        self.timeout = timeout
        self._role = role_for(engine.url, secret_key)
        self._ready = False
        self._lock = asyncio.Lock()

    async def _setup(self) -> None:
        async with self._lock:
            if self._ready:
                return
            try:
                await ensure_role(self._engine, self._role)
            except Exception as exc:
                logger.exception("query console: the role %s cannot be set up", self._role.name)
                raise UpstreamUnavailable(
                    "the query console is unavailable: the database user cannot create or "
                    f"grant the role {self._role.name} (it needs CREATEROLE)"
                ) from exc
            self._ready = True

    def _dsn(self) -> str:
        url = self._engine.url.set(
            drivername="postgresql", username=self._role.name, password=self._role.password
        )
        return url.render_as_string(hide_password=False)

    async def run(self, sql: str, limit: int) -> Outcome:
        await self._setup()
        conn = await asyncpg.connect(
            self._dsn(),
            timeout=TIMEOUT_SECONDS,
            server_settings={
                "application_name": "ollama-gateway query console",
                "default_transaction_read_only": "on",
                "statement_timeout": str(int(self.timeout * 1000)),
            },
        )
        try:
            async with asyncio.timeout(self.timeout + 1.0):
                async with conn.transaction(readonly=True):
                    return await _fetch(conn, sql, limit)
        except TimeoutError:
            raise timed_out(self.timeout) from None
        except asyncpg.PostgresError as exc:
            raise _refusal(exc, self.timeout) from None
        finally:
            conn.terminate()


async def _fetch(conn: Any, sql: str, limit: int) -> Outcome:
    statement = await conn.prepare(sql)
    attributes = statement.get_attributes()
    if not attributes:
        raise ValidationFailed(
            "not a query: only one SELECT (or WITH ... SELECT) statement is run", status=400
        )
    cursor = await statement.cursor()
    fetched = await cursor.fetch(limit + 1)
    return Outcome(
        columns=[attribute.name for attribute in attributes],
        rows=[[cell(value) for value in record.values()] for record in fetched[:limit]],
        truncated=len(fetched) > limit,
    )


def _refusal(exc: Exception, timeout: float) -> AppError:
    state = getattr(exc, "sqlstate", None) or ""
    message = str(exc)
    if state == "57014":
        return timed_out(timeout)
    if state in _REFUSED_STATES:
        return Forbidden(f"refused: {message}", details={"sqlstate": state})
    return ValidationFailed(
        f"the database refused the statement: {message}",
        status=400,
        details={"sqlstate": state},
    )
