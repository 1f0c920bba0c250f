"""Hostile input, one table: each case gets the right status, the portal envelope whose
``error_id`` is the response's ``X-Request-ID``, and writes nothing (row counts before/after).
Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import jwt
import pytest
from fastapi import FastAPI
from httpx import AsyncClient, Response
from sqlalchemy import func, select

from ollama_gateway.auth.models import AuditEvent, RefreshToken
from ollama_gateway.core.db import utcnow
from ollama_gateway.keys.models import ApiKey
from ollama_gateway.users import service as users_service
from ollama_gateway.users.models import User, UserSettings
from tests.auth.factories import Actor, bearer, make_actor
from tests.conftest import TEST_SECRET, MakeApp, http_client
from tests.keys.factories import make_key
from tests.users.factories import database, unique

TABLES = (User, UserSettings, ApiKey, RefreshToken, AuditEvent)


async def row_counts(app: FastAPI) -> dict[str, int]:
    async with database(app).session() as session:
        return {
            model.__tablename__: int(
                await session.scalar(select(func.count()).select_from(model)) or 0
            )
            for model in TABLES
        }


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _claims(actor: Actor, **extra: Any) -> dict[str, Any]:
    now = int(time.time())
    return {"sub": str(actor.user_id), "type": "access", "iat": now, "exp": now + 600, "tv": 0,
            "role": "admin", **extra}  # fmt: skip


def tampered(actor: Actor) -> str:
    header, payload, signature = actor.access_token.split(".")
    forged = json.loads(base64.urlsafe_b64decode(payload + "=="))
    forged["role"] = "admin"
    return f"{header}.{_b64(forged)}.{signature}"


def alg_none(actor: Actor) -> str:
    return f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_claims(actor))}."


def expired(actor: Actor) -> str:
    claims = _claims(actor, iat=int(time.time()) - 7200, exp=int(time.time()) - 3600)
    return jwt.encode(claims, TEST_SECRET, algorithm="HS256")


def wrong_secret(actor: Actor) -> str:
    return jwt.encode(_claims(actor), "another-secret-" + "y" * 40, algorithm="HS256")


async def _deactivate(app: FastAPI, actor: Actor) -> None:
    async with database(app).session() as session:
        await users_service.update_account(
            session, user_id=actor.user_id, cache=app.state.principal_cache, is_active=False
        )


Setup = Callable[[FastAPI, Actor], Awaitable[dict[str, str]]]


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    path: str
    status: int
    #: Builds the request's headers for the actor (after any state change it needs).
    headers: Setup
    json: Any = None
    content: bytes | None = None
    message: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


async def _session(app: FastAPI, actor: Actor) -> dict[str, str]:
    return actor.headers


def _token(make: Callable[[Actor], str]) -> Setup:
    async def setup(app: FastAPI, actor: Actor) -> dict[str, str]:
        return bearer(make(actor))

    return setup


async def _revoked_key(app: FastAPI, actor: Actor) -> dict[str, str]:
    key, _ = await make_key(app, actor.user_id, revoked=True)
    return bearer(key)


async def _expired_key(app: FastAPI, actor: Actor) -> dict[str, str]:
    key, _ = await make_key(app, actor.user_id, expires_at=utcnow() - timedelta(seconds=1))
    return {"X-API-Key": key}


async def _unknown_key(app: FastAPI, actor: Actor) -> dict[str, str]:
    return bearer("og-" + "A" * 43)


async def _deactivated_key(app: FastAPI, actor: Actor) -> dict[str, str]:
    await _deactivate(app, actor)
    return bearer(actor.key)


async def _deactivated_token(app: FastAPI, actor: Actor) -> dict[str, str]:
    await _deactivate(app, actor)
    return actor.headers


async def _basic_auth(app: FastAPI, actor: Actor) -> dict[str, str]:
    return {"Authorization": "Basic YWRtaW46YWRtaW4="}


REGISTER = "/api/auth/register"
KEYS = "/api/auth/api-keys"
LONG = "x" * 300
#: PostgreSQL cannot store NUL in text: refused alike on both backends (``core.db``)
NUL = "text must not contain NUL characters (\\u0000)"

CASES = [
    Case("malformed JSON (register)", "POST", REGISTER, 400, _session, content=b'{"username": '),
    Case("malformed JSON (login)", "POST", "/api/auth/login", 400, _session, content=b"{nope"),
    Case("malformed JSON (api key)", "POST", KEYS, 400, _session, content=b"[1, 2"),
    Case("wrong type (username)", "POST", REGISTER, 422, _session,
         json={"username": 123, "email": "a@example.com", "password": "Pass-Word-123!"}),
    Case("wrong type (key name)", "POST", KEYS, 422, _session, json={"name": ["x"]}),
    Case("wrong type (limits)", "POST", KEYS, 422, _session,
         json={"name": "k", "limits": {"requests_per_minute": "lots"}}),
    Case("negative limit", "POST", KEYS, 422, _session,
         json={"name": "k", "limits": {"requests_per_minute": -1}}),
    Case("unknown scope", "POST", KEYS, 422, _session, json={"name": "k", "scopes": ["root"]}),
    Case("scope beyond key scopes", "POST", KEYS, 422, _session,
         json={"name": "k", "scopes": ["admin:users"]}),
    Case("expiry in the past", "POST", KEYS, 422, _session,
         json={"name": "k", "expires_at": "2001-01-01T00:00:00Z"}),
    Case("unexpected field", "PATCH", "/api/auth/me", 422, _session, json={"role": "admin"}),
    Case("bad theme", "PUT", "/api/auth/me/settings", 422, _session, json={"theme": "neon"}),
    Case("overlong username", "POST", REGISTER, 422, _session,
         json={"username": "u" * 65, "email": "a@example.com", "password": "Pass-Word-123!"}),
    Case("username charset", "POST", REGISTER, 422, _session,
         json={"username": "bad name!", "email": "a@example.com", "password": "Pass-Word-123!"}),
    Case("overlong email", "POST", REGISTER, 422, _session,
         json={"username": "fine", "email": f"{LONG}@example.com", "password": "Pass-Word-123!"}),
    Case("overlong password", "POST", REGISTER, 422, _session,
         json={"username": "fine", "email": "a@example.com", "password": "Aa1!" + "p" * 253}),
    Case("overlong key name", "POST", KEYS, 422, _session, json={"name": "n" * 101}),
    Case("overlong description", "POST", KEYS, 422, _session,
         json={"name": "k", "description": "d" * 1001}),
    Case("overlong system prompt", "PUT", "/api/auth/me/settings", 422, _session,
         json={"system_prompt": "s" * 20_001}),
    Case("overlong model name", "PUT", "/api/auth/me/settings", 422, _session,
         json={"default_model": "m" * 201}),
    Case("NUL in login name", "POST", "/api/auth/login", 422, _session,
         json={"username": "ad\u0000min", "password": "x"}, message=NUL),
    Case("NUL in key name", "POST", KEYS, 422, _session, json={"name": "k\u0000"}, message=NUL),
    Case("NUL in key description", "POST", KEYS, 422, _session,
         json={"name": "k", "description": "\u0000"}, message=NUL),
    Case("NUL in settings", "PUT", "/api/auth/me/settings", 422, _session,
         json={"system_prompt": "be\u0000nice"}, message=NUL),
    Case("tampered JWT", "PATCH", "/api/auth/me", 401, _token(tampered), json={"email": "t@x.io"}),
    Case("alg:none JWT", "PATCH", "/api/auth/me", 401, _token(alg_none), json={"email": "t@x.io"}),
    Case("expired JWT", "POST", KEYS, 401, _token(expired), json={"name": "k"},
         message="access token rejected: token expired"),
    Case("JWT signed with another secret", "POST", KEYS, 401, _token(wrong_secret),
         json={"name": "k"}),
    Case("not a bearer scheme", "GET", "/api/auth/me", 401, _basic_auth),
    Case("unknown API key", "POST", KEYS, 401, _unknown_key, json={"name": "k"},
         message="invalid API key"),
    Case("revoked API key", "POST", KEYS, 401, _revoked_key, json={"name": "k"},
         message="API key has been revoked"),
    Case("expired API key", "POST", KEYS, 401, _expired_key, json={"name": "k"},
         message="API key has expired"),
    Case("deactivated user's key", "POST", KEYS, 401, _deactivated_key, json={"name": "k"},
         message="account is deactivated"),
    Case("deactivated user's token", "PUT", "/api/auth/me/settings", 401, _deactivated_token,
         json={"theme": "dark"}, message="account is deactivated"),
]  # fmt: skip


def assert_envelope(answer: Response, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    assert set(error) == {"type", "message", "error_id", "timestamp", "details"}
    assert error["error_id"] == answer.headers["X-Request-ID"]
    return dict(error)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
async def test_hostile_input(case: Case, app: FastAPI, client: AsyncClient) -> None:
    actor = await make_actor(app, "developer")
    headers = await case.headers(app, actor)
    if case.content is not None:
        headers = {**headers, "Content-Type": "application/json"}
    before = await row_counts(app)
    answer = await client.request(
        case.method, case.path, json=case.json, content=case.content, headers=headers
    )
    error = assert_envelope(answer, case.status)
    if case.message:
        assert error["message"] == case.message
    assert await row_counts(app) == before


async def test_huge_bodies_get_413_and_write_nothing(make_app: MakeApp) -> None:
    async with make_app(max_request_body_bytes=1024) as app, http_client(app) as client:
        body = {"username": unique(), "email": "big@example.com", "password": "P-" + "a1A!" * 400}
        before = await row_counts(app)
        declared = await client.post(REGISTER, json=body)
        assert_envelope(declared, 413)

        async def chunks() -> AsyncIterator[bytes]:
            payload = json.dumps(body).encode()
            for start in range(0, len(payload), 256):
                yield payload[start : start + 256]

        chunked = await client.post(
            REGISTER, content=chunks(), headers={"Content-Type": "application/json"}
        )
        assert "content-length" not in chunked.request.headers
        assert_envelope(chunked, 413)
        assert await row_counts(app) == before
