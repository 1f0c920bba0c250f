"""Running a turn's steps (``chats.steps``) on the database's own driver, outside SQLAlchemy.

Measured (``bench/turn_floor.py``, bench/README.md "Chats"): SQLAlchemy's async execution and
its pool's checkout cost several times a turn's statements themselves.  Here:

* :class:`SqliteRunner`: a step is one call on the thread of a SQLite connection of its own
  (one thread hand-off per step instead of one per statement), in one transaction.
* :class:`PostgresRunner`: a step runs on an asyncpg connection of its own (a few kept open),
  in one transaction unless it is one statement.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.dialects.sqlite import aiosqlite

from ollama_gateway.chats.steps import Script
from ollama_gateway.core import sqlite_driver
from ollama_gateway.core.db import Database, UTCDateTime

_SQLITE = aiosqlite.dialect()


class Runner(Protocol):
    async def run(
        self, make: Callable[[], Script], *, write: bool = True, atomic: bool = True
    ) -> Any:
        """Run the script ``make`` returns (``write``: it will write; ``atomic``: in one
        transaction, which a script of one statement does not need); ``make`` may be called
        again to run it anew."""
        ...

    async def close(self) -> None: ...


#: A timestamp as the application's ``UTCDateTime`` column stores it on SQLite (naive UTC text),
#: so that the ORM reads and compares what the store writes.
_SQLITE_TIMESTAMP: Callable[[datetime], str] = (
    UTCDateTime().dialect_impl(_SQLITE).bind_processor(_SQLITE)  # type: ignore[assignment]
)


def _sqlite_params(params: Sequence[Any]) -> Sequence[Any]:
    if any(isinstance(value, datetime) for value in params):
        return [_SQLITE_TIMESTAMP(v) if isinstance(v, datetime) else v for v in params]
    return params


def _sqlite_step(connection: sqlite3.Connection, script: Script, write: bool) -> Any:
    """On the connection's thread: the whole script in one transaction (a writing one takes
    the write lock at once, so that it cannot fail to upgrade a read lock halfway)."""
    connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
    try:
        result: Any = None
        while True:
            try:
                sql = script.send(result)
            except StopIteration as stop:
                connection.commit()
                return stop.value
            if sql.mode == "many":
                connection.executemany(sql.text, sql.params)
                result = None
                continue
            cursor = connection.execute(sql.text, _sqlite_params(sql.params))
            if sql.mode == "count":
                result = cursor.rowcount
            else:
                rows = cursor.fetchall()
                result = rows if sql.mode == "rows" else (rows[0][0] if rows else None)
            cursor.close()
    except BaseException:
        connection.rollback()
        raise


async def _on_thread(connection: Any, script: Script, write: bool) -> Any:
    """``script`` run by :func:`_sqlite_step` on the aiosqlite ``connection``'s thread."""
    return await sqlite_driver.on_thread(connection)(_sqlite_step, connection._conn, script, write)


class SqliteRunner:
    """Runs a step as one call on the thread of a SQLite connection of its own.

    Its own connection, not one from the engine's pool: checking a connection out of the pool
    and back in (with SQLAlchemy's connection objects and the reset) cost more than a turn's
    whole step.  SQLite takes one writer at a time anyway.  An in-memory database has only
    the pool's one connection, and uses it.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._connection: sqlite_driver.Connection | None = None
        self._opening = asyncio.Lock()
        self._closed = False

    async def _connect(self) -> sqlite_driver.Connection | None:
        async with self._opening:
            if self._connection is None and not self._closed:
                self._connection = await self._db.sqlite_connection()
            return self._connection

    async def run(
        self, make: Callable[[], Script], *, write: bool = True, atomic: bool = True
    ) -> Any:
        connection = self._connection or await self._connect()
        if connection is not None:
            return await _on_thread(connection, make(), write)
        async with self._db.engine.connect() as conn:  # an in-memory database
            raw = await conn.get_raw_connection()
            return await _on_thread(raw.driver_connection, make(), write)

    async def close(self) -> None:
        async with self._opening:
            self._closed = True
            connection, self._connection = self._connection, None
        if connection is not None:
            await connection.close()


def _numbered(text: str) -> str:
    """``?`` placeholders as asyncpg's ``$1``, ``$2``..."""
    parts = text.split("?")
    return "".join(f"{part}${n}" for n, part in enumerate(parts[:-1], start=1)) + parts[-1]


#: How the turn store's PostgreSQL sessions name themselves (``pg_stat_activity``).
APP_NAME = "ollama-gateway-turns"


class PostgresRunner:
    """Runs a step on an asyncpg connection of its own (up to ``keep`` kept open between steps,
    at most ``limit`` at once: more steps wait), in one transaction when it is ``atomic``; a
    step of one statement needs none.

    Its own connections, not the engine's pool's: checking out and in costs more than a step,
    and every round trip counts (a step's latency holds its turn).  A kept connection the
    server has closed meanwhile (a restart, an idle timeout) is found when a step fails on it:
    the kept ones are dropped and the step runs again on a new connection, once.
    """

    def __init__(self, db: Database, *, keep: int, limit: int) -> None:
        self._db = db
        self._keep = keep
        self._slots = asyncio.Semaphore(limit)
        self._idle: list[Any] = []
        self._texts: dict[str, str] = {}
        self._closed = False

    def _text(self, text: str) -> str:
        found = self._texts.get(text)
        if found is None:
            found = self._texts[text] = _numbered(text)
        return found

    async def run(
        self, make: Callable[[], Script], *, write: bool = True, atomic: bool = True
    ) -> Any:
        async with self._slots:
            kept = bool(self._idle)
            pg = self._idle.pop() if kept else await self._connect()
            try:
                return await self._attempt(pg, make(), write=write, atomic=atomic)
            except Exception:
                if not kept or not pg.is_closed():
                    raise
            idle, self._idle = self._idle, []  # closed with it, most likely
            for stale in idle:
                stale.terminate()
            pg = await self._connect()
            return await self._attempt(pg, make(), write=write, atomic=atomic)

    async def _attempt(self, pg: Any, script: Script, *, write: bool, atomic: bool) -> Any:
        try:
            if not atomic:
                result = await self._steps(pg, script)
            else:
                async with pg.transaction(readonly=not write):
                    result = await self._steps(pg, script)
        except BaseException:
            await self._release(pg, broken=True)
            raise
        await self._release(pg, broken=False)
        return result

    async def _connect(self) -> Any:
        # a plan for each execution: asyncpg prepares each statement once per connection, and
        # PostgreSQL would keep a generic plan made while the tables were small (a young
        # database: sequential scans of chat_messages in the history walk until the next
        # ANALYZE; bench/chat_stream.py on a new database: 31,550 of them in 10 s, 1,946 so)
        return await self._db.postgres_connection(
            server_settings={"plan_cache_mode": "force_custom_plan", "application_name": APP_NAME}
        )

    async def _release(self, pg: Any, *, broken: bool) -> None:
        if broken and not pg.is_closed() and pg.is_in_transaction():
            pg.terminate()  # cancelled in the middle of a statement: not reusable
        if pg.is_closed():
            return
        if self._closed or len(self._idle) >= self._keep:
            await pg.close()
            return
        self._idle.append(pg)

    async def _steps(self, pg: Any, script: Script) -> Any:
        result: Any = None
        while True:
            try:
                sql = script.send(result)
            except StopIteration as stop:
                return stop.value
            text = self._text(sql.text)
            if sql.mode == "rows":
                result = [tuple(row) for row in await pg.fetch(text, *sql.params)]
            elif sql.mode == "value":
                result = await pg.fetchval(text, *sql.params)
            elif sql.mode == "many":
                await pg.executemany(text, sql.params)
                result = None
            else:
                status = await pg.execute(text, *sql.params)
                result = int(status.rsplit(" ", 1)[-1])

    async def close(self) -> None:
        self._closed = True
        idle, self._idle = self._idle, []
        for pg in idle:
            await pg.close()
