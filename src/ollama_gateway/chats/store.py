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
from sqlalchemy.pool import QueuePool

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
    chat, default_model, prompt = _chat_row(chat_id, user_id, found[0])
    start = chat.current_leaf_id if leaf == CURRENT else leaf
    history: list[Context] = []
    if start is not None and limit > 0:
        rows = yield Sql("rows", _HISTORY, (start, chat_id, limit - 1))
        history = [Context(*row) for row in rows]
    return Loaded(chat, default_model, prompt, history)


def _pg_load(
    chat_id: int, user_id: int, leaf: int | Literal["current"] | None, limit: int
) -> Script:
    """:func:`_load` in one statement, the context as a JSON array (PostgreSQL)."""
    current = leaf == CURRENT
    params = (chat_id, user_id, None if current else leaf, current, limit)
    found = yield Sql("rows", _PG_LOAD, params)
    if not found:
        return None
    chat, default_model, prompt = _chat_row(chat_id, user_id, found[0][:8])
    history = [Context(*item) for item in orjson.loads(found[0][8] or "[]")]
    return Loaded(chat, default_model, prompt, history)


def _chat_row(chat_id: int, user_id: int, row: Sequence[Any]) -> tuple[ChatRow, Any, Any]:
    """:data:`_CHAT`'s row: the chat, the owner's default model and system prompt."""
    model, system, options, titled, current_leaf, running, default_model, prompt = row
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
    return chat, default_model, prompt


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


# PostgreSQL's data-modifying CTEs make the common steps one statement each, so one round trip
# with no transaction around it: a new question without images, with its answer and the claim
# (nothing is inserted unless the claim succeeds); the answer's end with the chat's release.
_PG_LOAD = (
    "WITH RECURSIVE c AS (SELECT c.model, c.system, c.options, c.titled, c.current_leaf_id,"
    " c.running_id, s.default_model, s.system_prompt"
    " FROM chats c LEFT JOIN user_settings s ON s.user_id = c.user_id"
    " WHERE c.id = $1::int AND c.user_id = $2::int),"
    " branch(id, parent_id, depth) AS ("
    " SELECT id, parent_id, 0 FROM chat_messages WHERE chat_id = $1::int AND $5::int > 0"
    " AND id = CASE WHEN $4::bool THEN (SELECT current_leaf_id FROM c) ELSE $3::int END"
    " UNION ALL"
    " SELECT p.id, p.parent_id, b.depth + 1 FROM chat_messages p"
    " JOIN branch b ON p.id = b.parent_id WHERE b.depth < $5::int - 1)"
    " SELECT c.*, (SELECT json_agg(json_build_array(m.id, m.role, m.content, m.image_count)"
    " ORDER BY b.depth DESC) FROM chat_messages m JOIN branch b ON m.id = b.id) FROM c"
)
_PG_BEGIN = (
    "WITH ids AS (SELECT nextval(pg_get_serial_sequence('chat_messages', 'id')) AS q,"
    " nextval(pg_get_serial_sequence('chat_messages', 'id')) AS a),"
    " claimed AS (UPDATE chats SET running_id = ids.a, current_leaf_id = ids.a,"
    " updated_at = $1::timestamptz, title = COALESCE($7::text, chats.title) FROM ids"
    " WHERE chats.id = $2::int AND chats.running_id IS NULL RETURNING ids.q, ids.a),"
    " question AS (INSERT INTO chat_messages (id, chat_id, user_id, parent_id, role, content,"
    " model, status, error, image_count, created_at, updated_at) SELECT q, $2::int, $3::int,"
    " $4::int, 'user', $5::text, NULL, 'complete', NULL, 0, $1::timestamptz, $1::timestamptz"
    " FROM claimed),"
    " answer AS (INSERT INTO chat_messages (id, chat_id, user_id, parent_id, role, content,"
    " model, status, error, image_count, created_at, updated_at) SELECT a, $2::int, $3::int, q,"
    " 'assistant', '', $6::text, 'streaming', NULL, 0, $1::timestamptz, $1::timestamptz"
    " FROM claimed)"
    " SELECT (SELECT q FROM claimed), (SELECT a FROM claimed),"
    " EXISTS (SELECT 1 FROM chats WHERE id = $2::int)"
)
_PG_FINISH = (
    "WITH answer AS (UPDATE chat_messages SET content = $1::text, status = $2::text,"
    " error = $3::text, updated_at = $4::timestamptz, total_duration_ms = $5::float8,"
    " prompt_tokens = $6::int, completion_tokens = $7::int, tokens_per_second = $8::float8,"
    " ttft_ms = $9::float8 WHERE id = $10::int RETURNING id)"
    " UPDATE chats SET running_id = NULL, updated_at = $4::timestamptz"
    " WHERE id = $11::int AND running_id = $10::int"
)


def _pg_begin(
    chat: ChatRow,
    *,
    parent_id: int | None,
    content: str,
    model: str,
    title: str | None,
    context_images: list[int],
) -> Script:
    """:func:`_begin` of a new question without images, in one statement (PostgreSQL)."""
    now = utcnow()
    rows = yield Sql("rows", _PG_BEGIN, (now, chat.id, chat.user_id, parent_id, content, model,
                                         title))  # fmt: skip
    question_id, answer_id, exists = rows[0]
    if answer_id is None:
        if not exists:
            raise NotFound("chat")
        raise Conflict("a turn is already running in this chat")
    pictures: dict[int, list[str]] = {}
    if context_images:
        marks = ", ".join("?" * len(context_images))
        for message_id, data in (yield Sql("rows", _IMAGES.format(marks), context_images)):
            pictures.setdefault(message_id, []).append(Image("", bytes(data)).base64)
    question = Question(question_id, parent_id, content, 0, now)
    return Begun(question, answer_id, [answer_id], pictures, now)


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
    fused: bool,
) -> Script:
    now = utcnow()
    error = _storable(error) if error is not None else None
    values = [figures.get(name) for name in FIGURES]
    answer = (_storable(content), status, error, now, *values, message_id)
    if fused:
        yield Sql("count", _PG_FINISH, (*answer, chat_id))
        return
    yield Sql("count", _FINISH, answer)
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
    async def run(self, script: Script, *, write: bool = True, atomic: bool = True) -> Any:
        """Run ``script`` (``write``: it will write; ``atomic``: in one transaction, which a
        script of one statement does not need)."""
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

    async def run(self, script: Script, *, write: bool = True, atomic: bool = True) -> Any:
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
    """Runs a step on an asyncpg connection of its own (a few kept open, like a pool's), in
    one transaction when it is ``atomic``; a step of one statement needs none.

    Its own connections, not the engine's pool's: checking out and in costs more than a step,
    and every round trip counts (a step's latency holds its turn).
    """

    def __init__(self, db: Database, *, keep: int) -> None:
        self._db = db
        self._keep = keep
        self._idle: list[Any] = []
        self._texts: dict[str, str] = {}
        self._closed = False

    def _text(self, text: str) -> str:
        found = self._texts.get(text)
        if found is None:
            found = self._texts[text] = _numbered(text)
        return found

    async def run(self, script: Script, *, write: bool = True, atomic: bool = True) -> Any:
        pg = self._idle.pop() if self._idle else await self._connect()
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
            server_settings={"plan_cache_mode": "force_custom_plan"}
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


class TurnStore:
    """A turn's database steps (module docstring), on the application's database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        #: PostgreSQL: the common steps as one statement each (``_PG_BEGIN``, ``_PG_FINISH``).
        self._fused = db.engine.dialect.name == "postgresql"
        keep = db.engine.pool.size() if isinstance(db.engine.pool, QueuePool) else 10
        self._runner: Runner = PostgresRunner(db, keep=keep) if self._fused else SqliteRunner(db)

    async def load(
        self, *, chat_id: int, user_id: int, leaf: int | Literal["current"] | None, limit: int
    ) -> Loaded | None:
        """The chat if ``user_id`` owns it, with the owner's settings and the context."""
        load = _pg_load if self._fused else _load
        loaded: Loaded | None = await self._runner.run(
            load(chat_id, user_id, leaf, limit), write=False, atomic=False
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
            if self._fused and content is not None and not images and copy_images_from is None:
                script = _pg_begin(chat, parent_id=parent_id, content=content, model=model,
                                   title=title, context_images=context_images or [])  # fmt: skip
                begun: Begun = await self._runner.run(script, atomic=False)
                return begun
            begun = await self._runner.run(
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
        await self._runner.run(_checkpoint(message_id, content), atomic=False)

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
                fused=self._fused,
            ),
            atomic=not self._fused,
        )


async def retitle(db: Database, *, chat_id: int, title: str) -> None:
    """The title model's proposal, unless the user titled the chat meanwhile."""
    async with db.session() as session:
        await session.execute(
            update(Chat).where(Chat.id == chat_id, Chat.titled.is_(False)).values(title=title)
        )
