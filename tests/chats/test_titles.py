"""``CHAT_TITLE_MODEL``: a better title after the first turn, in the background, never a failure."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI

from tests.auth.factories import Actor
from tests.chats.conftest import ask, new_chat
from tests.fakes.ollama import FakeOllama
from tests.fakes.ollama_content import reply_text

TITLER = "qwen2.5:0.5b"


@pytest.fixture
def titler(chats_app: FastAPI) -> Iterator[None]:
    settings = chats_app.state.chat_turns.settings
    settings.chat_title_model = TITLER
    yield
    settings.chat_title_model = None


async def _title(client: httpx.AsyncClient, actor: Actor, chat_id: int, not_: str) -> str:
    for _ in range(200):
        title: str = (await client.get(f"/api/chats/{chat_id}", headers=actor.headers)).json()[
            "title"
        ]
        if title != not_:
            return title
        await asyncio.sleep(0.02)
    return not_


@pytest.mark.usefixtures("titler")
async def test_the_title_model_renames_a_new_chat(
    client: httpx.AsyncClient, alice: Actor, fake: FakeOllama
) -> None:
    chat = await new_chat(client, alice)
    question = "How do I repot a fiddle leaf fig without hurting the roots?"
    await ask(client, alice, chat["id"], question)
    automatic = "How do I repot a fiddle leaf fig without hurting…"
    title = await _title(client, alice, chat["id"], not_=automatic)
    assert title != automatic
    titled = fake.last_request("/api/chat").json
    assert titled["model"] == TITLER
    assert question in titled["messages"][0]["content"]
    proposal = " ".join(reply_text(titled["messages"][0]["content"]).split()).strip(" \"'`*#.")
    assert title == proposal[:50].rstrip()


@pytest.mark.usefixtures("titler")
async def test_a_failing_title_model_changes_nothing(
    client: httpx.AsyncClient, alice: Actor, fake: FakeOllama
) -> None:
    fake.override(TITLER, fail_with=(500, "title model broken"))
    chat = await new_chat(client, alice, title="Typed by hand")
    result = await ask(client, alice, chat["id"], "A question for a chat with a typed title")
    assert result["assistant_message"]["status"] == "complete"
    other = await new_chat(client, alice)
    result = await ask(client, alice, other["id"], "Short question")
    assert result["assistant_message"]["status"] == "complete"
    await asyncio.sleep(0.2)
    detail = (await client.get(f"/api/chats/{other['id']}", headers=alice.headers)).json()
    assert detail["title"] == "Short question"
    typed = (await client.get(f"/api/chats/{chat['id']}", headers=alice.headers)).json()
    assert typed["title"] == "Typed by hand"
