"""A fleet's turns: started on one process, watched and stopped through another (Redis hub).

Two gateways share a database and a Redis.  A slow turn started on A is re-attached from B
(which receives what was generated so far, then the rest live) and stopped through B: the
process running it (A) cancels the upstream request and stores the partial answer ``stopped``.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable

import httpx
import pytest

from tests.auth.factories import make_actor
from tests.chats.conftest import MakeChatsApp, events, new_chat
from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import serve

pytestmark = pytest.mark.redis


async def _first_event(
    http: httpx.AsyncClient, url: str, headers: dict[str, str], body: dict
) -> str:
    async with http.stream("POST", url, json=body, headers=headers) as response:
        assert response.status_code == 200
        async for line in response.aiter_lines():
            if line.startswith("event: "):
                return line[7:]  # the client leaves: the turn goes on
    raise AssertionError("no event")


async def test_a_turn_started_on_one_process_is_watched_and_stopped_through_another(
    make_chats_app: MakeChatsApp,
    fresh_database_url: Callable[[str], str],
    fake: FakeOllama,
    redis_url: str,
) -> None:
    fake.delay_per_chunk = 0.1
    fake.chunks = 60  # ~6 s unless stopped
    shared = {
        "database_url": fresh_database_url("sqlite"),
        "redis_url": redis_url,
        "redis_key_prefix": f"hub-{uuid.uuid4().hex[:8]}",
    }
    async with make_chats_app(**shared) as a, make_chats_app(**shared) as b:
        actor = await make_actor(a, "user")
        async with (
            serve(a) as url_a,
            serve(b) as url_b,
            httpx.AsyncClient(base_url=url_a, timeout=30) as on_a,
            httpx.AsyncClient(base_url=url_b, timeout=30) as on_b,
        ):
            chat = await new_chat(on_a, actor)
            url = f"/api/chats/{chat['id']}/messages"
            first = await _first_event(
                on_a,
                url,
                actor.headers,
                {"content": "Write a long story about a lighthouse keeper and a storm"},
            )
            assert first == "start"
            await asyncio.sleep(0.6)  # a few deltas generated on A

            async def watch() -> list[tuple[str, object]]:
                response = await on_b.get(f"/api/chats/{chat['id']}/stream", headers=actor.headers)
                assert response.status_code == 200, response.text
                return events(response.text)

            watcher = asyncio.create_task(watch())
            await asyncio.sleep(0.5)
            stopped = await on_b.post(f"/api/chats/{chat['id']}/stop", headers=actor.headers)
            assert stopped.json() == {"stopped": True}
            seen = await asyncio.wait_for(watcher, 10)
            kinds = [kind for kind, _data in seen]
            assert kinds[0] == "start"
            assert kinds[1] == "delta"  # what was generated before B attached, in one event
            assert kinds[-1] == "done"
            done = seen[-1][1]
            assert isinstance(done, dict)
            assert done["assistant_message"]["status"] == "stopped"
            text = "".join(d["content"] for k, d in seen if k == "delta")  # type: ignore[index]
            assert text
            assert done["assistant_message"]["content"] == text

            stored = (await on_b.get(f"/api/chats/{chat['id']}", headers=actor.headers)).json()
            last = stored["messages"][-1]
            assert last["status"] == "stopped"
            assert last["content"] == text
    assert fake.cancelled >= 1  # A closed the upstream request


async def test_a_worker_starting_leaves_other_workers_turns_alone(
    make_chats_app: MakeChatsApp,
    fresh_database_url: Callable[[str], str],
    fake: FakeOllama,
    redis_url: str,
) -> None:
    fake.delay_per_chunk = 0.1
    fake.chunks = 30  # ~3 s
    shared = {
        "database_url": fresh_database_url("sqlite"),
        "redis_url": redis_url,
        "redis_key_prefix": f"hub-{uuid.uuid4().hex[:8]}",
    }
    async with make_chats_app(**shared) as a:
        actor = await make_actor(a, "user")
        async with serve(a) as url_a, httpx.AsyncClient(base_url=url_a, timeout=30) as on_a:
            chat = await new_chat(on_a, actor)
            url = f"/api/chats/{chat['id']}/messages"
            question = {"content": "Write a long story about a lighthouse keeper and a storm"}
            assert await _first_event(on_a, url, actor.headers, question) == "start"
            async with make_chats_app(**shared):  # a new worker starts while A's turn runs
                await asyncio.sleep(0.2)
                during = (await on_a.get(f"/api/chats/{chat['id']}", headers=actor.headers)).json()
            assert during["messages"][-1]["status"] == "streaming"
            assert during["running"] is True  # the chat's claim is kept
            for _ in range(100):
                stored = (await on_a.get(f"/api/chats/{chat['id']}", headers=actor.headers)).json()
                if stored["messages"][-1]["status"] != "streaming":
                    break
                await asyncio.sleep(0.1)
    assert stored["messages"][-1]["status"] == "complete"  # not interrupted by B's start
