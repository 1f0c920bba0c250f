"""The chats lifecycle through the API, on SQLite and PostgreSQL, against the fake Ollama."""

from __future__ import annotations

import base64

import httpx
import pytest

from tests.auth.factories import Actor
from tests.chats.conftest import MODEL, ask, events, new_chat
from tests.fakes.ollama import FakeOllama

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


async def test_create_send_stream_and_list(
    client: httpx.AsyncClient, alice: Actor, fake: FakeOllama
) -> None:
    chat = await new_chat(client, alice)
    assert chat["title"] == "New Chat"
    assert chat["message_count"] == 0
    response = await client.post(
        f"/api/chats/{chat['id']}/messages",
        json={"content": "Tell me about the blue whale and krill"},
        headers=alice.headers,
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    got = events(response.text)
    assert got[0][0] == "start"
    assert got[-1][0] == "done"
    start, done = got[0][1], got[-1][1]
    assert start["user_message"]["content"] == "Tell me about the blue whale and krill"
    answer = done["assistant_message"]
    assert answer["id"] == start["assistant_message_id"]
    assert answer["status"] == "complete"
    assert answer["content"]
    assert "".join(data["content"] for kind, data in got if kind == "delta") == answer["content"]
    assert done["performance"]["completion_tokens"] == fake.chunks
    sent = fake.last_request("/api/chat").json
    assert sent["model"] == MODEL
    assert sent["messages"][-1]["role"] == "user"

    second = await ask(client, alice, chat["id"], "And the fin whale?")
    assert second["assistant_message"]["status"] == "complete"
    assert second["performance"]["completion_tokens"] == fake.chunks
    context = fake.last_request("/api/chat").json["messages"]
    assert [m["role"] for m in context] == ["user", "assistant", "user"]

    listed = (await client.get("/api/chats", headers=alice.headers)).json()
    mine = next(item for item in listed["items"] if item["id"] == chat["id"])
    assert mine["message_count"] == 4
    assert mine["preview"] == second["assistant_message"]["content"][:160]
    assert mine["title"].startswith("Tell me about the blue whale")

    detail = (await client.get(f"/api/chats/{chat['id']}", headers=alice.headers)).json()
    assert [m["role"] for m in detail["messages"]] == ["user", "assistant"] * 2
    assert detail["messages"][1]["performance"]["completion_tokens"] == fake.chunks
    alone = (await client.get(f"/api/chats/{chat['id']}/messages", headers=alice.headers)).json()
    assert alone == detail["messages"]


async def test_search_rename_pin_archive_and_paging(
    client: httpx.AsyncClient, alice: Actor
) -> None:
    first = await new_chat(client, alice, title="Gardening notes")
    await ask(client, alice, first["id"], "How deep should tomatoes be planted?")
    second = await new_chat(client, alice, title="Quantum homework")
    await ask(client, alice, second["id"], "Explain entanglement simply")

    hits = (await client.get("/api/chats?q=tomatoes", headers=alice.headers)).json()["items"]
    assert [h["id"] for h in hits] == [first["id"]]
    assert "**tomatoes**" in hits[0]["snippet"]
    by_title = (await client.get("/api/chats?q=quantum", headers=alice.headers)).json()["items"]
    assert [h["id"] for h in by_title] == [second["id"]]
    assert "**Quantum**" in by_title[0]["snippet"]
    prefix = (await client.get("/api/chats?q=entangle", headers=alice.headers)).json()["items"]
    assert [h["id"] for h in prefix] == [second["id"]]
    assert (await client.get("/api/chats?q=%22)(*", headers=alice.headers)).status_code == 200

    renamed = await client.patch(
        f"/api/chats/{first['id']}", json={"title": "Tomato plan", "pinned": True},
        headers=alice.headers,
    )  # fmt: skip
    assert renamed.status_code == 200
    assert renamed.json()["pinned"] is True
    listed = (await client.get("/api/chats?limit=1", headers=alice.headers)).json()
    assert listed["items"][0]["id"] == first["id"]
    assert listed["next_cursor"]
    rest = await client.get(
        f"/api/chats?limit=1&cursor={listed['next_cursor']}", headers=alice.headers
    )
    assert rest.json()["items"][0]["id"] == second["id"]

    await client.patch(f"/api/chats/{second['id']}", json={"archived": True}, headers=alice.headers)
    active = (await client.get("/api/chats", headers=alice.headers)).json()["items"]
    assert second["id"] not in [c["id"] for c in active]
    archived = (await client.get("/api/chats?archived=true", headers=alice.headers)).json()
    assert [c["id"] for c in archived["items"]] == [second["id"]]
    too_long = await client.patch(
        f"/api/chats/{first['id']}", json={"title": "x" * 201}, headers=alice.headers
    )
    assert too_long.status_code == 422


async def test_regenerate_switch_branches_and_edit(
    client: httpx.AsyncClient, alice: Actor, fake: FakeOllama
) -> None:
    chat = await new_chat(client, alice)
    one = await ask(client, alice, chat["id"], "first question")
    question, answer = one["user_message"], one["assistant_message"]
    again = await client.post(
        f"/api/chats/{chat['id']}/messages/{answer['id']}/regenerate",
        json={"stream": False}, headers=alice.headers,
    )  # fmt: skip
    assert again.status_code == 200, again.text
    other = again.json()["assistant_message"]
    assert other["parent_id"] == question["id"]
    assert other["siblings"] == [answer["id"], other["id"]]
    path = (await client.get(f"/api/chats/{chat['id']}/messages", headers=alice.headers)).json()
    assert [m["id"] for m in path] == [question["id"], other["id"]]
    assert path[1]["siblings"] == [answer["id"], other["id"]]

    switched = await client.patch(
        f"/api/chats/{chat['id']}", json={"current_message_id": answer["id"]}, headers=alice.headers
    )
    assert switched.status_code == 200
    path = (await client.get(f"/api/chats/{chat['id']}/messages", headers=alice.headers)).json()
    assert [m["id"] for m in path] == [question["id"], answer["id"]]

    edited = await client.put(
        f"/api/chats/{chat['id']}/messages/{question['id']}",
        json={"content": "first question, reworded", "stream": False}, headers=alice.headers,
    )  # fmt: skip
    assert edited.status_code == 200, edited.text
    new_question = edited.json()["user_message"]
    assert new_question["parent_id"] is None
    path = (await client.get(f"/api/chats/{chat['id']}/messages", headers=alice.headers)).json()
    assert next(m["content"] for m in path) == "first question, reworded"
    assert path[0]["siblings"] == [question["id"], new_question["id"]]
    assert fake.last_request("/api/chat").json["messages"][-1]["content"] == (
        "first question, reworded"
    )
    switched = await client.patch(
        f"/api/chats/{chat['id']}", json={"current_message_id": question["id"]},
        headers=alice.headers,
    )  # fmt: skip
    path = (await client.get(f"/api/chats/{chat['id']}/messages", headers=alice.headers)).json()
    assert [m["id"] for m in path] == [question["id"], other["id"]]  # newest leaf of that branch


async def test_export_and_import_round_trip(client: httpx.AsyncClient, alice: Actor) -> None:
    chat = await new_chat(client, alice, title="Round trip", system="Be brief.")
    one = await ask(client, alice, chat["id"], "a picture", images=[base64.b64encode(PNG).decode()])
    await client.post(
        f"/api/chats/{chat['id']}/messages/{one['assistant_message']['id']}/regenerate",
        json={"stream": False}, headers=alice.headers,
    )  # fmt: skip
    exported = await client.get(
        f"/api/chats/{chat['id']}/export?format=json", headers=alice.headers
    )
    assert exported.status_code == 200
    data = exported.json()
    assert len(data["messages"]) == 3
    assert data["messages"][0]["images"][0]["media_type"] == "image/png"
    markdown = await client.get(f"/api/chats/{chat['id']}/export?format=md", headers=alice.headers)
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text.startswith("# Round trip")
    assert "a picture" in markdown.text

    imported = await client.post("/api/chats/import", json=data, headers=alice.headers)
    assert imported.status_code == 201, imported.text
    copy = imported.json()
    assert copy["id"] != chat["id"]
    assert copy["title"] == "Round trip"
    again = (await client.get(f"/api/chats/{copy['id']}/export", headers=alice.headers)).json()
    strip = lambda export: [  # noqa: E731
        (m["role"], m["content"], m["status"], m["images"]) for m in export["messages"]
    ]
    assert strip(again) == strip(data)
    assert again["system"] == "Be brief."
    original = (await client.get(f"/api/chats/{chat['id']}/messages", headers=alice.headers)).json()
    copied = (await client.get(f"/api/chats/{copy['id']}/messages", headers=alice.headers)).json()
    assert [m["content"] for m in copied] == [m["content"] for m in original]
    image_id = copied[0]["images"][0]["id"]
    picture = await client.get(f"/api/chats/{copy['id']}/images/{image_id}", headers=alice.headers)
    assert picture.content == PNG
    assert picture.headers["content-type"] == "image/png"


async def test_images_are_checked_and_sent(
    client: httpx.AsyncClient, alice: Actor, fake: FakeOllama
) -> None:
    chat = await new_chat(client, alice)
    encoded = base64.b64encode(PNG).decode()
    result = await ask(client, alice, chat["id"], "what is this?", images=[encoded])
    assert result["user_message"]["id"]
    assert fake.last_request("/api/chat").json["messages"][-1]["images"] == [encoded]
    stored = (await client.get(f"/api/chats/{chat['id']}/messages", headers=alice.headers)).json()
    assert stored[0]["images"][0]["media_type"] == "image/png"

    # a follow-up about the picture: the model sees the picture again, with its question
    await ask(client, alice, chat["id"], "and its colour?")
    sent = fake.last_request("/api/chat").json["messages"]
    assert [(m["role"], m["content"], m.get("images")) for m in sent if m["role"] == "user"] == [
        ("user", "what is this?", [encoded]),
        ("user", "and its colour?", None),
    ]

    before = (await client.get(f"/api/chats/{chat['id']}", headers=alice.headers)).json()
    fake_image = base64.b64encode(b"<html>not an image</html>").decode()
    for images in ([fake_image], [encoded] * 5, ["%%% not base64"]):
        refused = await client.post(
            f"/api/chats/{chat['id']}/messages",
            json={"content": "and this?", "images": images, "stream": False},
            headers=alice.headers,
        )
        assert refused.status_code == 422, refused.text
        assert refused.json()["error"]["type"] == "validation_error"
    too_long = await client.post(
        f"/api/chats/{chat['id']}/messages", json={"content": "x" * 10_001, "stream": False},
        headers=alice.headers,
    )  # fmt: skip
    assert too_long.status_code == 422
    after = (await client.get(f"/api/chats/{chat['id']}", headers=alice.headers)).json()
    assert after["message_count"] == before["message_count"]


async def test_delete_and_bulk_delete(client: httpx.AsyncClient, alice: Actor) -> None:
    ids = [(await new_chat(client, alice, title=f"chat {n}"))["id"] for n in range(3)]
    await ask(client, alice, ids[0], "something to delete with its chat")
    refused = await client.post(
        "/api/chats/bulk-delete", json={"ids": list(range(1, 102))}, headers=alice.headers
    )
    assert refused.status_code == 422
    for chat_id in ids:
        assert (await client.get(f"/api/chats/{chat_id}", headers=alice.headers)).status_code == 200
    deleted = await client.post(
        "/api/chats/bulk-delete", json={"ids": ids[:2]}, headers=alice.headers
    )
    assert deleted.json() == {"deleted": 2}
    assert (await client.get(f"/api/chats/{ids[0]}", headers=alice.headers)).status_code == 404
    hits = (await client.get("/api/chats?q=delete", headers=alice.headers)).json()["items"]
    assert ids[0] not in [h["id"] for h in hits]
    gone = await client.delete(f"/api/chats/{ids[2]}", headers=alice.headers)
    assert gone.status_code == 204
    assert (await client.get(f"/api/chats/{ids[2]}", headers=alice.headers)).status_code == 404


@pytest.mark.parametrize("chat_id", ["0", "2147483648", "99999999999999999999"])
async def test_out_of_range_ids_are_refused(
    client: httpx.AsyncClient, alice: Actor, chat_id: str
) -> None:
    response = await client.get(f"/api/chats/{chat_id}", headers=alice.headers)
    assert response.status_code == 422


async def test_seed_send_message_alias(client: httpx.AsyncClient, alice: Actor) -> None:
    chat = await new_chat(client, alice)
    response = await client.post(
        "/api/send-message",
        json={"chat_id": chat["id"], "message": "What is machine learning?", "model": MODEL},
        headers=alice.headers,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["user_message"]["is_user"] is True
    assert body["ai_message"]["is_user"] is False
    assert body["ai_message"]["model_name"] == MODEL
    assert body["performance"]["eval_count"] > 0
    missing = await client.post(
        "/api/send-message", json={"chat_id": 2**31 - 1, "message": "hi"}, headers=alice.headers
    )
    assert missing.status_code == 404
    assert missing.json()["error"]["type"] == "not_found"
