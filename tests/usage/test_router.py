"""``GET /api/usage`` on both backends: the caller's own figures only, by model or key and by
day or hour, with their limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from ollama_gateway.usage.schemas import UsagePublic
from tests.auth.factories import bearer, make_actor
from tests.usage.factories import event, write

DAY1 = datetime(2020, 3, 1, 10, 15, tzinfo=UTC)
RANGE = {"from": "2020-03-01T00:00:00Z", "to": "2020-03-03T00:00:00Z"}


async def test_own_usage_by_model_and_day(app: FastAPI, client: AsyncClient) -> None:
    me = await make_actor(app, "user")
    other = await make_actor(app, "user")
    day2 = DAY1 + timedelta(days=1)
    await write(
        app,
        [
            event(DAY1, user_id=me.user_id, model="llama3.2", prompt_tokens=5),
            event(DAY1, user_id=me.user_id, model="qwen", status=502),
            event(day2, user_id=me.user_id, model="llama3.2", completion_tokens=7),
            event(DAY1, user_id=other.user_id, model="secret-model", prompt_tokens=999),
        ],
    )
    answer = await client.get("/api/usage", params=RANGE, headers=me.headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    UsagePublic.model_validate(body)  # the documented shape
    assert body["user_id"] == me.user_id
    assert body["start"].startswith("2020-03-01T00:00:00")
    assert body["end"].startswith("2020-03-03T00:00:00")
    assert body["totals"] == {
        "requests": 3,
        "errors": 1,
        "prompt_tokens": 25,
        "completion_tokens": 47,
    }
    assert {g["group"]: g["requests"] for g in body["groups"]} == {"llama3.2": 2, "qwen": 1}
    assert [(p["t"][:10], p["requests"]) for p in body["by_time"]] == [
        ("2020-03-01", 2),
        ("2020-03-02", 1),
    ]
    assert len(body["series"]) == 3
    assert "secret-model" not in answer.text
    assert body["limits"]["user_id"] == me.user_id


async def test_a_developer_sees_each_key(app: FastAPI, client: AsyncClient) -> None:
    dev = await make_actor(app, "developer")
    at = DAY1 + timedelta(hours=3)
    await write(
        app,
        [
            event(at, user_id=dev.user_id, key_id=dev.key_id),
            event(at, user_id=dev.user_id, key_id=dev.key_id),
            event(at, user_id=dev.user_id),
        ],
    )
    answer = await client.get(
        "/api/usage",
        params={**RANGE, "group_by": "key", "bucket": "hour"},
        headers=bearer(dev.key),
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    UsagePublic.model_validate(body)
    groups = {g["group"]: (g["requests"], g["label"]) for g in body["groups"]}
    assert groups[str(dev.key_id)][0] == 2
    assert groups[str(dev.key_id)][1].startswith("test key (og-")
    assert groups["0"][0] == 1
    assert [p["t"][:13] for p in body["by_time"]] == ["2020-03-01T13"]


async def test_read_only_users_read_their_usage_and_anonymous_callers_cannot(
    app: FastAPI, client: AsyncClient
) -> None:
    reader = await make_actor(app, "read-only")
    answer = await client.get("/api/usage", headers=reader.headers)
    assert answer.status_code == 200
    assert answer.json()["totals"]["requests"] == 0
    assert (await client.get("/api/usage")).status_code == 401


async def test_a_range_is_clipped_never_refused(app: FastAPI, client: AsyncClient) -> None:
    me = await make_actor(app, "user")
    upside_down = {"from": "2020-03-03T00:00:00Z", "to": "2020-03-01T00:00:00Z"}
    answer = await client.get("/api/usage", params=upside_down, headers=me.headers)
    assert answer.status_code == 200
    assert answer.json()["series"] == []
    huge = {"from": "0001-01-01T00:00:00Z", "to": "9999-12-31T23:59:59Z", "bucket": "hour"}
    answer = await client.get("/api/usage", params=huge, headers=me.headers)
    assert answer.status_code == 200, answer.text


@pytest.mark.parametrize("value", ["0.5", "1700000000", "-1", "inf"])
async def test_a_number_is_not_a_date_time(app: FastAPI, client: AsyncClient, value: str) -> None:
    """The schema says ``format: date-time``: lax pydantic would read a Unix time."""
    me = await make_actor(app, "user")
    for name in ("from", "to"):
        answer = await client.get("/api/usage", params={name: value}, headers=me.headers)
        assert answer.status_code == 422, answer.text
