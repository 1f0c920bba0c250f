"""The query console on SQLite: the database, not a parser, decides what a statement may do.

Each statement runs on a connection of its own, opened read-only (``mode=ro``) with
``PRAGMA query_only``, in a worker thread:

* an **authorizer** (``set_authorizer``), called by SQLite for every table, column, function
  and operation while it compiles the statement, allows only what a SELECT needs: reading
  (minus secret columns, ``query_policy.is_secret``, whether named, reached through ``*``, a
  view or a CTE), functions other than ``load_extension`` and file access, recursive CTEs, and
  read-only schema pragmas as table-valued functions inside a SELECT.  Writes, DDL,
  transactions, ``ATTACH``, ``VACUUM INTO``, pragma statements and writing pragmas are denied;
* the ``sqlite3`` module compiles one statement only (a second one is an error);
* a **progress handler** interrupts the statement after ``TIMEOUT_SECONDS``, while compiling,
  running or fetching, and ``SQLITE_LIMIT_LENGTH`` caps any single value at 10 MB.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ollama_gateway.admin.query_policy import TIMEOUT_SECONDS, cell, is_secret
from ollama_gateway.core.errors import AppError, Forbidden, ValidationFailed

_ALWAYS = frozenset({sqlite3.SQLITE_SELECT, sqlite3.SQLITE_RECURSIVE})
#: Functions never allowed (``load_extension`` is also off at the connection; the others exist
#: only in some builds or the sqlite3 shell).
_FUNCTIONS_DENIED = frozenset({"load_extension", "readfile", "writefile", "edit", "fts3_tokenizer"})
#: Schema pragmas that only read, allowed as table-valued functions (``pragma_table_info``).
_PRAGMAS_READ = frozenset(
    {
        "table_info",
        "table_xinfo",
        "table_list",
        "index_list",
        "index_info",
        "index_xinfo",
        "foreign_key_list",
    }
)
_MAX_LENGTH = 10_000_000
#: Tables that can hold copies of any column's values: index samples (``ANALYZE`` with STAT4)
#: and raw pages (builds with the dbpage table).
_RAW_TABLES = ("sqlite_stat", "sqlite_dbpage")


class QueryTimeout(ValidationFailed):
    status = 400


@dataclass
class _Guard:
    """The authorizer's state for one statement: what it refused, whether a SELECT began."""

    selecting: bool = False
    refused: list[str] = field(default_factory=list)

    def __call__(
        self, action: int, arg1: str | None, arg2: str | None, _db: str | None, _src: str | None
    ) -> int:
        refusal = self._refusal(action, arg1, arg2)
        if refusal is None:
            return sqlite3.SQLITE_OK
        self.refused.append(refusal)
        return sqlite3.SQLITE_DENY

    def _refusal(self, action: int, arg1: str | None, arg2: str | None) -> str | None:
        if action in _ALWAYS:
            self.selecting = True
            return None
        if action == sqlite3.SQLITE_READ:
            if (arg1 or "").startswith(_RAW_TABLES):
                return f"the table {arg1} holds sampled or raw values of every column"
            return f"the column {arg1}.{arg2} holds a secret" if is_secret(arg1, arg2) else None
        if action == sqlite3.SQLITE_FUNCTION:
            denied = (arg2 or "").lower() in _FUNCTIONS_DENIED
            return f"the function {arg2}() is not allowed" if denied else None
        if action == sqlite3.SQLITE_PRAGMA and self.selecting and arg1 in _PRAGMAS_READ:
            return None
        return "only one SELECT (or WITH ... SELECT) statement is run, read-only"


@dataclass
class Outcome:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool


def database_path(url_database: str | None) -> Path | None:
    """The file behind a SQLite URL's database part (``None``: in memory)."""
    if not url_database or url_database == ":memory:" or url_database.startswith("file::memory"):
        return None
    return Path(url_database).resolve()


def run(path: Path, sql: str, limit: int, timeout: float = TIMEOUT_SECONDS) -> Outcome:
    """Run ``sql`` on a fresh read-only connection to ``path`` (blocking: call in a thread)."""
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=2.0)
    try:
        connection.execute("PRAGMA query_only = ON")
        connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, _MAX_LENGTH)
        _declare_pragma_tables(connection)
        guard = _Guard()
        connection.set_authorizer(guard)
        deadline = time.monotonic() + timeout
        connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 2000)
        try:
            cursor = connection.execute(sql)
            if cursor.description is None:
                raise ValidationFailed(
                    "not a query: only one SELECT (or WITH ... SELECT) statement is run",
                    status=400,
                )
            columns = [str(item[0]) for item in cursor.description]
            fetched = cursor.fetchmany(limit + 1)
        except (sqlite3.Error, sqlite3.Warning) as exc:
            raise _refusal(exc, guard, timeout if time.monotonic() > deadline else None) from None
        return Outcome(
            columns=columns,
            rows=[[cell(value) for value in row] for row in fetched[:limit]],
            truncated=len(fetched) > limit,
        )
    finally:
        connection.close()


def _declare_pragma_tables(connection: sqlite3.Connection) -> None:
    """Use each allowed pragma table once before the authorizer is installed: SQLite declares an
    eponymous virtual table on first use with internal schema operations the authorizer would
    deny (reported as updates of ``sqlite_master``)."""
    for name in sorted(_PRAGMAS_READ):
        with contextlib.suppress(sqlite3.Error):
            connection.execute(f"SELECT * FROM pragma_{name}('') LIMIT 0").fetchall()  # noqa: S608 (fixed names)


def timed_out(timeout: float) -> QueryTimeout:
    return QueryTimeout(f"the statement ran longer than {timeout:g} s and was stopped")


def _refusal(exc: Exception, guard: _Guard, timeout: float | None) -> AppError:
    message = str(exc)
    if timeout is not None and "interrupt" in message:
        return timed_out(timeout)
    if guard.refused:
        return Forbidden(f"refused: {guard.refused[0]}", details={"database": message})
    if isinstance(exc, sqlite3.ProgrammingError) and "one statement" in message:
        return ValidationFailed("only one statement is run at a time", status=400)
    if "readonly" in message or "read-only" in message or "not authorized" in message:
        return Forbidden(f"refused: {message}")
    return ValidationFailed(f"the database refused the statement: {message}", status=400)
