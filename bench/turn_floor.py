"""A chat turn's database work alone: through ``chats.store``, and the same through SQLAlchemy.

    .venv/bin/python bench/turn_floor.py            # 3,000 turns after 200 of warm-up, SQLite
    .venv/bin/python bench/turn_floor.py --database-url postgresql+asyncpg://...

``store``: what a turn really runs, ``chats.store.TurnStore`` on the application's migrated
schema: the load (the owned chat, the owner's settings, the last 10 messages), the begin (the
question and the pending answer stored, the chat claimed) and the finish (the answer written,
the chat released).  ``sqlalchemy`` (SQLite only): the same seven statements in the same two
transactions as literal statements on narrow tables through SQLAlchemy's async session on
``core.sqlite_driver``, the way turns ran before ``chats.store`` (a lower bound of that way).
Runs in one process on uvloop and prints the CPU and wall time per turn of each.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import uvloop
from sqlalchemy import text

from ollama_gateway.chats.models import Chat
from ollama_gateway.chats.store import CURRENT, TurnStore
from ollama_gateway.core.db import Database
from ollama_gateway.users.models import User

_SCHEMA = (
    "CREATE TABLE chats (id INTEGER PRIMARY KEY, user_id INT, running_id INT, updated_at TEXT)",
    "CREATE TABLE msgs (id INTEGER PRIMARY KEY, chat_id INT, parent_id INT, role TEXT,"
    " content TEXT, status TEXT)",
    "CREATE INDEX ix_msgs_chat ON msgs (chat_id, id)",
    "CREATE TABLE prefs (user_id INTEGER PRIMARY KEY, model TEXT)",
    "INSERT INTO chats (id, user_id) VALUES (1, 1)",
    "INSERT INTO prefs (user_id, model) VALUES (1, 'm')",
)
_OWNED = text("SELECT * FROM chats WHERE id = 1 AND user_id = 1")
_PREFS = text("SELECT * FROM prefs WHERE user_id = 1")
_HISTORY = text("SELECT id, role, content FROM msgs WHERE chat_id = 1 ORDER BY id DESC LIMIT 10")
_QUESTION = text(
    "INSERT INTO msgs (chat_id, role, content, status) VALUES (1, 'user', 'hi', 'complete')"
    " RETURNING id"
)
_ANSWER = text(
    "INSERT INTO msgs (chat_id, parent_id, role, content, status)"
    " VALUES (1, :q, 'assistant', '', 'streaming') RETURNING id"
)
_CLAIM = text("UPDATE chats SET running_id = :a WHERE id = 1 AND running_id IS NULL")
_FINISH = text("UPDATE msgs SET content = 'the answer', status = 'complete' WHERE id = :a")
_RELEASE = text("UPDATE chats SET running_id = NULL WHERE id = 1")
_FIGURES = {"total_duration_ms": 10.0, "prompt_tokens": 5, "completion_tokens": 200,
            "tokens_per_second": 100.0, "ttft_ms": 1.0}  # fmt: skip


async def _sqlalchemy_turn(db: Database) -> None:
    async with db.session() as session:
        await session.execute(_OWNED)
        await session.execute(_PREFS)
        await session.execute(_HISTORY)
        question = (await session.execute(_QUESTION)).scalar_one()
        answer = (await session.execute(_ANSWER, {"q": question})).scalar_one()
        await session.execute(_CLAIM, {"a": answer})
    async with db.engine.begin() as conn:
        await conn.execute(_FINISH, {"a": answer})
        await conn.execute(_RELEASE)


async def _sqlalchemy(work: Path, turns: int) -> tuple[float, float]:
    db = Database(f"sqlite+aiosqlite:///{work / 'floor.db'}")
    async with db.session() as session:
        for statement in _SCHEMA:
            await session.execute(text(statement))
    try:
        return await _timed(turns, lambda: _sqlalchemy_turn(db))
    finally:
        await db.dispose()


async def _store(url: str, turns: int) -> tuple[float, float]:
    db = Database(url)
    await db.migrate()
    async with db.session() as session:
        name = f"floor{time.time_ns()}"
        user = User(username=name, email=f"{name}@example.com", password_hash="x",
                    role="user", is_active=True, token_version=0)  # fmt: skip
        session.add(user)
        await session.flush()
        chat = Chat(user_id=user.id, title="floor")
        session.add(chat)
        await session.flush()
        chat_id, user_id = chat.id, user.id
    store = TurnStore(db)

    async def turn() -> None:
        loaded = await store.load(chat_id=chat_id, user_id=user_id, leaf=CURRENT, limit=10)
        assert loaded is not None
        begun = await store.begin(
            loaded.chat, parent_id=loaded.chat.current_leaf_id, content="hi", model="m"
        )
        await store.finish(chat_id=chat_id, message_id=begun.assistant_id, content="the answer",
                           status="complete", error=None, figures=_FIGURES)  # fmt: skip

    try:
        return await _timed(turns, turn)
    finally:
        await store.close()
        await db.dispose()


async def _timed(turns: int, turn: object) -> tuple[float, float]:
    assert callable(turn)
    for _ in range(200):
        await turn()
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(turns):
        await turn()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return cpu / turns * 1000, wall / turns * 1000


async def _measure(turns: int, url: str | None) -> None:
    with tempfile.TemporaryDirectory(prefix="og-turn-floor-") as name:
        work = Path(name)
        found = {"store": await _store(url or f"sqlite+aiosqlite:///{work / 'app.db'}", turns)}
        if url is None:
            found["sqlalchemy"] = await _sqlalchemy(work, turns)
    for way, (cpu, wall) in found.items():
        print(f"{way:>10}: {turns} turns' database work, {cpu:.3f} ms CPU and {wall:.3f} ms wall"
              " per turn")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=3000)
    parser.add_argument("--database-url", help="PostgreSQL (default: a temporary SQLite file)")
    args = parser.parse_args()
    uvloop.run(_measure(args.turns, args.database_url))


if __name__ == "__main__":
    main()
