"""Every role over every portal route, from one table of expectations, on SQLite and PostgreSQL.

Each row is ``(method, path, body, {role: status})``; ``ALL`` and ``ONLY`` build the dictionaries.
Placeholders are filled per actor: ``{key_id}`` (the actor's own key), ``{user_id}``,
``{username}``, ``{password}``, ``{refresh_token}`` and ``{unique}``.  Every actor is fresh for
each row, so rows may change state (revoke, change password) without affecting one another.

``test_every_portal_route_is_in_the_table`` fails when a portal route exists without a row: a
domain that adds a route adds its row here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from httpx import AsyncClient

from ollama_gateway.core.errors import Family, family_for_path
from tests.auth.factories import ROLES, Actor, make_actor
from tests.users.factories import unique

EVERYONE = (*ROLES, "anonymous")


def ALL(status: int, anonymous: int = 401) -> dict[str, int]:
    return {**dict.fromkeys(ROLES, status), "anonymous": anonymous}


def ONLY(allowed: tuple[str, ...], status: int, denied: int = 403) -> dict[str, int]:
    return {**{r: status if r in allowed else denied for r in ROLES}, "anonymous": 401}


KEY_ROLES = ("admin", "developer")


@dataclass(frozen=True)
class Row:
    method: str
    path: str
    expect: dict[str, int]
    body: dict[str, Any] | None = None
    #: The route's own path when the one requested differs (a ``{name:path}`` parameter).
    route: str | None = None

    @property
    def id(self) -> str:
        return f"{self.method} {self.route or self.path}"


TABLE: list[Row] = [
    # operations
    Row("GET", "/health", ALL(200, anonymous=200)),
    Row("GET", "/metrics", ONLY(("admin",), 200)),
    Row("GET", "/openapi.json", ALL(200, anonymous=200)),
    Row("GET", "/docs", ALL(200, anonymous=200)),
    Row("GET", "/docs/oauth2-redirect", ALL(200, anonymous=200)),
    Row("GET", "/redoc", ALL(200, anonymous=200)),
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
    Row("PATCH", "/api/admin/upstreams/{record_id}", ONLY(("admin",), 404), {}),
    Row("DELETE", "/api/admin/upstreams/{record_id}", ONLY(("admin",), 404)),
    Row("GET", "/api/admin/models", ONLY(("admin",), 200)),
    Row("POST", "/api/admin/models/pull", ONLY(("admin",), 404), {"model": "m", "nodes": ["no"]}),
    Row(
        "POST",
        "/api/admin/models/pulls/0123/cancel",
        ONLY(("admin",), 404),
        route="/api/admin/models/pulls/{pull_id}/cancel",
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
]


def _fill(value: Any, actor: Actor, token: str) -> Any:
    if isinstance(value, dict):
        return {k: _fill(v, actor, token) for k, v in value.items()}
    if isinstance(value, str):
        return value.format(
            key_id=actor.key_id or 999_999,
            user_id=actor.user_id or 999_999,
            username=actor.username,
            password=actor.password,
            refresh_token=actor.refresh_token,
            record_id=999_999_999,
            unique=token,
        )
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
        body = _fill(row.body, actor, unique()) if row.body is not None else None
        answer = await client.request(
            row.method, _fill(row.path, actor, ""), json=body, headers=actor.headers
        )
        got[role] = answer.status_code
        if answer.status_code >= 400 and answer.headers.get("content-type", "").startswith(
            "application/json"
        ):
            assert answer.json()["error"]["error_id"] == answer.headers["X-Request-ID"]
    assert got == row.expect
