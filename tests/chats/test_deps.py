"""Ownership is absolute: every chat route answers another user's chat with a bare 404; the
read-only role lists, reads, exports and deletes its own chats but cannot send (403)."""

from __future__ import annotations

import base64

import httpx
from fastapi import FastAPI

from ollama_gateway.chats.models import Chat
from tests.auth.factories import Actor, make_actor
from tests.chats.conftest import ask, new_chat
from tests.users.factories import database

PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 16


async def test_every_chat_route_hides_another_users_chat(
    client: httpx.AsyncClient, alice: Actor, bob: Actor
) -> None:
    chat = await new_chat(client, alice, title="Alice's secret plans")
    done = await ask(client, alice, chat["id"], "secret", images=[base64.b64encode(PNG).decode()])
    cid, mid = chat["id"], done["user_message"]["id"]
    stored = (await client.get(f"/api/chats/{cid}/messages", headers=alice.headers)).json()
    image = stored[0]["images"][0]["id"]
    calls = [
        ("GET", f"/api/chats/{cid}", None),
        ("GET", f"/api/chats/{cid}/messages", None),
        ("PATCH", f"/api/chats/{cid}", {"title": "mine now"}),
        ("DELETE", f"/api/chats/{cid}", None),
        ("POST", f"/api/chats/{cid}/messages", {"content": "hi", "stream": False}),
        ("POST", f"/api/chats/{cid}/messages/{mid}/regenerate", {"stream": False}),
        ("PUT", f"/api/chats/{cid}/messages/{mid}", {"content": "edited", "stream": False}),
        ("POST", f"/api/chats/{cid}/stop", None),
        ("GET", f"/api/chats/{cid}/stream", None),
        ("GET", f"/api/chats/{cid}/export?format=json", None),
        ("GET", f"/api/chats/{cid}/export?format=md", None),
        ("GET", f"/api/chats/{cid}/images/{image}", None),
        ("POST", "/api/send-message", {"chat_id": cid, "message": "hi"}),
    ]
    missing = 2**31 - 1
    for method, path, body in calls:
        theirs = await client.request(method, path, json=body, headers=bob.headers)
        assert theirs.status_code == 404, (method, path, theirs.text)
        error = theirs.json()["error"]
        assert error["type"] == "not_found"
        assert "Alice" not in theirs.text
        assert "secret" not in theirs.text
        nowhere = await client.request(
            method,
            path.replace(str(cid), str(missing), 1),
            json=body if "send-message" not in path else {**body, "chat_id": missing},
            headers=bob.headers,
        )
        assert nowhere.status_code == 404
        assert nowhere.json()["error"]["message"] == error["message"]
    bulk = await client.post("/api/chats/bulk-delete", json={"ids": [cid]}, headers=bob.headers)
    assert bulk.json() == {"deleted": 0}
    listed = await client.get("/api/chats?q=secret", headers=bob.headers)
    assert listed.json()["items"] == []
    still = await client.get(f"/api/chats/{cid}", headers=alice.headers)
    assert still.status_code == 200
    assert still.json()["title"] == "Alice's secret plans"
    assert still.json()["message_count"] == 2


async def test_the_read_only_role_reads_and_deletes_but_cannot_send(
    chats_app: FastAPI, client: httpx.AsyncClient
) -> None:
    reader = await make_actor(chats_app, "read-only")
    async with database(chats_app).session() as session:
        kept, dropped = (Chat(user_id=reader.user_id, title=t) for t in ("kept", "dropped"))
        session.add_all([kept, dropped])
        await session.flush()
        kept_id, dropped_id = kept.id, dropped.id
    assert (await client.get("/api/chats", headers=reader.headers)).status_code == 200
    assert (await client.get(f"/api/chats/{kept_id}", headers=reader.headers)).status_code == 200
    exported = await client.get(f"/api/chats/{kept_id}/export", headers=reader.headers)
    assert exported.status_code == 200
    for method, path, body in [
        ("POST", f"/api/chats/{kept_id}/messages", {"content": "hi"}),
        ("POST", "/api/send-message", {"chat_id": kept_id, "message": "hi"}),
        ("POST", "/api/chats", {"title": "new"}),
        ("PATCH", f"/api/chats/{kept_id}", {"title": "renamed"}),
        ("POST", "/api/chats/import", exported.json()),
    ]:
        refused = await client.request(method, path, json=body, headers=reader.headers)
        assert refused.status_code == 403, (path, refused.text)
        assert refused.json()["error"]["type"] == "forbidden"
    gone = await client.delete(f"/api/chats/{dropped_id}", headers=reader.headers)
    assert gone.status_code == 204
    detail = (await client.get(f"/api/chats/{kept_id}", headers=reader.headers)).json()
    assert detail["messages"] == []
    assert detail["title"] == "kept"
