"""The hot path touches no database: a warm streamed chat with an API key runs zero SQL.

"Warm" means the key has been used once (the principal cache holds it).  The usage record of
the measured request is queued, not written: the recorder's writer is held back by a long
flush interval until the measurement is over, then flushed and checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import event

from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import MakeGateway, make_caller, usage_of

CHAT = {"model": "llama3.2", "messages": [{"role": "user", "content": "hi"}]}


@contextmanager
def counting_sql(app: FastAPI) -> Iterator[list[str]]:
    statements: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    engine = app.state.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


async def test_warm_streamed_chat_runs_no_sql(make_gateway: MakeGateway, fake: FakeOllama) -> None:
    settings = {"ollama_api_base_url": [fake.url], "usage_flush_interval": 30.0}
    async with make_gateway(**settings) as app:
        caller = await make_caller(app)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gw") as http:
            warm = await http.post("/api/chat", json=CHAT, headers=caller.headers)
            assert warm.status_code == 200
            await app.state.usage.flush()
            with counting_sql(app) as statements:
                for route, body in (
                    ("/api/chat", CHAT),
                    ("/v1/chat/completions", {**CHAT, "stream": True}),
                ):
                    async with http.stream(
                        "POST", route, json=body, headers=caller.headers
                    ) as answer:
                        chunks = [chunk async for chunk in answer.aiter_bytes()]
                    assert answer.status_code == 200
                    assert b"".join(chunks).count(b"\n") > 3
                tags = await http.get("/api/tags", headers=caller.headers)
                assert tags.status_code == 200
            assert statements == []
        records = await usage_of(app, caller.user_id, 4)
        assert [r.route for r in records] == [
            "/api/chat",
            "/api/chat",
            "/v1/chat/completions",
            "/api/tags",
        ]
        assert records[1].completion_tokens > 0
        assert records[2].completion_tokens > 0


async def test_the_fast_lane_and_fastapi_routes_answer_alike(
    make_gateway: MakeGateway, fake: FakeOllama
) -> None:
    """``GATEWAY_FAST_LANE=false`` serves the same routes through FastAPI's own routing."""
    answers = []
    for fast in (True, False):
        async with make_gateway(ollama_api_base_url=[fake.url], gateway_fast_lane=fast) as app:
            caller = await make_caller(app)
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://gw") as http:
                ok = await http.post(
                    "/api/chat", json={**CHAT, "stream": False}, headers=caller.headers
                )
                missing = await http.post(
                    "/api/chat", json={**CHAT, "model": "nope"}, headers=caller.headers
                )
                anonymous = await http.post("/v1/chat/completions", json=CHAT)
                answers.append(
                    (ok.status_code, ok.json()["done"], missing.status_code, missing.json(),
                     anonymous.status_code, anonymous.json()["error"]["type"])
                )  # fmt: skip
    assert answers[0] == answers[1]
    assert answers[0][2:] == (
        404,
        {"error": 'model "nope" not found, try pulling it first'},
        401,
        "authentication_error",
    )
