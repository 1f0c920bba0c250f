"""A turn's SQL statements do not grow with the chat: 1,000 earlier messages cost what 10 do.

Counted where the database is reached: SQLAlchemy's ``before_cursor_execute`` for the engine's
pool, and the drivers' own reports (SQLite's trace, asyncpg's query log) for the connections
the turn store keeps outside it (``Database.watch_outside_pool``).
"""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import event, func, insert, select, text, update

from ollama_gateway.chats.models import Chat, ChatMessage
from tests.auth.factories import Actor
from tests.chats.conftest import ask, new_chat
from tests.users.factories import database


async def _grow(app: FastAPI, user_id: int, chat_id: int, count: int) -> None:
    """``count`` earlier messages in one branch, bulk-inserted with explicit ids."""
    async with database(app).session() as session:
        first = (await session.scalar(select(func.max(ChatMessage.id))) or 0) + 1
        rows = [
            {"id": first + n, "chat_id": chat_id, "user_id": user_id,
             "parent_id": first + n - 1 if n else None,
             "role": "user" if n % 2 == 0 else "assistant", "content": f"message number {n}",
             "status": "complete", "image_count": 0}
            for n in range(count)
        ]  # fmt: skip
        await session.execute(insert(ChatMessage), rows)
        if session.get_bind().dialect.name == "postgresql":
            await session.execute(
                text("SELECT setval(pg_get_serial_sequence('chat_messages', 'id'), :last)"),
                {"last": first + count - 1},
            )
        await session.execute(
            update(Chat).where(Chat.id == chat_id).values(current_leaf_id=first + count - 1)
        )


async def _statements(
    app: FastAPI, client: httpx.AsyncClient, actor: Actor, chat_id: int
) -> list[str]:
    seen: list[str] = []
    db = database(app)
    sqlite = db.engine.dialect.name == "sqlite"

    def note(statement: str) -> None:
        # SQLite's trace also reports what runs inside a statement (its triggers, "-- ...",
        # and FTS5's own reads of its tables, "'main'.") and reports a statement again, with
        # the same values, when it resumes after them: the statements sent are the rest, once
        if sqlite and (
            statement.startswith("--") or "'main'." in statement or (seen and seen[-1] == statement)
        ):
            return
        seen.append(statement)

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "usage_" not in statement:  # the usage writer's batch runs beside the request
            seen.append(statement)

    engine = db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        with db.watch_outside_pool(note):
            result = await ask(client, actor, chat_id, "one more question")
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert result["assistant_message"]["status"] == "complete"
    return seen


async def test_a_turn_runs_the_same_statements_whatever_the_chat_length(
    chats_app: FastAPI, client: httpx.AsyncClient, alice: Actor
) -> None:
    manager = chats_app.state.chat_turns
    saved, manager.checkpoint_seconds = manager.checkpoint_seconds, 3600.0
    try:
        await client.get("/api/chats", headers=alice.headers)  # the principal cache is warm
        short, long = await new_chat(client, alice), await new_chat(client, alice)
        await _grow(chats_app, alice.user_id, short["id"], 10)
        await _grow(chats_app, alice.user_id, long["id"], 1000)
        few = await _statements(chats_app, client, alice, short["id"])
        many = await _statements(chats_app, client, alice, long["id"])
    finally:
        manager.checkpoint_seconds = saved
    assert len(few) == len(many), (few, many)
    assert len(few) <= 20
    # the turn's own statements are among them: the question and the answer stored
    assert sum("INSERT INTO chat_messages" in statement for statement in few) >= 1, few
