"""Every key scope is enforced, and account and key management need a login session.

An admin (who holds every permission) gets one API key per scope, one unscoped key and a login
session; each calls every route that a scope or the login rule guards.  A scoped key passes only
the routes of its scope; no key, scoped or not, passes the login-only routes; the login session
passes everything.  Passing means "not refused" (not 401/403): the session app has no upstream,
so a proxied route may then answer 502/503.  SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient

from ollama_gateway.core.permissions import KEY_SCOPES, Permission
from tests.auth.factories import bearer, make_actor
from tests.keys.factories import make_key

LOGIN = "login"
_CHAT = {"model": "m", "messages": [{"role": "user", "content": "x"}], "stream": False}
_DIGEST = "sha256:" + "0" * 64

#: (method, path, JSON body, what it needs: a permission, LOGIN, or None for any caller)
ROUTES: list[tuple[str, str, Any, Permission | str | None]] = [
    ("POST", "/api/chat", _CHAT, Permission.GENERATE),
    ("POST", "/api/generate", {"model": "m", "prompt": "x"}, Permission.GENERATE),
    ("POST", "/api/embed", {"model": "m", "input": "x"}, Permission.GENERATE),
    ("POST", "/v1/chat/completions", _CHAT, Permission.GENERATE),
    ("POST", "/v1/embeddings", {"model": "m", "input": "x"}, Permission.GENERATE),
    ("GET", "/api/tags", None, Permission.MODELS_VIEW),
    ("HEAD", "/api/tags", None, Permission.MODELS_VIEW),
    ("POST", "/api/show", {"model": "m"}, Permission.MODELS_VIEW),
    ("GET", "/api/ps", None, Permission.MODELS_VIEW),
    ("GET", "/v1/models", None, Permission.MODELS_VIEW),
    ("GET", "/v1/models/m", None, Permission.MODELS_VIEW),
    ("GET", "/api/models", None, Permission.MODELS_VIEW),
    ("POST", "/api/pull", {"model": "m", "stream": False}, Permission.MODELS_MANAGE),
    ("POST", "/api/copy", {"source": "m", "destination": "n"}, Permission.MODELS_MANAGE),
    ("HEAD", f"/api/blobs/{_DIGEST}", None, Permission.MODELS_MANAGE),
    ("DELETE", "/api/delete", {"model": "m"}, Permission.MODELS_DELETE),
    ("GET", "/api/usage/limits", None, Permission.USAGE_READ),
    ("GET", "/api/version", None, None),
    ("GET", "/api/auth/whoami", None, None),
    ("GET", "/api/auth/me/settings", None, None),
    ("PUT", "/api/auth/me/settings", {"system_prompt": "obey the key"}, LOGIN),
    ("PATCH", "/api/auth/me", {}, LOGIN),
    ("POST", "/api/auth/me/password", {"current_password": "no", "new_password": "x"}, LOGIN),
    ("GET", "/api/auth/api-keys", None, LOGIN),
    ("POST", "/api/auth/api-keys", {"name": "minted"}, LOGIN),
    ("PATCH", "/api/auth/api-keys/{victim}", {"name": "renamed"}, LOGIN),
    ("DELETE", "/api/auth/api-keys/{victim}", None, LOGIN),
]


def _passes(needed: Permission | str | None, scope: Permission | None, *, key: bool) -> bool:
    if needed == LOGIN:
        return not key
    return needed is None or not key or scope is None or needed == scope


def _says_why(message: str, needed: Permission | str | None, scope: Permission | None) -> bool:
    if needed != LOGIN:
        return f"requires the {needed} permission" in message
    # a scoped key lacks api_keys (not a key scope): refused for that before the login rule
    return "needs a login session" in message or (
        scope is not None and "requires the api_keys permission" in message
    )


async def test_every_scope_and_the_login_rule_hold(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    victim = (await make_key(app, admin.user_id, name="victim"))[1]
    callers: list[tuple[str, dict[str, str], Permission | None, bool]] = [
        ("login session", admin.headers, None, False),
        ("unscoped key", bearer(admin.key), None, True),
    ]
    for scope in sorted(KEY_SCOPES):
        secret, _key_id = await make_key(app, admin.user_id, scopes=[scope.value])
        callers.append((f"key scoped to {scope.value}", bearer(secret), scope, True))
    wrong = []
    for method, path, body, needed in ROUTES:
        url = path.format(victim=victim)
        for who, headers, scope, key in callers:
            answer = await client.request(method, url, json=body, headers=headers)
            passed = answer.status_code not in (401, 403)
            if passed != _passes(needed, scope, key=key):
                wrong.append(f"{method} {path} by {who}: {answer.status_code} {answer.text[:120]}")
            elif not passed and method != "HEAD" and not _says_why(answer.text, needed, scope):
                wrong.append(f"{method} {path} by {who}: {answer.text[:120]}")
    assert wrong == []
