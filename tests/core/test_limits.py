"""``core.limits.Count``: every route taking limits states the same rule in its schema and
applies it (a whole number 0..10**12, ``4.0`` included as JSON Schema's ``integer`` does;
never a boolean, a string or a fraction).  SQLite and PostgreSQL (the session ``app``)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from ollama_gateway.core.limits import MAX_LIMIT
from tests.auth.factories import make_actor
from tests.users.factories import make_user

REFUSED: list[Any] = [True, "5", 1.5, -1, MAX_LIMIT + 1]


def _limit_schemas(document: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for name in ("LimitsIn", "StrictLimits", "RoleLimits"):
        for prop in document["components"]["schemas"][name]["properties"].values():
            found.extend(s for s in prop["anyOf"] if s["type"] != "null")
    return found


async def test_the_schema_says_integer_with_minimum_and_maximum(client: AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    schemas = _limit_schemas(document)
    assert len(schemas) == 18
    for schema in schemas:
        assert schema == {"type": "integer", "minimum": 0, "maximum": MAX_LIMIT}, schema


async def _send(client: AsyncClient, app: FastAPI, limits: dict[str, Any]) -> list[int]:
    admin = await make_actor(app, "admin")
    user = await make_user(app)
    answers = [
        await client.patch(
            f"/api/admin/users/{user.id}", json={"limits": limits}, headers=admin.headers
        ),
        await client.post(
            "/api/auth/api-keys", json={"name": "k", "limits": limits}, headers=admin.headers
        ),
        await client.patch(
            "/api/admin/settings",
            json={"role_limits": {"read-only": limits}},
            headers=admin.headers,
        ),
    ]
    await client.patch(
        "/api/admin/settings", json={"reset": ["role_limits"]}, headers=admin.headers
    )
    return [answer.status_code for answer in answers]


@pytest.mark.parametrize("value", REFUSED)
async def test_every_route_refuses_what_the_schema_refuses(
    app: FastAPI, client: AsyncClient, value: Any
) -> None:
    assert await _send(client, app, {"tokens_per_day": value}) == [422, 422, 422]


@pytest.mark.parametrize("value", [0, 1000, 1000.0, MAX_LIMIT])
async def test_every_route_takes_what_the_schema_allows(
    app: FastAPI, client: AsyncClient, value: Any
) -> None:
    assert await _send(client, app, {"tokens_per_day": value}) == [200, 201, 200]
