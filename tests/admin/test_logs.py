"""``/api/admin/logs``: filters, keyset pages, the CSV export streamed in batches, one entry
with its content; ``/api/admin/audit``: filters and pages (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from fastapi import FastAPI
from httpx import AsyncClient

from ollama_gateway.admin import request_log
from ollama_gateway.core.db import utcnow
from ollama_gateway.usage.models import UsageContent
from tests.admin.factories import make_usage
from tests.auth.factories import make_actor
from tests.users.factories import database, make_user, unique

LOGS = "/api/admin/logs"


async def test_filters_and_keyset_pages(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    user = await make_user(app)
    model = unique("m")
    base = utcnow() - timedelta(hours=1)
    ids = []
    for minute in range(5):
        ids += await make_usage(
            app, user_id=user.id, model=model, started_at=base + timedelta(minutes=minute)
        )
    await make_usage(app, user_id=user.id, model=model, status=500, route="/v1/chat/completions")
    await make_usage(app, user_id=user.id, model=model, key_id=77, upstream="node-9")
    seen: list[int] = []
    params: dict[str, object] = {"user_id": user.id, "status": 200, "route": "/api/chat"}
    params.update(limit=2, model=model, node="node-1")
    cursor = None
    while True:
        page = await client.get(
            LOGS, params={**params, **({"cursor": cursor} if cursor else {})}, headers=admin.headers
        )
        assert page.status_code == 200, page.text
        seen += [item["id"] for item in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(ids))  # newest first, each once
    first = (await client.get(LOGS, params={"user_id": user.id}, headers=admin.headers)).json()
    assert first["items"][0]["username"] == user.username
    assert len(first["items"]) == 7
    errors = await client.get(LOGS, params={"model": model, "status": 500}, headers=admin.headers)
    assert [item["route"] for item in errors.json()["items"]] == ["/v1/chat/completions"]
    keyed = await client.get(LOGS, params={"model": model, "key_id": 77}, headers=admin.headers)
    assert [item["upstream"] for item in keyed.json()["items"]] == ["node-9"]
    window = {
        "model": model,
        "from": (base + timedelta(minutes=1)).isoformat(),
        "to": (base + timedelta(minutes=3)).isoformat(),
    }
    ranged = await client.get(LOGS, params=window, headers=admin.headers)
    assert [item["id"] for item in ranged.json()["items"]] == [ids[2], ids[1]]


async def test_csv_export_streams_every_row(
    app: FastAPI, client: AsyncClient, monkeypatch: object
) -> None:
    admin = await make_actor(app, "admin")
    user = await make_user(app)
    model = "=cmd|evil"
    await make_usage(app, user_id=user.id, model=model, count=5)
    setattr(request_log, "_CSV_BATCH", 2)  # noqa: B010 (several batches for five rows)
    try:
        answer = await client.get(
            LOGS, params={"user_id": user.id, "format": "csv"}, headers=admin.headers
        )
    finally:
        setattr(request_log, "_CSV_BATCH", 1000)  # noqa: B010
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert len(rows) == 5
    assert rows[0]["username"] == user.username
    assert rows[0]["model"] == "'=cmd|evil"  # not a formula in a spreadsheet
    assert len({row["id"] for row in rows}) == 5


async def test_detail_with_and_without_content(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    plain, logged = await make_usage(app, user_id=None, count=2)
    async with database(app).session() as session:
        session.add(UsageContent(usage_id=logged, prompt="hi", response="hello", truncated=False))
    bare = await client.get(f"{LOGS}/{plain}", headers=admin.headers)
    assert bare.status_code == 200
    assert bare.json()["content"] is None
    full = await client.get(f"{LOGS}/{logged}", headers=admin.headers)
    assert full.json()["content"] == {"prompt": "hi", "response": "hello", "truncated": False}
    listed = await client.get(LOGS, params={"limit": 1}, headers=admin.headers)
    assert "content" not in listed.json()["items"][0]
    assert (await client.get(f"{LOGS}/999999999", headers=admin.headers)).status_code == 404


async def test_audit_filters_and_pages(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    victim = await make_user(app)
    for role in ("developer", "read-only", "user"):
        await client.patch(
            f"/api/admin/users/{victim.id}", json={"role": role}, headers=admin.headers
        )
    bad = await client.post(
        "/api/auth/login", json={"username": victim.username, "password": "wrong-Pass-1!"}
    )
    assert bad.status_code == 401
    target = f"user:{victim.id}"
    params = {"target": target, "kind": "role_change", "limit": 2}
    first = (await client.get("/api/admin/audit", params=params, headers=admin.headers)).json()
    assert [e["details"]["to"] for e in first["items"]] == ["user", "read-only"]
    assert first["items"][0]["actor"] == admin.username
    assert first["items"][0]["ip"]
    rest = await client.get(
        "/api/admin/audit",
        params={**params, "cursor": first["next_cursor"]},
        headers=admin.headers,
    )
    assert [e["details"]["to"] for e in rest.json()["items"]] == ["developer"]
    assert rest.json()["next_cursor"] is None
    failed = await client.get(
        "/api/admin/audit",
        params={"kind": "login_failed", "target": f"login:{victim.username}"},
        headers=admin.headers,
    )
    [event] = failed.json()["items"]
    assert event["ip"]
    assert event["details"] == {"reason": "bad password"}
    by_actor = await client.get(
        "/api/admin/audit", params={"actor_user_id": admin.user_id}, headers=admin.headers
    )
    assert len(by_actor.json()["items"]) == 3
    unknown = await client.get("/api/admin/audit", params={"kind": "nope"}, headers=admin.headers)
    assert unknown.status_code == 422


async def test_time_bounds_are_iso_times_only(app: FastAPI, client: AsyncClient) -> None:
    admin = await make_actor(app, "admin")
    for path in (LOGS, "/api/admin/audit"):
        number = await client.get(path, params={"to": "0.5"}, headers=admin.headers)
        assert number.status_code == 422, path
        iso = await client.get(path, params={"from": "2026-01-01T00:00:00Z"}, headers=admin.headers)
        assert iso.status_code == 200, path
