"""The floor under a chat turn's cost: its database work alone, through the app's own SQLite layer.

    .venv/bin/python bench/turn_floor.py            # 3,000 turns after 200 of warm-up

A turn's seven statements in its two transactions, as ``chats.turns`` and ``chats.runner``
run them: the owned chat, the user's settings and the last 10 messages read, the question and
the pending answer inserted, the chat claimed (one transaction, before the stream); the answer
written and the chat released (one transaction, after it).  Narrow tables and literal
statements, so this is a lower bound of the real turn's database cost.  Runs in one process on
uvloop, through ``core.db.Database`` (SQLAlchemy's async session and ``core.sqlite_driver``),
and prints the CPU and wall time per turn.  Compare with the gateway CPU per request of
``/api/chat`` in ``chat_stream.py``'s report.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import uvloop
from sqlalchemy import text

from ollama_gateway.core.db import Database

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


async def _turn(db: Database) -> None:
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


async def _measure(turns: int) -> None:
    with tempfile.TemporaryDirectory(prefix="og-turn-floor-") as work:
        db = Database(f"sqlite+aiosqlite:///{Path(work) / 'floor.db'}")
        async with db.session() as session:
            for statement in _SCHEMA:
                await session.execute(text(statement))
        for _ in range(200):
            await _turn(db)
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(turns):
            await _turn(db)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        await db.engine.dispose()
    print(
        f"{turns} turns' database work: {cpu / turns * 1000:.2f} ms CPU"
        f" and {wall / turns * 1000:.2f} ms wall per turn"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=3000)
    uvloop.run(_measure(parser.parse_args().turns))


if __name__ == "__main__":
    main()
