"""``GET /api/admin/telemetry`` on both backends: figures from the rollups, grouped and over
time, and the system figures; admins only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from ollama_gateway.usage.schemas import TelemetryPublic
from tests.auth.factories import make_actor
from tests.usage.factories import event, write

START = datetime(2019, 6, 1, 8, 0, tzinfo=UTC)
RANGE = {"from": "2019-06-01T00:00:00Z", "to": "2019-06-03T00:00:00Z"}


@pytest.fixture(scope="module")
async def traffic(app: FastAPI) -> tuple[int, int]:
    alice = await make_actor(app, "user")
    bob = await make_actor(app, "developer")
    events = [
        event(START + timedelta(minutes=i), user_id=alice.user_id, latency_ms=float(10 + i))
        for i in range(100)
    ]
    events += [
        event(
            START + timedelta(days=1, minutes=i),
            user_id=bob.user_id,
            key_id=bob.key_id,
            model="qwen",
            status=(200, 429, 502, 499)[i % 4],
            upstream="node-b",
            route="/v1/chat/completions",
            latency_ms=1000.0,
            ttft_ms=None if i % 4 else 200.0,
            completion_tokens=80,
            cache_hit=i % 2 == 0,
        )
        for i in range(20)
    ]
    await write(app, events)
    return alice.user_id, bob.user_id


async def _telemetry(app: FastAPI, client: AsyncClient, **params: str) -> dict:  # type: ignore[type-arg]
    admin = await make_actor(app, "admin")
    answer = await client.get(
        "/api/admin/telemetry", params={**RANGE, **params}, headers=admin.headers
    )
    assert answer.status_code == 200, answer.text
    TelemetryPublic.model_validate(answer.json())  # the documented shape
    return answer.json()  # type: ignore[no-any-return]


async def test_totals_and_a_daily_series_by_model(
    app: FastAPI, client: AsyncClient, traffic: tuple[int, int]
) -> None:
    body = await _telemetry(app, client, bucket="day", group_by="model")
    totals = body["totals"]
    assert totals["requests"] == 120
    assert totals["status"] == {"2xx": 105, "4xx": 10, "5xx": 5}
    assert totals["errors"] == 15
    assert totals["prompt_tokens"] == 1200
    assert totals["completion_tokens"] == 100 * 20 + 20 * 80
    assert totals["cache_hits"] == 10
    assert totals["cache_hit_rate"] == round(10 / 120, 4)
    # alice: latencies 10..109 ms (p50 within 10 %); bob: 1000 ms, all in the bucket
    # (985.3, 1477.9]: at worst the bucket's width
    assert 55 <= totals["latency_ms"]["p50"] <= 75
    assert 985 <= totals["latency_ms"]["p99"] <= 1478
    assert 18 <= totals["ttft_ms"]["p50"] <= 22
    # tokens per second of generation: alice 20 tokens in 10-109 ms minus 20 ms ttft, bob 80
    # tokens in 800 ms (only the 5 streamed ones)
    generation_ms = sum(10 + i - 20 for i in range(100) if 10 + i > 20) + 5 * 800
    expected = (100 * 20 + 5 * 80) / (generation_ms / 1000)
    assert totals["tokens_per_second"] == pytest.approx(expected, rel=0.01)
    groups = {g["group"]: g["requests"] for g in body["groups"]}
    assert groups == {"llama3.2": 100, "qwen": 20}
    series = [(p["t"][:10], p["group"], p["requests"]) for p in body["series"]]
    assert series == [("2019-06-01", "llama3.2", 100), ("2019-06-02", "qwen", 20)]
    system = body["system"]
    assert system["usage_queue_depth"] >= 0
    assert system["database_bytes"] > 0
    assert system["rss_bytes"] > 0
    assert isinstance(system["upstreams"], list)


async def test_hourly_by_user_status_node_and_route(
    app: FastAPI, client: AsyncClient, traffic: tuple[int, int]
) -> None:
    alice, bob = traffic
    body = await _telemetry(app, client, bucket="hour", group_by="user")
    groups = {g["group"]: (g["requests"], g["label"]) for g in body["groups"]}
    assert groups[str(alice)][0] == 100
    assert groups[str(alice)][1]
    assert groups[str(bob)][0] == 20
    hours = sorted({p["t"] for p in body["series"]})
    assert [h[:13] for h in hours] == ["2019-06-01T08", "2019-06-01T09", "2019-06-02T08"]
    body = await _telemetry(app, client, group_by="status")
    assert {g["group"]: g["requests"] for g in body["groups"]} == {"2xx": 105, "4xx": 10, "5xx": 5}
    body = await _telemetry(app, client, group_by="node")
    assert {g["group"]: g["requests"] for g in body["groups"]} == {"node-a": 100, "node-b": 20}
    body = await _telemetry(app, client, bucket="day", group_by="route")
    routes = {g["group"]: g["requests"] for g in body["groups"]}
    assert routes == {"/api/chat": 100, "/v1/chat/completions": 20}
    body = await _telemetry(app, client, bucket="day")
    assert [p["requests"] for p in body["series"]] == [100, 20]


@pytest.mark.parametrize("role", ["developer", "user", "read-only"])
async def test_only_admins_read_telemetry(app: FastAPI, client: AsyncClient, role: str) -> None:
    actor = await make_actor(app, role)
    answer = await client.get("/api/admin/telemetry", headers=actor.headers)
    assert answer.status_code == 403
    assert (await client.get("/api/admin/telemetry")).status_code == 401


async def test_totals_mix_whole_days_and_edge_hours(
    app: FastAPI, client: AsyncClient, traffic: tuple[int, int]
) -> None:
    """From 20:00 the day before to 08:30 on the second day: the totals come from the daily
    rollup of the whole day between and the hourly one at the ends, and equal the series."""
    body = await _telemetry(
        app, client, **{"from": "2019-05-31T20:00:00Z", "to": "2019-06-02T08:30:00Z"}
    )
    assert body["start"].startswith("2019-05-31T20:00:00")
    assert body["end"].startswith("2019-06-02T09:00:00")
    assert body["totals"]["requests"] == 120
    assert sum(point["requests"] for point in body["series"]) == 120
    body = await _telemetry(
        app, client, **{"from": "2019-06-01T09:00:00Z", "to": "2019-06-02T08:30:00Z"}
    )
    assert body["totals"]["requests"] == 40 + 20


async def test_groups_past_the_largest_are_folded(app: FastAPI, client: AsyncClient) -> None:
    at = datetime(2019, 7, 1, 12, tzinfo=UTC)
    await write(
        app,
        [event(at, model=f"m{n:02d}") for n in range(12) for _ in range(n + 1)],
    )
    admin = await make_actor(app, "admin")
    answer = await client.get(
        "/api/admin/telemetry",
        params={"from": "2019-07-01T00:00:00Z", "to": "2019-07-02T00:00:00Z", "group_by": "model"},
        headers=admin.headers,
    )
    body = answer.json()
    groups = {g["group"]: g["requests"] for g in body["groups"]}
    assert len(groups) == 11
    assert groups["(other)"] == 1 + 2  # m00 and m01, the smallest
    assert groups["m11"] == 12
    points = {p["group"]: p["requests"] for p in body["series"]}
    assert points == groups


TELEMETRY = "/api/admin/telemetry"


@pytest.mark.parametrize("value", ["0.5", "1700000000", "nan"])
async def test_a_number_is_not_a_date_time(app: FastAPI, client: AsyncClient, value: str) -> None:
    admin = await make_actor(app, "admin")
    for name in ("from", "to"):
        answer = await client.get(
            "/api/admin/telemetry", params={name: value}, headers=admin.headers
        )
        assert answer.status_code == 422, answer.text
    iso = {"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00"}
    assert (await client.get(TELEMETRY, params=iso, headers=admin.headers)).is_success
