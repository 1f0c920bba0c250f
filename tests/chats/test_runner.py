"""Turns belong to the server: what is stored after a disconnect, a stop, an upstream failure;
re-attaching to a running turn; one turn per chat.  Over a real loopback port (uvicorn), so a
client that goes away really closes its connection."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import orjson
import pytest
from fastapi import FastAPI

from ollama_gateway.chats.runner import ndjson_values
from tests.auth.factories import Actor
from tests.chats.conftest import new_chat
from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import serve


@pytest.fixture(scope="module")
async def live(chats_app: FastAPI) -> AsyncIterator[str]:
    async with serve(chats_app) as url:
        yield url


@pytest.fixture
async def web(live: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=live, timeout=20) as http:
        yield http


async def read_events(response: httpx.Response, until: str | None = None) -> AsyncIterator[Any]:
    kind = ""
    async for line in response.aiter_lines():
        if line.startswith("event: "):
            kind = line[7:]
        elif line.startswith("data: "):
            yield kind, orjson.loads(line[6:])
            if kind == until:
                return


async def stored_answer(
    web: httpx.AsyncClient, actor: Actor, chat_id: int, *, settled: bool = True
) -> dict[str, Any]:
    """The chat's last message once it is no longer ``streaming``."""
    for _ in range(400):
        messages = (await web.get(f"/api/chats/{chat_id}/messages", headers=actor.headers)).json()
        if messages and (messages[-1]["status"] != "streaming" or not settled):
            answer: dict[str, Any] = messages[-1]
            return answer
        await asyncio.sleep(0.025)
    raise AssertionError("the answer was never stored")


def full_answer(fake: FakeOllama, question: str) -> str:
    from tests.fakes.ollama_content import reply_text

    return reply_text(question)


async def test_a_client_that_disconnects_does_not_stop_the_turn(
    web: httpx.AsyncClient, alice: Actor, fake: FakeOllama
) -> None:
    fake.chunks, fake.delay_per_chunk = 12, 0.05
    chat = await new_chat(web, alice)
    question = "What do octopuses eat at night?"
    async with web.stream(
        "POST", f"/api/chats/{chat['id']}/messages", json={"content": question},
        headers=alice.headers,
    ) as response:  # fmt: skip
        assert response.status_code == 200
        got = [event async for event in read_events(response, until="delta")]
        assert got[-1][0] == "delta"
    # the connection is closed here, mid-answer
    answer = await stored_answer(web, alice, chat["id"])
    assert answer["status"] == "complete"
    assert answer["content"] == full_answer(fake, question)
    assert answer["performance"]["completion_tokens"] == 12
    await fake.wait_for_async(lambda: fake.completed == 1)
    assert fake.cancelled == 0


async def test_stop_cancels_upstream_and_keeps_the_partial_answer(
    web: httpx.AsyncClient, alice: Actor, fake: FakeOllama
) -> None:
    fake.chunks, fake.delay_per_chunk = 60, 0.05
    chat = await new_chat(web, alice)
    question = "Write a long story about a lighthouse keeper and a storm"
    seen, stopped = "", None
    async with web.stream(
        "POST", f"/api/chats/{chat['id']}/messages", json={"content": question},
        headers=alice.headers,
    ) as response:  # fmt: skip
        async for kind, data in read_events(response):
            if kind == "delta":
                seen += data["content"]
                if len(seen) > 10 and stopped is None:
                    stopped = await web.post(f"/api/chats/{chat['id']}/stop", headers=alice.headers)
                    assert stopped.json() == {"stopped": True}
            if kind == "done":
                final = data["assistant_message"]
    assert final["status"] == "stopped"
    answer = await stored_answer(web, alice, chat["id"])
    assert answer["status"] == "stopped"
    assert answer["content"] == final["content"]
    assert answer["content"].startswith(seen)
    assert 0 < len(answer["content"]) < len(full_answer(fake, question))
    await fake.wait_for_async(lambda: fake.cancelled == 1)
    idle = await web.post(f"/api/chats/{chat['id']}/stop", headers=alice.headers)
    assert idle.json() == {"stopped": False}


@pytest.mark.parametrize(
    ("knobs", "error"),
    [
        ({"die_after_chunks": 3}, "connection"),
        ({"error_in_stream": "model runner crashed", "error_after_chunks": 3}, "crashed"),
        # PostgreSQL's text cannot hold NUL: the message is stored with U+FFFD in its place
        ({"error_in_stream": "bad \x00 byte", "error_after_chunks": 3}, "bad \ufffd byte"),
    ],
)
async def test_an_upstream_failure_stores_the_partial_answer_as_error(
    web: httpx.AsyncClient, alice: Actor, fake: FakeOllama, knobs: dict[str, Any], error: str
) -> None:
    fake.chunks = 10
    for name, value in knobs.items():
        setattr(fake, name, value)
    chat = await new_chat(web, alice)
    question = "Count the stars in the sky for me please"
    response = await web.post(
        f"/api/chats/{chat['id']}/messages", json={"content": question, "stream": False},
        headers=alice.headers,
    )  # fmt: skip
    assert response.status_code == 502
    assert response.json()["error"]["type"] == "external_service_error"
    answer = await stored_answer(web, alice, chat["id"])
    assert answer["status"] == "error"
    assert error in answer["error"].lower()
    assert answer["content"]
    assert full_answer(fake, question).startswith(answer["content"])
    assert len(answer["content"]) < len(full_answer(fake, question))


async def test_reattach_receives_what_was_said_and_the_rest(
    web: httpx.AsyncClient, alice: Actor, fake: FakeOllama
) -> None:
    fake.chunks, fake.delay_per_chunk = 30, 0.03
    chat = await new_chat(web, alice)
    question = "Describe the water cycle step by step"
    async with web.stream(
        "POST", f"/api/chats/{chat['id']}/messages", json={"content": question},
        headers=alice.headers,
    ) as first:  # fmt: skip
        got = [event async for event in read_events(first, until="delta")]
        assert got[-1][0] == "delta"
    await asyncio.sleep(0.2)
    busy = await web.post(
        f"/api/chats/{chat['id']}/messages", json={"content": "again", "stream": False},
        headers=alice.headers,
    )  # fmt: skip
    assert busy.status_code == 409
    text, kinds = "", []
    async with web.stream("GET", f"/api/chats/{chat['id']}/stream", headers=alice.headers) as again:
        assert again.headers["content-type"].startswith("text/event-stream")
        async for kind, data in read_events(again, until="done"):
            kinds.append(kind)
            if kind == "delta":
                text += data["content"]
            if kind == "done":
                final = data["assistant_message"]
    assert kinds[0] == "start"
    assert kinds.count("delta") > 2  # the catch-up, then live deltas
    assert final["status"] == "complete"
    assert text == final["content"] == full_answer(fake, question)
    over = await web.get(f"/api/chats/{chat['id']}/stream", headers=alice.headers)
    assert over.status_code == 409


async def test_turns_count_against_concurrent_streams(
    make_chats_app: Any, make_settings: Any, fake: FakeOllama
) -> None:
    from tests.auth.factories import make_actor
    from tests.conftest import http_client

    fake.chunks, fake.delay_per_chunk = 20, 0.05
    async with (
        make_chats_app(rate_limit_enabled=True, rate_limit_concurrent_streams=1) as app,
        http_client(app) as client,
    ):
        actor = await make_actor(app, "user")
        one = await new_chat(client, actor)
        two = await new_chat(client, actor)
        started = asyncio.create_task(
            client.post(f"/api/chats/{one['id']}/messages", json={"content": "slow one"},
                        headers=actor.headers)
        )  # fmt: skip
        await fake.wait_for_async(lambda: fake.in_flight == 1)
        refused = await client.post(
            f"/api/chats/{two['id']}/messages", json={"content": "second", "stream": False},
            headers=actor.headers,
        )  # fmt: skip
        assert refused.status_code == 429
        assert (await started).status_code == 200
        detail = (await client.get(f"/api/chats/{two['id']}", headers=actor.headers)).json()
        assert detail["message_count"] == 0


async def test_deleting_the_chat_cancels_its_turn(
    web: httpx.AsyncClient, alice: Actor, fake: FakeOllama
) -> None:
    fake.chunks, fake.delay_per_chunk = 60, 0.05
    chat = await new_chat(web, alice)
    async with web.stream(
        "POST", f"/api/chats/{chat['id']}/messages", json={"content": "a long answer please"},
        headers=alice.headers,
    ) as response:  # fmt: skip
        gone, final = None, None
        async for kind, data in read_events(response, until="done"):
            if kind == "delta" and gone is None:
                gone = await web.delete(f"/api/chats/{chat['id']}", headers=alice.headers)
                assert gone.status_code == 204
            if kind == "done":
                final = data["assistant_message"]
    assert final is not None
    assert final["status"] == "stopped"
    await fake.wait_for_async(lambda: fake.cancelled == 1)
    assert (await web.get(f"/api/chats/{chat['id']}", headers=alice.headers)).status_code == 404


@pytest.mark.parametrize(
    ("chunk", "values"),
    [
        (b'{"a":1}\n{"b":2}\n{"done":true}\n', [{"a": 1}, {"b": 2}, {"done": True}]),
        (b'{"a":1}\n', [{"a": 1}]),
        (b'{"a":1}\nnot json\n{"b":2}\n', [{"a": 1}, {"b": 2}]),  # a bad line is skipped
        (b'{"a":1}\n1,2\n', [{"a": 1}]),  # one line, two values: not a line's value
        (b'[1\n2]\n{"a":1}\n', [{"a": 1}]),  # a value across lines is none
        (b"\n\n", []),
    ],
)
def test_the_lines_of_a_chunk(chunk: bytes, values: list[Any]) -> None:
    assert ndjson_values(chunk) == values
