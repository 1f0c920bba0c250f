"""A turn's database steps, each written once for both backends as a script of statements.

A step is a generator (:data:`Script`) that yields the :class:`Sql` statements it runs and
receives each one's result; its return value is the step's.  ``chats.runners`` runs a step in
one transaction (on SQLite's thread, or on asyncpg).  The steps:

* :func:`load`: the owned chat, the owner's settings and the context (the last ``limit``
  messages of the branch ending at ``leaf``); :func:`pg_load` is the same in one statement.
* :func:`begin`: the question (and its images, or an edit's copied) unless regenerating, the
  answer with status ``streaming``, the chat claimed with a conditional update (``running_id IS
  NULL``: two turns in one chat cannot both start, on any process), and the context's images;
  :func:`pg_begin` is a new question without images in one statement.
* :func:`checkpoint`: the partial text.
* :func:`finish`: the answer, its status and figures, and the chat released.

The columns are those of ``chats.models`` and migration 0005.  Text a model wrote is stored with
U+FFFD for NUL, which PostgreSQL's text cannot hold.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, NamedTuple

import orjson

from ollama_gateway.chats.images import Image
from ollama_gateway.core.db import utcnow
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


def load(chat_id: int, user_id: int, leaf: int | Literal["current"] | None, limit: int) -> Script:
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


def pg_load(
    chat_id: int, user_id: int, leaf: int | Literal["current"] | None, limit: int
) -> Script:
    """:func:`load` in one statement, the context as a JSON array (PostgreSQL)."""
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


def begin(
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
    pictures = yield from _pictures(wanted)
    return Begun(question, answer_id, siblings, pictures, now)


def _pictures(message_ids: list[int]) -> Script:
    """The images of these stored messages, base64 as Ollama takes them (none: no statement)."""
    pictures: dict[int, list[str]] = {}
    if message_ids:
        marks = ", ".join("?" * len(message_ids))
        for message_id, data in (yield Sql("rows", _IMAGES.format(marks), message_ids)):
            pictures.setdefault(message_id, []).append(Image("", bytes(data)).base64)
    return pictures


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


def pg_begin(
    chat: ChatRow,
    *,
    parent_id: int | None,
    content: str,
    model: str,
    title: str | None,
    context_images: list[int],
) -> Script:
    """:func:`begin` of a new question without images, in one statement (PostgreSQL)."""
    now = utcnow()
    rows = yield Sql("rows", _PG_BEGIN, (now, chat.id, chat.user_id, parent_id, content, model,
                                         title))  # fmt: skip
    question_id, answer_id, exists = rows[0]
    if answer_id is None:
        if not exists:
            raise NotFound("chat")
        raise Conflict("a turn is already running in this chat")
    pictures = yield from _pictures(context_images)
    question = Question(question_id, parent_id, content, 0, now)
    return Begun(question, answer_id, [answer_id], pictures, now)


def checkpoint(message_id: int, content: str) -> Script:
    yield Sql("count", _CHECKPOINT, (_storable(content), utcnow(), message_id))


def finish(
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
