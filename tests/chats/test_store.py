"""The turn store's steps on both backends: what they write, what they refuse, and how.

``chats.store`` writes on connections of its own with plain SQL; these tests read back through
the application's ORM, so the two agree on the rows (timestamps included).
"""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import delete, func, select, text

from ollama_gateway.chats import runners, service
from ollama_gateway.chats.models import Chat, ChatMessage
from ollama_gateway.chats.steps import Script, Sql
from ollama_gateway.chats.store import CURRENT, Loaded, TurnStore
from ollama_gateway.core.db import utcnow
from ollama_gateway.core.errors import Conflict, NotFound
from tests.auth.factories import Actor
from tests.chats.conftest import ask, new_chat
from tests.users.factories import database


async def _store(app: FastAPI) -> TurnStore:
    store: TurnStore = app.state.chat_turns.store
    return store


async def _loaded(
    app: FastAPI, client: httpx.AsyncClient, owner: Actor, **fields: str
) -> tuple[int, TurnStore, Loaded]:
    """A new chat of ``owner``: its id, the store, and the chat as the store loads it."""
    chat = await new_chat(client, owner, **fields)
    store = await _store(app)
    loaded = await store.load(chat_id=chat["id"], user_id=owner.user_id, leaf=CURRENT, limit=10)
    assert loaded is not None
    return chat["id"], store, loaded


async def test_a_begun_turn_is_stored_as_the_orm_reads_it(
    chats_app: FastAPI, client: httpx.AsyncClient, alice: Actor
) -> None:
    chat_id, store, loaded = await _loaded(chats_app, client, alice, system="be brief")
    assert loaded.chat.system == "be brief"
    assert loaded.history == []
    before = utcnow()
    begun = await store.begin(loaded.chat, parent_id=None, content="hello", model="m", title="t")
    async with database(chats_app).session() as session:
        rows = (
            await session.scalars(
                select(ChatMessage).where(ChatMessage.chat_id == chat_id).order_by("id")
            )
        ).all()
        stored = await session.get(Chat, chat_id)
    question, answer = rows
    assert (question.id, question.role, question.content) == (begun.question.id, "user", "hello")
    assert (answer.id, answer.role, answer.status) == (begun.assistant_id, "assistant", "streaming")
    assert answer.parent_id == question.id
    assert before - timedelta(seconds=1) <= answer.created_at <= utcnow()
    assert stored is not None
    assert (stored.running_id, stored.current_leaf_id, stored.title) == (answer.id,) * 2 + ("t",)
    # the recovery of a dead process's turns compares these timestamps in SQL; the app is
    # shared, so turns other tests left streaming are spared
    async with database(chats_app).session() as session:
        others = select(ChatMessage.chat_id).where(
            ChatMessage.status == "streaming", ChatMessage.chat_id != chat_id
        )
        spare = set((await session.scalars(others)).all())
        later = utcnow() + timedelta(seconds=5)
        earlier = before - timedelta(seconds=1)
        assert await service.interrupt_orphans(session, spare=spare, older_than=earlier) == 0
        assert await service.interrupt_orphans(session, spare=spare, older_than=later) == 1
        assert (await session.get(ChatMessage, answer.id, populate_existing=True)).status == (
            "interrupted"
        )


async def test_a_second_turn_in_a_chat_is_refused_and_stores_nothing(
    chats_app: FastAPI, client: httpx.AsyncClient, alice: Actor
) -> None:
    chat_id, store, loaded = await _loaded(chats_app, client, alice)
    await store.begin(loaded.chat, parent_id=None, content="one", model="m")
    with pytest.raises(Conflict):
        await store.begin(loaded.chat, parent_id=None, content="two", model="m")
    async with database(chats_app).session() as session:
        count = await session.scalar(
            select(func.count()).select_from(ChatMessage).where(ChatMessage.chat_id == chat_id)
        )
    assert count == 2


async def test_a_chat_deleted_after_its_load_is_not_found(
    chats_app: FastAPI, client: httpx.AsyncClient, alice: Actor, bob: Actor
) -> None:
    chat_id, store, loaded = await _loaded(chats_app, client, alice)
    assert await store.load(chat_id=chat_id, user_id=bob.user_id, leaf=CURRENT, limit=10) is None
    async with database(chats_app).session() as session:
        await session.execute(delete(Chat).where(Chat.id == chat_id))
    # the messages' foreign key refuses them (SQLite: the store's connection enforces keys too)
    with pytest.raises(NotFound):
        await store.begin(loaded.chat, parent_id=None, content="late", model="m")


async def test_the_answer_is_finished_and_the_chat_released(
    chats_app: FastAPI, client: httpx.AsyncClient, alice: Actor
) -> None:
    chat_id, store, loaded = await _loaded(chats_app, client, alice)
    begun = await store.begin(loaded.chat, parent_id=None, content="q", model="m")
    await store.checkpoint(message_id=begun.assistant_id, content="par")
    figures = {"total_duration_ms": 12.5, "prompt_tokens": 3, "completion_tokens": 2,
               "tokens_per_second": 40.0, "ttft_ms": 1.5}  # fmt: skip
    await store.finish(chat_id=chat_id, message_id=begun.assistant_id, content="partial\x00!",
                       status="stopped", error=None, figures=figures)  # fmt: skip
    async with database(chats_app).session() as session:
        answer = await session.get(ChatMessage, begun.assistant_id)
        stored = await session.get(Chat, chat_id)
    assert answer is not None
    assert stored is not None
    assert (answer.content, answer.status) == ("partial\ufffd!", "stopped")
    assert (answer.prompt_tokens, answer.completion_tokens, answer.ttft_ms) == (3, 2, 1.5)
    assert stored.running_id is None
    again = await store.load(chat_id=chat_id, user_id=alice.user_id, leaf=CURRENT, limit=10)
    assert again is not None
    said = [(m.role, m.content) for m in again.history]
    assert said == [("user", "q"), ("assistant", "partial\ufffd!")]


async def test_kept_postgresql_connections_closed_by_the_server_are_replaced(
    chats_app: FastAPI, client: httpx.AsyncClient, alice: Actor, backend: str
) -> None:
    if backend != "postgres":
        pytest.skip("the store keeps no connection pool on SQLite")
    chat_id, _kept, _chat = await _loaded(chats_app, client, alice)  # one connection kept
    async with database(chats_app).session() as session:
        ended = await session.scalar(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE application_name = :name AND datname = current_database()"
            ),
            {"name": runners.APP_NAME},
        )
    assert ended
    answer = await ask(client, alice, chat_id, "still there?")
    assert answer["assistant_message"]["status"] == "complete"


async def test_postgresql_steps_beyond_the_limit_wait_for_a_connection(
    chats_app: FastAPI, backend: str
) -> None:
    if backend != "postgres":
        pytest.skip("the store keeps no connection pool on SQLite")
    runner = runners.PostgresRunner(database(chats_app), keep=1, limit=2)
    running, peak = [0], [0]

    def step() -> Script:
        running[0] += 1
        peak[0] = max(peak[0], running[0])
        yield Sql("rows", "SELECT pg_sleep(0.1)")
        running[0] -= 1

    try:
        started = time.monotonic()
        await asyncio.gather(*(runner.run(step, atomic=False) for _ in range(6)))
        took = time.monotonic() - started
    finally:
        await runner.close()
    assert peak == [2]
    assert took >= 0.3
