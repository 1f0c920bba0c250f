"""The chats routes' OpenAPI document says what the server takes, as the schemathesis run checks.

Regressions of that run: image strings are base64 by the schema (a non-base64 one was refused
only by the handler), stored text states that it holds no NUL (the database layer refused it with
422), an ``options`` integer past 64 bits was a 500 (orjson cannot write it), and the run's
per-operation overrides in tests/core/schemathesis.toml selected every operation of a method
instead of the one named.  The magic-bytes rule stays a server rule (tested here); the run makes
its generated images real PNGs (``schemathesis_hooks.real_images``).
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import httpx
import orjson
import schemathesis
from fastapi import FastAPI
from schemathesis.config import SchemathesisConfig

from ollama_gateway.chats.schemas import BASE64_IMAGE, NO_NUL
from ollama_gateway.chats.turns import upstream_json
from tests.auth.factories import Actor
from tests.chats.conftest import ask, new_chat
from tests.core.schemathesis_hooks import TINY_PNG, real_images

_CONFIG = Path(__file__).parent.parent / "core" / "schemathesis.toml"


def _schema(app: FastAPI, name: str) -> dict[str, Any]:
    found: dict[str, Any] = app.openapi()["components"]["schemas"][name]
    return found


def _string(prop: dict[str, Any]) -> dict[str, Any]:
    """The string branch of ``str | None`` (or the string itself)."""
    branches: list[dict[str, Any]] = prop.get("anyOf", [prop])
    return next(b for b in branches if b.get("type") == "string")


def test_images_are_base64_by_the_schema(chats_app: FastAPI) -> None:
    images = _schema(chats_app, "MessageCreate")["properties"]["images"]
    item = next(b for b in images["anyOf"] if b.get("type") == "array")["items"]
    assert item["pattern"] == BASE64_IMAGE
    assert _schema(chats_app, "ExportImage")["properties"]["data"]["pattern"] == BASE64_IMAGE
    pattern = re.compile(BASE64_IMAGE)
    assert pattern.match(TINY_PNG)
    assert pattern.match("data:image/png;base64," + TINY_PNG)
    assert not pattern.match("~")
    assert not pattern.match("AAA")


def test_stored_text_states_no_nul(chats_app: FastAPI) -> None:
    for model, field in [
        ("MessageCreate", "content"),
        ("MessageEdit", "content"),
        ("SendMessage", "message"),
        ("ChatCreate", "title"),
        ("ChatUpdate", "system"),
        ("ExportMessage", "content"),
        ("ExportMessage", "error"),
        ("ChatExport", "title"),
    ]:
        assert _string(_schema(chats_app, model)["properties"][field])["pattern"] == NO_NUL
    assert not re.match(NO_NUL, "a\x00b")
    assert re.match(NO_NUL, "line\nline")


async def test_images_refused_by_shape_and_by_bytes(
    client: httpx.AsyncClient, alice: Actor
) -> None:
    chat = await new_chat(client, alice)
    url = f"/api/chats/{chat['id']}/messages"
    not_base64 = await client.post(
        url, json={"content": "hi", "stream": False, "images": ["~"]}, headers=alice.headers
    )
    assert not_base64.status_code == 422, not_base64.text
    # base64 as the schema states, but not an image: the server's own rule (magic bytes)
    text = base64.b64encode(b"plain text, no image").decode()
    not_image = await client.post(
        url, json={"content": "hi", "stream": False, "images": [text]}, headers=alice.headers
    )
    assert not_image.status_code == 422
    assert "not a PNG, JPEG, WebP or GIF" in not_image.json()["error"]["message"]
    nul = await client.post(url, json={"content": "a\x00b", "stream": False}, headers=alice.headers)
    assert nul.status_code == 422
    stored = await client.get(url, headers=alice.headers)
    assert stored.json() == []  # nothing stored by any refusal
    await ask(client, alice, chat["id"], "a picture", images=[TINY_PNG])
    question = (await client.get(url, headers=alice.headers)).json()[0]
    assert [image["media_type"] for image in question["images"]] == ["image/png"]


def test_an_option_past_64_bits_is_sent_as_written() -> None:
    body = upstream_json({"model": "m", "options": {"seed": 2**90, "name": "é"}})
    assert json.loads(body)["options"]["seed"] == 2**90
    assert upstream_json({"a": 1}) == orjson.dumps({"a": 1})


async def test_an_option_past_64_bits_is_no_server_error(
    client: httpx.AsyncClient, alice: Actor
) -> None:
    chat = await new_chat(client, alice)
    response = await client.post(
        f"/api/chats/{chat['id']}/messages",
        json={"content": "hi", "stream": False, "options": {"x": 2**90}},
        headers=alice.headers,
    )
    assert response.status_code < 500, response.text


def test_the_run_makes_schema_valid_images_real() -> None:
    send = {"content": "x", "images": ["", "AAAA", "~", 5]}
    assert real_images(send)["images"] == [TINY_PNG, TINY_PNG, "~", 5]
    imported = {"messages": [{"id": 1, "images": [{"data": "", "media_type": ""}, {"x": 1}]}]}
    assert real_images(imported)["messages"][0]["images"] == [
        {"data": TINY_PNG, "media_type": ""},
        {"x": 1},
    ]
    assert real_images(None) is None


def test_run_overrides_select_only_the_operations_they_name(chats_app: FastAPI) -> None:
    config = SchemathesisConfig.from_path(str(_CONFIG))
    schema = schemathesis.openapi.from_dict(chats_app.openapi(), config=config)
    overridden = {}
    for result in schema.get_all_operations():
        op = result.ok()
        expected = schema.config.checks_config_for(operation=op, phase=None)
        statuses = expected.positive_data_acceptance.expected_statuses
        overridden[f"{op.method.upper()} {op.path}"] = "422" in statuses
    assert overridden["POST /api/chats/import"]
    assert overridden["PUT /api/chats/{chat_id}/messages/{message_id}"]
    # no 422 left to excuse: sending a message, creating a chat, bulk delete, send-message
    for name in [
        "POST /api/chats/{chat_id}/messages",
        "POST /api/chats",
        "POST /api/chats/bulk-delete",
        "POST /api/send-message",
        "PATCH /api/chats/{chat_id}",
    ]:
        assert not overridden[name], name
