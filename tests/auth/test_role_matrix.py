"""Every role over every portal route, from one table of expectations, on SQLite and PostgreSQL.

Each row is ``(method, path, body, {role: status})``; ``ALL`` and ``ONLY`` build the dictionaries.
Placeholders are filled per actor: ``{key_id}`` (the actor's own key), ``{user_id}``,
``{username}``, ``{password}``, ``{refresh_token}`` and ``{unique}``; a row naming ``{chat_id}``
gets a chat of the actor's, made in the database (so the read-only role has one too): a question
with an image (``{message_id}``, ``{image_id}``) and its answer; with ``busy`` a turn is under
way in it, so the turn routes answer 409 after every permission check without reaching a model.
A placeholder that is a whole body value and an id is sent as a JSON number.  Every actor is
fresh for each row, so rows may change state (revoke, change password) without affecting one
another.

``test_every_portal_route_is_in_the_table`` fails when a portal route exists without a row: a
domain that adds a route adds its row here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from httpx import AsyncClient

from ollama_gateway.chats.models import Chat, ChatAttachment, ChatMessage
from ollama_gateway.core.errors import Family, family_for_path
from tests.auth.factories import ROLES, Actor, make_actor
from tests.users.factories import database, unique

EVERYONE = (*ROLES, "anonymous")


def ALL(status: int, anonymous: int = 401) -> dict[str, int]:
    return {**dict.fromkeys(ROLES, status), "anonymous": anonymous}


def ONLY(allowed: tuple[str, ...], status: int, denied: int = 403) -> dict[str, int]:
    return {**{r: status if r in allowed else denied for r in ROLES}, "anonymous": 401}


KEY_ROLES = ("admin", "developer")
#: ``chats:write`` (and ``generate`` for a turn): every role but read-only.
WRITERS = ("admin", "developer", "user")
NOBODY = 999_999
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@dataclass(frozen=True)
class Row:
    method: str
    path: str
    expect: dict[str, int]
    body: dict[str, Any] | None = None
    #: The route's own path when the one requested differs (a ``{name:path}`` parameter).
    route: str | None = None
    #: The actor's chat (``{chat_id}``) has a turn under way.
    busy: bool = False
    #: A field of the route's own document, which its error status carries instead of the
    #: error envelope (a probe's report: the route documents that body for it).
    document: str | None = None

    @property
    def id(self) -> str:
        return f"{self.method} {self.route or self.path}"


def CHAT(
    method: str,
    tail: str,
    expect: dict[str, int],
    body: dict[str, Any] | None = None,
    *,
    busy: bool = False,
) -> Row:
    """A row of ``/api/chats/{chat_id}<tail>`` (the route's ids are ``{..._id:int}``)."""
    path = "/api/chats/{chat_id}" + tail
    route = re.sub(r"\{(\w+_id)\}", r"{\1:int}", path)
    return Row(method, path, expect, body, route=route, busy=busy)


TABLE: list[Row] = [
    # operations
    Row("GET", "/health", ALL(200, anonymous=200)),
    Row("GET", "/health/live", ALL(200, anonymous=200)),
    # the session app's one node is unreachable: not ready, whoever asks
    Row("GET", "/health/ready", ALL(503, anonymous=503), document="checks"),
    Row("GET", "/metrics", ONLY(("admin",), 200)),
    Row("GET", "/openapi.json", ALL(200, anonymous=200)),
    Row("GET", "/docs", ALL(200, anonymous=200)),
    Row("GET", "/docs/oauth2-redirect", ALL(200, anonymous=200)),
    Row("GET", "/redoc", ALL(200, anonymous=200)),
    # the portal's pages are public (the app signs in through the API); a missing asset is a 404
    # whether the app is built or not
    Row("GET", "/ui", ALL(308, anonymous=308)),
    Row("GET", "/ui/assets/matrix-none.js", ALL(404, anonymous=404), route="/ui/{path:path}"),
    # account
    Row(
        "POST",
        "/api/auth/register",
        ALL(201, anonymous=201),
        {"username": "{unique}", "email": "{unique}@example.com", "password": "Pass-Word-123!"},
    ),
    Row(
        "POST",
        "/api/auth/login",
        ALL(200, anonymous=401),
        {"username": "{username}", "password": "{password}"},
    ),
    Row("POST", "/api/auth/refresh", ALL(200), {"refresh_token": "{refresh_token}"}),
    Row("POST", "/api/auth/logout", ALL(204, anonymous=204), {"refresh_token": "{refresh_token}"}),
    Row("GET", "/api/auth/whoami", ALL(200)),
    Row("GET", "/api/auth/me", ALL(200)),
    Row("PATCH", "/api/auth/me", ALL(200), {"email": "{unique}@example.com"}),
    Row(
        "POST",
        "/api/auth/me/password",
        ALL(200),
        {"current_password": "{password}", "new_password": "Another-Pass-789!"},
    ),
    Row("GET", "/api/auth/me/settings", ALL(200)),
    Row("PUT", "/api/auth/me/settings", ALL(200), {"default_model": "llama3", "theme": "dark"}),
    # API keys
    Row("GET", "/api/auth/api-keys", ONLY(KEY_ROLES, 200)),
    Row("POST", "/api/auth/api-keys", ONLY(KEY_ROLES, 201), {"name": "matrix"}),
    Row("PATCH", "/api/auth/api-keys/{key_id}", ONLY(KEY_ROLES, 200), {"name": "renamed"}),
    Row("DELETE", "/api/auth/api-keys/{key_id}", ONLY(KEY_ROLES, 204)),
    # limits and the response cache
    Row("GET", "/", ALL(200, anonymous=200)),
    Row("GET", "/api/models", ALL(200)),
    Row("GET", "/api/status", ALL(200)),
    Row("GET", "/api/usage/limits", ALL(200)),
    Row("GET", "/api/usage", ALL(200)),
    Row("GET", "/api/admin/users/{user_id}/limits", ONLY(("admin",), 200)),
    # admin: users (an admin deleting their own account is a 409)
    Row("GET", "/api/admin/users", ONLY(("admin",), 200)),
    Row(
        "POST",
        "/api/admin/users",
        ONLY(("admin",), 201),
        {"username": "{unique}", "email": "{unique}@example.com"},
    ),
    Row("GET", "/api/admin/users/{user_id}", ONLY(("admin",), 200)),
    Row("PATCH", "/api/admin/users/{user_id}", ONLY(("admin",), 200), {"limits": None}),
    Row("DELETE", "/api/admin/users/{user_id}", ONLY(("admin",), 409)),
    Row("POST", "/api/admin/users/{user_id}/reset-password", ONLY(("admin",), 200)),
    # admin: keys, request log (no such entry: 404), audit
    Row("GET", "/api/admin/api-keys", ONLY(("admin",), 200)),
    Row("DELETE", "/api/admin/api-keys/{key_id}", ONLY(("admin",), 204)),
    Row("GET", "/api/admin/logs", ONLY(("admin",), 200)),
    Row("GET", "/api/admin/logs/{record_id}", ONLY(("admin",), 404)),
    Row("GET", "/api/admin/audit", ONLY(("admin",), 200)),
    Row("DELETE", "/api/admin/cache", ONLY(("admin",), 200)),
    # admin: run-time settings, upstreams (no such node: 404), models (no such model or node:
    # 404; the session app's one node is unreachable)
    Row("GET", "/api/admin/settings", ONLY(("admin",), 200)),
    Row("PATCH", "/api/admin/settings", ONLY(("admin",), 200), {}),
    Row("GET", "/api/admin/upstreams", ONLY(("admin",), 200)),
    Row(
        "POST",
        "/api/admin/upstreams",
        ONLY(("admin",), 201),
        {"name": "n-{unique}", "url": "http://10.255.0.1:11434", "enabled": False},
    ),
    Row("PATCH", "/api/admin/upstreams/{node_id}", ONLY(("admin",), 404), {}),
    Row("DELETE", "/api/admin/upstreams/{node_id}", ONLY(("admin",), 404)),
    Row("GET", "/api/admin/models", ONLY(("admin",), 200)),
    Row("POST", "/api/admin/model-pulls", ONLY(("admin",), 404), {"model": "m", "nodes": ["no"]}),
    Row(
        "POST",
        "/api/admin/model-pulls/0123/cancel",
        ONLY(("admin",), 404),
        route="/api/admin/model-pulls/{pull_id}/cancel",
    ),
    Row(
        "GET",
        "/api/admin/models/matrix-none:1",
        ONLY(("admin",), 404),
        route="/api/admin/models/{name:path}",
    ),
    Row(
        "PUT",
        "/api/admin/models/matrix-rule:1",
        ONLY(("admin",), 200),
        {"description": "matrix"},
        route="/api/admin/models/{name:path}",
    ),
    Row(
        "DELETE",
        "/api/admin/models/matrix-none:1",
        ONLY(("admin",), 404),
        route="/api/admin/models/{name:path}",
    ),
    # admin: telemetry, query console
    Row("GET", "/api/admin/telemetry", ONLY(("admin",), 200)),
    Row("POST", "/api/admin/query", ONLY(("admin",), 200), {"sql": "SELECT 1 AS one"}),
    # chats: reading, listing, exporting and deleting need chats:read (read-only too); creating,
    # changing, importing and turns chats:write.  A turn in a busy chat is a 409: past every
    # permission check (generate and the model's included), before any model is asked.
    Row("GET", "/api/chats", ALL(200)),
    Row("POST", "/api/chats", ONLY(WRITERS, 201), {"title": "matrix"}),
    Row("POST", "/api/chats/bulk-delete", ALL(200), {"ids": ["{chat_id}"]}),
    Row(
        "POST",
        "/api/chats/import",
        ONLY(WRITERS, 201),
        {"title": "imported", "messages": [{"id": 1, "role": "user", "content": "hi"}]},
    ),
    CHAT("GET", "", ALL(200)),
    CHAT("PATCH", "", ONLY(WRITERS, 200), {"title": "renamed"}),
    CHAT("DELETE", "", ALL(204)),
    CHAT("GET", "/messages", ALL(200)),
    CHAT("GET", "/export", ALL(200)),
    CHAT("GET", "/images/{image_id}", ALL(200)),
    CHAT("POST", "/messages", ONLY(WRITERS, 409), {"content": "hi", "stream": False}, busy=True),
    CHAT(
        "POST",
        "/messages/{message_id}/regenerate",
        ONLY(WRITERS, 409),
        {"stream": False},
        busy=True,
    ),
    CHAT(
        "PUT",
        "/messages/{message_id}",
        ONLY(WRITERS, 409),
        {"content": "hi again", "stream": False},
        busy=True,
    ),
    CHAT("POST", "/stop", ONLY(WRITERS, 200)),
    CHAT("GET", "/stream", ALL(409)),  # re-attaching is reading; no turn runs
    Row(
        "POST",
        "/api/send-message",
        ONLY(WRITERS, 409),
        {"chat_id": "{chat_id}", "message": "hi"},
        busy=True,
    ),
]


async def _chat_of(app: FastAPI, actor: Actor, *, busy: bool) -> dict[str, int]:
    """The ids of a new chat of ``actor``: a question with an image, and its answer."""
    if actor.anonymous:
        return dict.fromkeys(("chat_id", "message_id", "image_id"), NOBODY)
    async with database(app).session() as session:
        chat = Chat(user_id=actor.user_id, title="matrix", titled=True)
        session.add(chat)
        await session.flush()
        question = ChatMessage(
            chat_id=chat.id, user_id=actor.user_id, role="user", content="hi", image_count=1
        )
        session.add(question)
        await session.flush()
        answer = ChatMessage(
            chat_id=chat.id,
            user_id=actor.user_id,
            parent_id=question.id,
            role="assistant",
            content="hello",
            status="streaming" if busy else "complete",
        )
        image = ChatAttachment(
            message_id=question.id, media_type="image/png", size=len(PNG), data=PNG
        )
        session.add_all([answer, image])
        await session.flush()
        chat.current_leaf_id = answer.id
        chat.running_id = answer.id if busy else None
        ids = {"chat_id": chat.id, "message_id": question.id, "image_id": image.id}
        await session.commit()
    return ids


def _placeholders(actor: Actor, token: str) -> dict[str, Any]:
    return {
        "key_id": actor.key_id or NOBODY,
        "user_id": actor.user_id or NOBODY,
        "username": actor.username,
        "password": actor.password,
        "refresh_token": actor.refresh_token,
        "record_id": 999_999_999,
        "node_id": 999_999_999,
        "unique": token,
    }


def _fill(value: Any, values: dict[str, Any]) -> Any:
    if isinstance(value, dict):
        return {k: _fill(v, values) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, values) for v in value]
    if isinstance(value, str):
        whole = values.get(value[1:-1]) if value[:1] + value[-1:] == "{}" else None
        return whole if isinstance(whole, int) else value.format(**values)
    return value


def _route_keys(app: FastAPI) -> set[str]:
    """``"METHOD /path"`` of every portal route (FastAPI nests included routers)."""
    keys = set()
    for context in iter_route_contexts(app.routes):
        path = context.path or ""
        if not path or family_for_path(path) is not Family.PORTAL:
            continue
        for method in sorted(context.methods or {"GET"}):
            if method != "HEAD":
                keys.add(f"{method} {path}")
    return keys


def test_table_is_well_formed() -> None:
    for row in TABLE:
        assert set(row.expect) == set(EVERYONE), row.id
    assert len({row.id for row in TABLE}) == len(TABLE)


async def test_every_portal_route_is_in_the_table(app: FastAPI) -> None:
    missing = _route_keys(app) - {row.id for row in TABLE}
    assert missing == set(), "add a row for each of these routes"


@pytest.mark.parametrize("row", TABLE, ids=lambda row: row.id)
async def test_role_matrix(row: Row, app: FastAPI, client: AsyncClient) -> None:
    got: dict[str, int] = {}
    for role in EVERYONE:
        actor = await make_actor(app, role)
        values = _placeholders(actor, unique())
        if "{chat_id}" in f"{row.path}{row.body}":
            values |= await _chat_of(app, actor, busy=row.busy)
        body = _fill(row.body, values) if row.body is not None else None
        path = _fill(row.path, {**values, "unique": ""})
        answer = await client.request(row.method, path, json=body, headers=actor.headers)
        got[role] = answer.status_code
        if answer.status_code >= 400 and answer.headers.get("content-type", "").startswith(
            "application/json"
        ):
            if row.document is not None:
                assert row.document in answer.json()
                assert "error" not in answer.json()
            else:
                assert answer.json()["error"]["error_id"] == answer.headers["X-Request-ID"]
    assert got == row.expect
