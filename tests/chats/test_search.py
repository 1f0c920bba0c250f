"""``GET /api/chats?q=`` on SQLite and PostgreSQL: both ways of finding a page of matching chats
(``chats.search``) give the list's order, paging, archived filter, title hits and snippets.

A database of its own (the walk's choice reads how frequent a word is among all messages), with
the rows written directly: one user's chats, pinned and archived ones among them, two updated at
the same instant, and another user's chats holding the same words.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from ollama_gateway.chats import search
from ollama_gateway.chats.models import Chat, ChatMessage
from tests.auth.factories import Actor, make_actor
from tests.chats.conftest import MakeChatsApp
from tests.conftest import http_client
from tests.users.factories import database

CHATS = 30
LIMIT = 4  # a page is 4 chats: the walk tests 2 pages of 5 (a page and the look-ahead one)


@dataclass
class Stored:
    id: int
    title: str
    pinned: bool
    archived: bool
    updated_at: datetime
    marker: str | None  # in the newest message holding "tomato", if one does


@dataclass
class Data:
    app: FastAPI
    alice: Actor
    chats: list[Stored]


@pytest.fixture(scope="module")
async def data(backend: str, make_chats_app: MakeChatsApp) -> AsyncIterator[Data]:
    async with make_chats_app(backend) as app:
        alice, bob = await make_actor(app, "user"), await make_actor(app, "user")
        assert alice.user_id is not None
        assert bob.user_id is not None
        start = datetime(2026, 1, 1, tzinfo=UTC)
        stored: list[Stored] = []
        async with database(app).session() as session:
            for n in range(CHATS):
                # every 4th chat has no "tomato" in its messages; one of those has it in its title
                with_word = n % 4 != 3
                title = "Tomato soup ideas" if n == 7 else f"Chat {n}"
                at = start + timedelta(minutes=n - (1 if n == 12 else 0))  # 11 and 12: a tie
                chat = Chat(
                    user_id=alice.user_id, title=title, pinned=n in (2, 19), archived=n % 5 == 4,
                    created_at=start, updated_at=at,
                )  # fmt: skip
                session.add(chat)
                await session.flush()
                parent, marker = None, None
                for k in range(4):
                    holds = with_word and k != 3  # the newest message never holds it
                    words = f"tomato m{n}x{k}" if holds else f"pepper filler m{n}x{k}"
                    message = ChatMessage(
                        chat_id=chat.id, user_id=alice.user_id, parent_id=parent,
                        role="user" if k % 2 == 0 else "assistant", content=words,
                        created_at=at, updated_at=at,
                    )  # fmt: skip
                    session.add(message)
                    await session.flush()
                    parent = message.id
                    marker = f"m{n}x{k}" if holds else marker
                stored.append(Stored(chat.id, title, chat.pinned, chat.archived, at, marker))
            for n in range(CHATS):
                other = Chat(user_id=bob.user_id, title=f"Tomato {n}", created_at=start,
                             updated_at=start + timedelta(hours=1))  # fmt: skip
                session.add(other)
                await session.flush()
                session.add(ChatMessage(chat_id=other.id, user_id=bob.user_id, role="user",
                                        content="tomato zucchini"))  # fmt: skip
            await session.commit()
        if backend == "postgres":
            async with database(app).session() as session:
                await session.execute(text("ANALYZE chat_messages"))
                await session.commit()
        yield Data(app, alice, stored)


@pytest.fixture
async def client(data: Data) -> AsyncIterator[httpx.AsyncClient]:
    async with http_client(data.app) as http:
        yield http


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each search of the test found its page by walking the chats."""
    taken: list[bool] = []
    real = search.first_matches

    async def spy(*args: Any, **kwargs: Any) -> dict[int, int | None] | None:
        found = await real(*args, **kwargs)
        taken.append(found is not None)
        return found

    monkeypatch.setattr(search, "first_matches", spy)
    return taken


async def every_page(client: httpx.AsyncClient, alice: Actor, query: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = ""
    while True:
        page = await client.get(f"/api/chats?limit={LIMIT}&{query}{cursor}", headers=alice.headers)
        assert page.status_code == 200, page.text
        body = page.json()
        assert len(body["items"]) <= LIMIT
        items += body["items"]
        if body["next_cursor"] is None:
            return items
        cursor = f"&cursor={body['next_cursor']}"


def expected(chats: list[Stored], *, archived: bool) -> list[Stored]:
    hits = [c for c in chats if (c.marker or "Tomato" in c.title) and c.archived == archived]
    return sorted(hits, key=lambda c: (c.pinned, c.updated_at, c.id), reverse=True)


@pytest.mark.parametrize("archived", [None, False, True])  # None: the default, unarchived
@pytest.mark.parametrize("q", ["tomato", "TOMA"])
async def test_a_frequent_word_pages_in_list_order_by_walking(
    client: httpx.AsyncClient, data: Data, walks: list[bool], q: str, archived: bool | None
) -> None:
    query = f"q={q}" + ("" if archived is None else f"&archived={str(archived).lower()}")
    items = await every_page(client, data.alice, query)
    want = expected(data.chats, archived=bool(archived))
    assert [item["id"] for item in items] == [c.id for c in want]
    for item, chat in zip(items, want, strict=True):
        if chat.marker:
            assert item["snippet"] == f"**tomato** {chat.marker}"
        else:
            assert item["snippet"] == "**Tomato** soup ideas"
    # the first pages walk; the last ones (less than a page of matches left) do not
    assert walks[0] is True
    assert walks[-1] is False


async def test_a_rare_word_reads_its_hits(
    client: httpx.AsyncClient, data: Data, walks: list[bool]
) -> None:
    rare = data.chats[5]
    items = await every_page(client, data.alice, f"q={rare.marker}")
    assert [item["id"] for item in items] == [rare.id]
    assert items[0]["snippet"] == f"tomato **{rare.marker}**"
    # frequent, but only in another user's chats: PostgreSQL tries walking, and gives up
    assert await every_page(client, data.alice, "q=zucchini") == []
    assert walks == [False, False]
