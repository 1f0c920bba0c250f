"""The send route on the gateway's fast lane answers exactly as its FastAPI declaration does.

``POST /api/chats/{id}/messages`` is served by the lane (``chats.messaging.LANE_ROUTES``) unless
``GATEWAY_FAST_LANE=false``; every refusal (credentials, role, body, ownership, ids) and both
kinds of answer are compared between the two.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
import pytest
from fastapi import FastAPI

from tests.auth.factories import Actor, make_actor
from tests.chats.conftest import MakeChatsApp, events, new_chat
from tests.conftest import http_client

_JSON = {"Content-Type": "application/json"}
T = TypeVar("T")


def _cases(owner: Actor, stranger: Actor, reader: Actor, chat_id: int) -> list[dict[str, Any]]:
    path = f"/api/chats/{chat_id}/messages"
    return [
        {"url": path, "content": b"", "headers": owner.headers},
        {"url": path, "content": b"{not json", "headers": {**owner.headers, **_JSON}},
        {"url": path, "content": b'{"content": "hi"}', "headers": {**owner.headers,
                                                               "Content-Type": "text/plain"}},
        {"url": path, "json": {"content": ""}, "headers": owner.headers},
        {"url": path, "json": {"content": "hi", "stream": "yes"}, "headers": owner.headers},
        {"url": path, "json": ["hi"], "headers": owner.headers},
        {"url": path, "json": {"content": "x" * 10_001}, "headers": owner.headers},
        {"url": path, "json": {"content": "hi", "images": ["bm90IGFuIGltYWdl"]},
         "headers": owner.headers},
        {"url": path, "json": {"content": "hi"}, "headers": {}},
        {"url": path, "json": {"content": "hi"}, "headers": {"Authorization": "Bearer nope"}},
        {"url": path, "json": {"content": "hi"}, "headers": reader.headers},
        {"url": path, "json": {"content": "hi"}, "headers": stranger.headers},
        {"url": "/api/chats/2147483000/messages", "json": {"content": "hi"},
         "headers": owner.headers},
        {"url": "/api/chats/0/messages", "json": {"content": "hi"}, "headers": owner.headers},
        {"url": "/api/chats/99999999999/messages", "json": {"content": "hi"},
         "headers": owner.headers},
        {"url": "/api/chats/\uff11/messages", "json": {"content": "hi"}, "headers": owner.headers},
    ]  # fmt: skip


def _comparable(response: httpx.Response) -> tuple[int, Any]:
    try:
        body = response.json()
    except ValueError:
        return response.status_code, response.text
    if isinstance(body.get("error"), dict):
        body["error"].pop("error_id", None)
        body["error"].pop("timestamp", None)
    return response.status_code, body


async def _refusals(app: FastAPI) -> list[tuple[int, Any]]:
    async with http_client(app) as client:
        owner, stranger = await make_actor(app, "user"), await make_actor(app, "user")
        reader = await make_actor(app, "read-only")
        chat = await new_chat(client, owner)
        return [
            _comparable(await client.post(**case))
            for case in _cases(owner, stranger, reader, chat["id"])
        ]


async def _with_and_without_the_lane(
    make_chats_app: MakeChatsApp, probe: Callable[[FastAPI], Awaitable[T]]
) -> tuple[T, T]:
    """What ``probe`` finds on an app with the fast lane, then on one without it."""
    async with make_chats_app() as lane:
        fast = await probe(lane)
    async with make_chats_app(gateway_fast_lane=False) as plain:
        slow = await probe(plain)
    return fast, slow


async def test_every_refusal_is_the_same_with_and_without_the_lane(
    make_chats_app: MakeChatsApp,
) -> None:
    fast, slow = await _with_and_without_the_lane(make_chats_app, _refusals)
    assert [status for status, _ in fast] == [
        422, 400, 422, 422, 422, 422, 422, 422, 401, 401, 403, 404, 404, 422, 422, 404,
    ]  # fmt: skip
    assert fast == slow


async def _answers(app: FastAPI) -> tuple[dict[str, Any], list[tuple[str, Any]], str]:
    async with http_client(app) as client:
        owner = await make_actor(app, "user")
        chat = await new_chat(client, owner)
        path = f"/api/chats/{chat['id']}/messages"
        whole = await client.post(path, json={"content": "hello", "stream": False},
                                  headers=owner.headers)  # fmt: skip
        streamed = await client.post(path, json={"content": "again"}, headers=owner.headers)
    assert whole.status_code == 200
    assert streamed.status_code == 200
    return whole.json(), events(streamed.text), streamed.headers["content-type"]


def _shape(value: Any) -> Any:
    """The keys and types of a JSON value (ids, times and figures differ between runs)."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return type(value).__name__


async def test_both_answers_are_the_same_with_and_without_the_lane(
    make_chats_app: MakeChatsApp,
) -> None:
    fast, slow = await _with_and_without_the_lane(make_chats_app, _answers)
    (fast_whole, fast_events, fast_type), (slow_whole, slow_events, slow_type) = fast, slow
    assert fast_type == slow_type == "text/event-stream; charset=utf-8"
    assert _shape(fast_whole) == _shape(slow_whole)
    assert fast_whole["assistant_message"]["content"] == "Echo: hello"
    kinds = [kind for kind, _ in fast_events]
    assert kinds == [kind for kind, _ in slow_events]
    assert kinds[0] == "start"
    assert kinds[-1] == "done"
    assert _shape(fast_events[-1]) == _shape(slow_events[-1])


async def test_a_locked_database_is_a_503_with_and_without_the_lane(
    make_chats_app: MakeChatsApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def locked(**_fields: Any) -> None:
        raise sqlite3.OperationalError("database is locked")

    for fast in (True, False):
        async with make_chats_app(gateway_fast_lane=fast) as app, http_client(app) as client:
            owner = await make_actor(app, "user")
            chat = await new_chat(client, owner)
            monkeypatch.setattr(app.state.chat_turns.store, "load", locked)
            answer = await client.post(
                f"/api/chats/{chat['id']}/messages", json={"content": "hi"}, headers=owner.headers
            )
        assert answer.status_code == 503
        assert answer.headers["Retry-After"] == "5"
        assert answer.json()["error"]["type"] == "database_unavailable"
