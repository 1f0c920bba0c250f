"""The database: declarative ``Base``, the async engine and sessions, and migrations.

The engine is built in the application's lifespan (never at import) and kept on ``app.state.db``.
SQLite runs in WAL mode with foreign keys on, through aiosqlite with one thread hand-off per
statement (``core.sqlite_driver``); PostgreSQL through ``postgresql+asyncpg://``.
Migrations are Alembic's, run in-process on the app's own engine by :meth:`Database.migrate`.
Foreign exceptions are translated here: ``IntegrityError`` becomes :class:`Conflict`.

Text holding a NUL character is refused before it reaches either database (a 422
:class:`ValidationFailed`): PostgreSQL cannot store NUL in text and would answer with a driver
error (a 500), SQLite would store it; refusing it here gives every route, on both backends, the
same clear answer for this hostile input, and writes nothing.
"""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from alembic import command
from alembic.config import Config
from sqlalchemy import DateTime, MetaData, event
from sqlalchemy.engine import Connection, Dialect, make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as DBTimeoutError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator

from ollama_gateway.core import sqlite_driver
from ollama_gateway.core.errors import Conflict, DatabaseUnavailable, ValidationFailed

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """``DateTime(timezone=True)`` that always returns aware UTC values, SQLite included.

    SQLite stores no offset and hands back naive values; this stores UTC and re-attaches it, so
    comparisons with :func:`utcnow` work on both backends.  Migrations use
    ``sa.DateTime(timezone=True)``, the same column type.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


#: ``_NULL.get`` is the SQLite adapter of ``None``: it returns ``None`` (bound as NULL), in C.
#: Python 3.11's sqlite3 binds ``None`` only after trying to adapt it (failed attribute lookups
#: that format an ``AttributeError``: ~1 µs per value, three per usage row); with an adapter
#: registered for ``NoneType`` that is a dict lookup and this call.
_NULL: dict[object, None] = {}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


_CONTAINERS = (str, dict, list, tuple)


def _has_nul(parameters: Any) -> bool:
    """Whether a statement's parameters (a row, a mapping or a list of them) hold a NUL."""
    if isinstance(parameters, str):
        return "\x00" in parameters
    if isinstance(parameters, dict):
        parameters = parameters.values()
    elif not isinstance(parameters, list | tuple):
        return False
    return any(_has_nul(value) for value in parameters if isinstance(value, _CONTAINERS))


#: Execution option of a statement whose text parameters are known to hold no NUL (the usage
#: writer's batch insert, which replaces NUL itself): the check is skipped (~2 µs per row).
TEXT_CHECKED = "og_text_checked"


def _refuse_nul(
    _conn: Any, _cursor: Any, _statement: str, parameters: Any, context: Any, _many: bool
) -> None:
    """``before_cursor_execute``: no NUL characters in text parameters (module docstring)."""
    if context is not None and context.execution_options.get(TEXT_CHECKED):
        return
    if parameters and _has_nul(parameters):
        raise ValidationFailed("text must not contain NUL characters (\\u0000)", status=422)


#: Connection arguments that SQLAlchemy's asyncpg adapter takes for itself.
_SQLALCHEMY_ONLY = ("prepared_statement_cache_size", "prepared_statement_name_func",
                    "async_fallback")  # fmt: skip


#: SQLite's words for a database that cannot serve now (``sqlite3.OperationalError``), as opposed
#: to a statement that is wrong ("no such table", a syntax error): a programming error stays a 500.
_SQLITE_UNAVAILABLE = ("locked", "busy", "disk is full", "disk i/o error", "unable to open",
                       "readonly database")  # fmt: skip
#: PostgreSQL's error classes of the same kind: connection (08), insufficient resources (53:
#: disk full, out of memory, too many connections), operator intervention (57: shutting down).
_POSTGRES_UNAVAILABLE = ("08", "53", "57")


#: The exceptions a database call may raise, through SQLAlchemy or from a driver directly.
DATABASE_ERRORS: tuple[type[Exception], ...] = (
    SQLAlchemyError,
    sqlite3.Error,
    asyncpg.PostgresError,
    asyncpg.InterfaceError,
)


def unavailable(exc: BaseException) -> DatabaseUnavailable | None:
    """:class:`DatabaseUnavailable` when ``exc`` (or what it wraps: SQLAlchemy's ``orig``, a
    cause) says the database cannot serve now: locked or busy, disk full, unreachable,
    shutting down, out of connections.  ``None`` for anything else (a wrong statement)."""
    seen: BaseException | None = exc
    for _ in range(5):
        if seen is None:
            return None
        if isinstance(seen, DBTimeoutError):  # the pool had no connection to give in time
            return DatabaseUnavailable()
        if isinstance(seen, sqlite3.OperationalError):
            text = str(seen).lower()
            return DatabaseUnavailable() if any(w in text for w in _SQLITE_UNAVAILABLE) else None
        if isinstance(seen, asyncpg.PostgresError):
            state = seen.sqlstate or ""
            return DatabaseUnavailable() if state[:2] in _POSTGRES_UNAVAILABLE else None
        if isinstance(seen, asyncpg.exceptions.ConnectionDoesNotExistError | ConnectionError):
            return DatabaseUnavailable()  # the connection is gone, refused or reset
        seen = getattr(seen, "orig", None) or seen.__cause__
    return None


def alembic_config(database_url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return cfg


class Database:
    """Owns the engine and the session factory of one application."""

    def __init__(self, url: str, *, pool_size: int = 10, echo: bool = False) -> None:
        self.url = url
        #: Opens a SQLite connection of this database (file databases only), see
        #: :meth:`sqlite_connection`.
        self._sqlite_creator: Any = None
        kwargs: dict[str, Any] = {"echo": echo}
        if url.startswith("sqlite"):
            args, params = make_url(url).get_dialect()().create_connect_args(make_url(url))
            creator = sqlite_driver.connect(*args, **{**params, "timeout": 30})
            if ":memory:" in url or url.endswith("://"):
                kwargs["poolclass"] = StaticPool
            else:
                db_path = url.split(":///", 1)[-1]
                Path(db_path).parent.mkdir(parents=True, exist_ok=True)
                self._sqlite_creator = creator
            kwargs["async_creator"] = creator
        else:
            kwargs.update(pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        event.listen(self.engine.sync_engine, "before_cursor_execute", _refuse_nul)
        if url.startswith("sqlite"):
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
            sqlite3.register_adapter(type(None), _NULL.get)
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)
        #: The open connections made outside the pool, and who watches their statements.
        self._outside: weakref.WeakSet[Any] = weakref.WeakSet()
        self._watchers: list[Callable[[str], None]] = []

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session that commits on success, rolls back on error, and maps integrity errors."""
        async with self.sessionmaker() as session:
            try:
                yield session
                await session.commit()
            except IntegrityError as exc:
                await session.rollback()
                raise Conflict("conflicts with an existing record") from exc
            except BaseException:
                await session.rollback()
                raise

    async def sqlite_connection(self) -> sqlite_driver.Connection | None:
        """A new connection to this SQLite file outside the engine's pool, set up like the
        pool's (WAL, foreign keys, busy timeout); ``None`` for PostgreSQL or an in-memory
        database (whose only connection is the pool's).  The caller closes it."""
        if self._sqlite_creator is None:
            return None
        connection: sqlite_driver.Connection = await self._sqlite_creator()
        await sqlite_driver.on_thread(connection)(_sqlite_pragmas, connection._conn, None)
        self._outside.add(connection)
        if self._watchers:
            connection._conn.set_trace_callback(self._seen)
        return connection

    async def postgres_connection(self, *, server_settings: dict[str, str] | None = None) -> Any:
        """A new asyncpg connection to this PostgreSQL database outside the engine's pool,
        with the engine's connection arguments (and ``server_settings``, PostgreSQL settings
        of the session); ``None`` for SQLite.  The caller closes it."""
        url = make_url(self.url)
        if url.get_backend_name() != "postgresql":
            return None
        args, params = self.engine.dialect.create_connect_args(url)
        for name in _SQLALCHEMY_ONLY:  # arguments of SQLAlchemy's adapter, not of asyncpg
            params.pop(name, None)
        if server_settings:
            params["server_settings"] = {**params.get("server_settings", {}), **server_settings}
        connection = await asyncpg.connect(*args, **params)
        self._outside.add(connection)
        if self._watchers:
            connection.add_query_logger(self._logged)
        return connection

    @contextmanager
    def watch_outside_pool(self, callback: Callable[[str], None]) -> Iterator[None]:
        """Call ``callback`` with every statement the database runs on a connection made by
        :meth:`sqlite_connection` or :meth:`postgres_connection`, open or opened meanwhile
        (as the drivers report them: SQLite's trace, asyncpg's query log).  SQLAlchemy's
        ``before_cursor_execute`` event reports those of the engine's pool."""
        self._watchers.append(callback)
        if len(self._watchers) == 1:
            self._trace(on=True)
        try:
            yield
        finally:
            self._watchers.remove(callback)
            if not self._watchers:
                self._trace(on=False)

    def _trace(self, *, on: bool) -> None:
        for connection in list(self._outside):
            if isinstance(connection, sqlite_driver.Connection):
                with suppress(ValueError):  # closed (aiosqlite: "no active connection")
                    connection._conn.set_trace_callback(self._seen if on else None)
            elif on:
                connection.add_query_logger(self._logged)
            else:
                connection.remove_query_logger(self._logged)

    def _seen(self, statement: str) -> None:
        for watcher in list(self._watchers):
            watcher(statement)

    def _logged(self, record: Any) -> None:
        self._seen(record.query)

    async def migrate(self, revision: str = "head") -> None:
        """Apply Alembic migrations up to ``revision`` on this engine."""

        def _upgrade(connection: Connection) -> None:
            cfg = alembic_config(self.url)
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)

        async with self.engine.begin() as conn:
            await conn.run_sync(_upgrade)

    async def ping(self) -> bool:
        from sqlalchemy import text

        try:
            async with self.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception:
            return False
        return True

    async def dispose(self) -> None:
        await self.engine.dispose()
