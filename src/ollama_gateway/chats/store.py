"""A turn's database work: its read, its writes before the stream, checkpoints, and its end.

* :meth:`TurnStore.load`: the owned chat, the owner's settings and the context's messages (the
  last ``limit`` of the branch ending at ``leaf``).
* :meth:`TurnStore.begin`, one transaction: the question (and its images) unless regenerating,
  the answer with status ``streaming``, the chat claimed with a conditional update
  (``running_id IS NULL``, so two turns in one chat cannot both start, on any process), and the
  images the context needs.
* :meth:`TurnStore.checkpoint`: the partial text (at most every ``CHAT_CHECKPOINT_SECONDS``).
* :meth:`TurnStore.finish`, one transaction: the answer, its status and figures, the chat released.

The number of statements does not depend on the chat's length.  The statements are plain SQL run
on the driver's own connection (taken from the engine's pool), not through SQLAlchemy's
execution layer: measured (``bench/turn_floor.py``), the same work costs about a tenth of the CPU
this way, because on SQLite each step is one call on the connection's thread that runs all its
statements (one thread hand-off instead of one per statement), and on both backends nothing is
compiled, wrapped or processed per statement.  Each step is written once, as a generator of
statements (:data:`Script`) that a backend runs: :class:`SqliteRunner` on aiosqlite's thread,
:class:`PostgresRunner` on asyncpg.  The columns are those of ``chats.models`` and migration 0005;
timestamps are stored as SQLAlchemy's ``UTCDateTime`` stores them.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, NamedTuple, Protocol

import asyncpg  # type: ignore[import-untyped]
import orjson
from sqlalchemy import update

from ollama_gateway.chats.images import Image
from ollama_gateway.chats.models import Chat
from ollama_gateway.core import sqlite_driver
from ollama_gateway.core.db import Database, utcnow
from ollama_gateway.core.errors import Conflict, NotFound

#: What a statement yields back to its script: all rows (``rows``), the first column of the
#: first row (``value``), the rows changed (``count``) or nothing (``many``).
Mode = Literal["rows", "value", "count", "many"]


class Sql(NamedTuple):
    mode: Mode
    text: str
    params: Sequence[Any] = ()


#: A step's statements: each ``yield`` runs one and receives its result; the return value is
#: the step's.  A step runs in one transaction.
Script = Generator[Sql, Any, Any]


class Context(NamedTuple):
    """A message of a turn's context: what is sent upstream (its images fetched apart)."""

    id: int
    role: str
    content: str
    image_count: int


@dataclass(frozen=True, slots=True)
class ChatRow:
    """What a turn needs of its chat."""

    id: int
    user_id: int
    model: str | None
    system: str | None
    options: dict[str, Any] | None
    titled: bool
    current_leaf_id: int | None
    running_id: int | None


@dataclass(frozen=True, slots=True)
class Loaded:
    chat: ChatRow
    default_model: str | None
    system_prompt: str | None
    history: list[Context]


@dataclass(frozen=True, slots=True)
class Question:
    """The question a turn answers, as stored."""

    id: int
    parent_id: int | None
    content: str
    image_count: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Begun:
    question: Question
    assistant_id: int
    #: The answers of the question, this one included, in order.
    siblings: list[int]
    #: Base64 images of the context's messages that have some (``context_images``).
    pictures: dict[int, list[str]]
    #: When the answer was stored.
    created_at: datetime


#: Stands in for "the chat's current leaf" in :meth:`TurnStore.load`.
CURRENT: Literal["current"] = "current"

_CHAT = (
    "SELECT c.model, c.system, c.options, c.titled, c.current_leaf_id, c.running_id,"
    " s.default_model, s.system_prompt"
    " FROM chats c LEFT JOIN user_settings s ON s.user_id = c.user_id"
    " WHERE c.id = ? AND c.user_id = ?"
)
_HISTORY = (
    "WITH RECURSIVE branch(id, parent_id, depth) AS ("
    " SELECT id, parent_id, 0 FROM chat_messages WHERE id = ? AND chat_id = ?"
    " UNION ALL"
    " SELECT p.id, p.parent_id, b.depth + 1 FROM chat_messages p"
    " JOIN branch b ON p.id = b.parent_id WHERE b.depth < ?)"
    " SELECT m.id, m.role, m.content, m.image_count"
    " FROM chat_messages m JOIN branch b ON m.id = b.id ORDER BY b.depth DESC"
)
_INSERT_MESSAGE = (
    "INSERT INTO chat_messages (chat_id, user_id, parent_id, role, content, model, status,"
    " error, image_count, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?) RETURNING id"
)
_INSERT_IMAGE = (
    "INSERT INTO chat_attachments (message_id, media_type, size, data) VALUES (?, ?, ?, ?)"
)
_SOURCE_IMAGES = "SELECT image_count FROM chat_messages WHERE id = ? AND chat_id = ?"
_SET_IMAGE_COUNT = "UPDATE chat_messages SET image_count = ? WHERE id = ?"
_COPY_IMAGES = (
    "INSERT INTO chat_attachments (message_id, media_type, size, data)"
    " SELECT ?, media_type, size, data FROM chat_attachments WHERE message_id = ? ORDER BY id"
)
_QUESTION = (
    "SELECT id, parent_id, content, image_count, created_at FROM chat_messages"
    " WHERE id = ? AND chat_id = ?"
)
_CLAIM = (
    "UPDATE chats SET running_id = ?, current_leaf_id = ?, updated_at = ?"
    " WHERE id = ? AND running_id IS NULL"
)
_CLAIM_TITLED = (
    "UPDATE chats SET running_id = ?, current_leaf_id = ?, updated_at = ?, title = ?"
    " WHERE id = ? AND running_id IS NULL"
)
_SIBLINGS = "SELECT id FROM chat_messages WHERE parent_id = ? ORDER BY id"
_IMAGES = "SELECT message_id, data FROM chat_attachments WHERE message_id IN ({}) ORDER BY id"
_CHECKPOINT = (
    "UPDATE chat_messages SET content = ?, updated_at = ? WHERE id = ? AND status = 'streaming'"
)
_FINISH = (
    "UPDATE chat_messages SET content = ?, status = ?, error = ?, updated_at = ?,"
    " total_duration_ms = ?, prompt_tokens = ?, completion_tokens = ?, tokens_per_second = ?,"
    " ttft_ms = ? WHERE id = ?"
)
_RELEASE = "UPDATE chats SET running_id = NULL, updated_at = ? WHERE id = ? AND running_id = ?"
#: The answer's figures, in ``_FINISH``'s order.
FIGURES = ("total_duration_ms", "prompt_tokens", "completion_tokens", "tokens_per_second",
           "ttft_ms")  # fmt: skip

#: Stands in for "no limit" in the recursive walk.
_UNBOUNDED = 1_000_000


def _load(chat_id: int, user_id: int, leaf: int | Literal["current"] | None, limit: int) -> Script:
    found = yield Sql("rows", _CHAT, (chat_id, user_id))
    if not found:
        return None
    model, system, options, titled, current_leaf, running, default_model, prompt = found[0]
    chat = ChatRow(
        id=chat_id,
        user_id=user_id,
        model=model,
        system=system,
        options=orjson.loads(options) if isinstance(options, str | bytes) else options,
        titled=bool(titled),
        current_leaf_id=current_leaf,
        running_id=running,
    )
    start = current_leaf if leaf == CURRENT else leaf
    history: list[Context] = []
    if start is not None and limit > 0:
        rows = yield Sql("rows", _HISTORY, (start, chat_id, limit - 1))
        history = [Context(*row) for row in rows]
    return Loaded(chat, default_model, prompt, history)


def _question(
    chat: ChatRow,
    *,
    parent_id: int | None,
    content: str | None,
    images: Sequence[Image],
    copy_images_from: int | None,
    now: datetime,
) -> Script:
    """The new question stored with its images (or an edit's copied), or the stored one."""
    if content is None:  # regenerating: ``parent_id`` is the stored question
        rows = yield Sql("rows", _QUESTION, (parent_id, chat.id))
        if not rows:
            raise Conflict("the question was deleted")
        qid, qparent, qcontent, qimages, qcreated = rows[0]
        return Question(qid, qparent, qcontent, qimages, _timestamp(qcreated))
    count = len(images)
    if copy_images_from is not None and not images:
        count = (yield Sql("value", _SOURCE_IMAGES, (copy_images_from, chat.id))) or 0
    question_id = yield Sql(
        "value",
        _INSERT_MESSAGE,
        (chat.id, chat.user_id, parent_id, "user", content, None, "complete", count, now, now),
    )
    if images:
        rows = [(question_id, i.media_type, len(i.data), i.data) for i in images]
        yield Sql("many", _INSERT_IMAGE, rows)
    elif count:
        yield Sql("count", _COPY_IMAGES, (question_id, copy_images_from))
    return Question(question_id, parent_id, content, count, now)


def _begin(
    chat: ChatRow,
    *,
    parent_id: int | None,
    content: str | None,
    images: Sequence[Image],
    copy_images_from: int | None,
    model: str,
    title: str | None,
    context_images: list[int],
) -> Script:
    now = utcnow()
    question: Question = yield from _question(
        chat,
        parent_id=parent_id,
        content=content,
        images=images,
        copy_images_from=copy_images_from,
        now=now,
    )
    answer_id = yield Sql(
        "value",
        _INSERT_MESSAGE,
        (chat.id, chat.user_id, question.id, "assistant", "", model, "streaming", 0, now, now),
    )
    if title is not None:
        claimed = yield Sql("count", _CLAIM_TITLED, (answer_id, answer_id, now, title, chat.id))
    else:
        claimed = yield Sql("count", _CLAIM, (answer_id, answer_id, now, chat.id))
    if not claimed:
        raise Conflict("a turn is already running in this chat")
    siblings = [answer_id]
    if content is None:
        siblings = [row[0] for row in (yield Sql("rows", _SIBLINGS, (question.id,)))]
    wanted = list(context_images)
    if question.image_count and not images:
        wanted.append(question.id)
    pictures: dict[int, list[str]] = {}
    if wanted:
        marks = ", ".join("?" * len(wanted))
        for message_id, data in (yield Sql("rows", _IMAGES.format(marks), wanted)):
            pictures.setdefault(message_id, []).append(Image("", bytes(data)).base64)
    return Begun(question, answer_id, siblings, pictures, now)


def _checkpoint(message_id: int, content: str) -> Script:
    yield Sql("count", _CHECKPOINT, (_storable(content), utcnow(), message_id))


def _finish(
    *,
    chat_id: int,
    message_id: int,
    content: str,
    status: str,
    error: str | None,
    figures: dict[str, Any],
) -> Script:
    now = utcnow()
    error = _storable(error) if error is not None else None
    values = [figures.get(name) for name in FIGURES]
    yield Sql("count", _FINISH, (_storable(content), status, error, now, *values, message_id))
    yield Sql("count", _RELEASE, (now, chat_id, message_id))


def _storable(text: str) -> str:
    """A model's text as it can be stored: PostgreSQL's text cannot hold NUL (U+0000)."""
    return text.replace("\x00", "\ufffd") if "\x00" in text else text


def _timestamp(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Runner(Protocol):
    async def run(self, script: Script, *, write: bool = True) -> Any:
        """Run ``script`` in one transaction (``write``: one that will write)."""
        ...

    async def close(self) -> None: ...


def _sqlite_value(value: Any) -> Any:
    """A parameter as SQLAlchemy's SQLite ``DateTime`` stores it (naive UTC text)."""
    if isinstance(value, datetime):
        value = value.astimezone(UTC)
        return (
            f"{value.year:04d}-{value.month:02d}-{value.day:02d} {value.hour:02d}:"
            f"{value.minute:02d}:{value.second:02d}.{value.microsecond:06d}"
        )
    return value


def _sqlite_params(params: Sequence[Any]) -> Sequence[Any]:
    if any(isinstance(value, datetime) for value in params):
        return [_sqlite_value(value) for value in params]
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

    async def run(self, script: Script, *, write: bool = True) -> Any:
        connection = self._connection or await self._connect()
        if connection is not None:
            on_thread = sqlite_driver.on_thread(connection)
            return await on_thread(_sqlite_step, connection._conn, script, write)
        async with self._db.engine.connect() as conn:  # an in-memory database
            raw = await conn.get_raw_connection()
            pooled: Any = raw.driver_connection
            return await sqlite_driver.on_thread(pooled)(_sqlite_step, pooled._conn, script, write)

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


class PostgresRunner:
    """Runs a step on the pooled asyncpg connection, in one transaction."""

    def __init__(self, db: Database) -> None:
        self._engine = db.engine
        self._texts: dict[str, str] = {}

    def _text(self, text: str) -> str:
        found = self._texts.get(text)
        if found is None:
            found = self._texts[text] = _numbered(text)
        return found

    async def run(self, script: Script, *, write: bool = True) -> Any:
        async with self._engine.connect() as conn:
            raw = await conn.get_raw_connection()
            pg: Any = raw.driver_connection
            async with pg.transaction(readonly=not write):
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
        return None  # its connections are the engine's


class TurnStore:
    """A turn's database steps (module docstring), on the application's database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        postgres = db.engine.dialect.name == "postgresql"
        self._runner: Runner = PostgresRunner(db) if postgres else SqliteRunner(db)

    async def load(
        self, *, chat_id: int, user_id: int, leaf: int | Literal["current"] | None, limit: int
    ) -> Loaded | None:
        """The chat if ``user_id`` owns it, with the owner's settings and the context."""
        loaded: Loaded | None = await self._runner.run(
            _load(chat_id, user_id, leaf, limit), write=False
        )
        return loaded

    async def begin(
        self,
        chat: ChatRow,
        *,
        parent_id: int | None,
        content: str | None,
        images: Sequence[Image] = (),
        copy_images_from: int | None = None,
        model: str,
        title: str | None = None,
        context_images: list[int] | None = None,
    ) -> Begun:
        """Store the question (``content``; None: regenerate the stored question ``parent_id``)
        and the pending answer, and claim the chat (:class:`Conflict` if a turn runs in it;
        :class:`NotFound` if it was deleted since it was loaded)."""
        try:
            begun: Begun = await self._runner.run(
                _begin(
                    chat,
                    parent_id=parent_id,
                    content=content,
                    images=images,
                    copy_images_from=copy_images_from,
                    model=model,
                    title=title,
                    context_images=context_images or [],
                )
            )
        except (sqlite3.IntegrityError, asyncpg.IntegrityConstraintViolationError):
            raise NotFound("chat") from None
        return begun

    async def close(self) -> None:
        await self._runner.close()

    async def checkpoint(self, *, message_id: int, content: str) -> None:
        await self._runner.run(_checkpoint(message_id, content))

    async def finish(
        self,
        *,
        chat_id: int,
        message_id: int,
        content: str,
        status: str,
        error: str | None,
        figures: dict[str, Any],
    ) -> None:
        """The answer's final state, and the chat released (nothing if the chat was deleted)."""
        await self._runner.run(
            _finish(
                chat_id=chat_id,
                message_id=message_id,
                content=content,
                status=status,
                error=error,
                figures=figures,
            )
        )


async def retitle(db: Database, *, chat_id: int, title: str) -> None:
    """The title model's proposal, unless the user titled the chat meanwhile."""
    async with db.session() as session:
        await session.execute(
            update(Chat).where(Chat.id == chat_id, Chat.titled.is_(False)).values(title=title)
        )
