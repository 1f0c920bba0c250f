"""SQLite for the async engine with one thread hand-off per statement.

aiosqlite runs every ``sqlite3`` call on its connection's own thread, and SQLAlchemy's adapter
makes up to four such calls per statement: create the cursor, execute, fetch the rows, close
the cursor.  Each is a queue hand-off to the thread and a wake-up of the event loop back, with
a GIL exchange each way; on a two-core machine those context switches were about a quarter of a
chat turn's CPU (``perf``: the kernel's task switching).  :func:`connect` returns aiosqlite's
connection whose cursors do the four in one hand-off: the statement runs, its rows are fetched
and the ``sqlite3`` cursor is closed on the thread, and the fetches read the rows already there.
A commit or rollback with no transaction open (the pool's rollback of every connection it
takes back, a session's commit after nothing) needs no hand-off at all.

A statement's rows are therefore read whole when it runs, as SQLAlchemy's adapter does anyway
for its default (buffered) cursors; nothing in this application streams a SQLite result.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from functools import partial
from typing import Any

import aiosqlite

#: What one hand-off brings back: description, rowcount, lastrowid and the rows.
_Outcome = tuple[Any, int, int | None, list[Any]]


def _run(connection: sqlite3.Connection, sql: str, parameters: Any, many: bool) -> _Outcome:
    """On the connection's thread: the statement, its rows, and the cursor closed."""
    cursor = connection.cursor()
    try:
        if many:
            cursor.executemany(sql, parameters)
        else:
            cursor.execute(sql, parameters)
        description = cursor.description
        rows = cursor.fetchall() if description else []
        return description, cursor.rowcount, cursor.lastrowid, rows
    finally:
        cursor.close()


def on_thread(connection: aiosqlite.Connection) -> Callable[..., Awaitable[Any]]:
    """aiosqlite's own hand-off of a call to the connection's thread (untyped upstream)."""
    hand_off: Callable[..., Awaitable[Any]] = connection._execute
    return hand_off


class Cursor(aiosqlite.Cursor):
    """An aiosqlite cursor whose statement, fetch and close are one hand-off (module doc)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self.iter_chunk_size = conn._iter_chunk_size
        self._rows: deque[Any] = deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None
        self._arraysize = 1

    async def _hand_off(self, sql: str, parameters: Any, many: bool) -> Cursor:
        outcome = await on_thread(self._conn)(_run, self._conn._conn, sql, parameters, many)
        self._description, self._rowcount, self._lastrowid, rows = outcome
        self._rows = deque(rows)
        return self

    async def execute(self, sql: str, parameters: Iterable[Any] | None = None) -> Cursor:
        return await self._hand_off(sql, () if parameters is None else parameters, False)

    async def executemany(self, sql: str, parameters: Iterable[Iterable[Any]]) -> Cursor:
        return await self._hand_off(sql, parameters, True)

    async def executescript(self, sql_script: str) -> Cursor:
        connection = self._conn._conn
        await on_thread(self._conn)(connection.executescript, sql_script)
        self._description, self._rows = None, deque()
        return self

    async def fetchone(self) -> Any:
        return self._rows.popleft() if self._rows else None

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        count = self._arraysize if size is None else size
        return [self._rows.popleft() for _ in range(min(count, len(self._rows)))]

    async def fetchall(self) -> list[Any]:
        rows = list(self._rows)
        self._rows.clear()
        return rows

    async def close(self) -> None:
        self._rows.clear()

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._lastrowid

    @property
    def arraysize(self) -> int:
        return self._arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._arraysize = value

    @property
    def description(self) -> Any:
        return self._description


class _Opened:
    """``connection.cursor()``: awaitable and an async context manager, with no hand-off."""

    def __init__(self, cursor: Cursor) -> None:
        self._cursor = cursor

    def __await__(self) -> Any:
        yield from ()
        return self._cursor

    async def __aenter__(self) -> Cursor:
        return self._cursor

    async def __aexit__(self, *_exc: object) -> None:
        await self._cursor.close()


class Connection(aiosqlite.Connection):
    """aiosqlite's connection whose cursors are :class:`Cursor` (module docstring), and whose
    ``commit`` and ``rollback`` outside a transaction return at once: ``sqlite3`` does nothing
    then either, and the pool rolls back every connection it takes back.  Reading the
    transaction state from the event loop's thread is safe: only the connection's thread
    changes it, and only while a call is in flight, which SQLAlchemy always awaits first."""

    def cursor(self) -> Any:  # aiosqlite's is a coroutine that hands off to create it
        return _Opened(Cursor(self))

    async def commit(self) -> None:
        if self._conn.in_transaction:
            await super().commit()

    async def rollback(self) -> None:
        if self._conn.in_transaction:
            await super().rollback()


def connect(database: str, **kwargs: Any) -> Callable[[], Any]:
    """An ``async_creator`` for ``create_async_engine``: ``sqlite3.connect(database, **kwargs)``
    on a :class:`Connection`'s thread."""

    # the transaction state is read from the event loop's thread (``Connection``)
    kwargs = {**kwargs, "check_same_thread": False}

    async def creator() -> Connection:
        connection = Connection(partial(sqlite3.connect, database, **kwargs), 64)
        connection._thread.daemon = True  # as SQLAlchemy's dialect does for aiosqlite's own
        await connection
        return connection

    return creator
