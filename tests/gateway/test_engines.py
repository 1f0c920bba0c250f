"""A mixed fleet: one Ollama node and two OpenAI-compatible nodes behind one gateway.

The OpenAI-compatible nodes are fake Ollamas addressed as ``openai+…/v1``: the gateway may then
use only their ``/v1`` API, as it would with llama.cpp or vLLM, so every native call to them is
translated.  Listings merge, each request reaches a node holding its model, a node that fails
hands its request to the other of the same model, the node's own key is what it receives, and
usage records look the same whatever the node's kind.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import orjson
import pytest
from fastapi import FastAPI

from tests.conftest import http_client
from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import Caller, MakeGateway, make_caller, usage_of

NATIVE_MODEL = "llama3.2:latest"
COMPAT_MODEL = "smol:latest"


@pytest.fixture(scope="module")
async def native() -> AsyncIterator[FakeOllama]:
    async with FakeOllama(models=[NATIVE_MODEL]) as server:
        yield server


@pytest.fixture(scope="module")
async def compat1() -> AsyncIterator[FakeOllama]:
    async with FakeOllama(models=[COMPAT_MODEL]) as server:
        yield server


@pytest.fixture(scope="module")
async def compat2() -> AsyncIterator[FakeOllama]:
    async with FakeOllama(models=[COMPAT_MODEL]) as server:
        yield server


@pytest.fixture(autouse=True)
def _reset(native: FakeOllama, compat1: FakeOllama, compat2: FakeOllama) -> None:
    for fake in (native, compat1, compat2):
        fake.reset()


@pytest.fixture(scope="module")
async def fleet(
    make_gateway: MakeGateway, native: FakeOllama, compat1: FakeOllama, compat2: FakeOllama
) -> AsyncIterator[FastAPI]:
    nodes = [native.url, f"openai+{compat1.url}/v1", f"openai+{compat2.url}/v1"]
    async with make_gateway(
        ollama_api_base_url=nodes, upstream_api_keys={"node-2": "sk-node-two"}
    ) as app:
        yield app


@pytest.fixture
async def caller(fleet: FastAPI) -> Caller:
    return await make_caller(fleet, "developer")


@pytest.fixture
async def http(fleet: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with http_client(fleet) as client:
        yield client


def _chat(model: str, **extra: Any) -> dict[str, Any]:
    return {"model": model, "messages": [{"role": "user", "content": "hello"}], **extra}


def _hits(*fakes: FakeOllama, path: str) -> int:
    return sum(len(f.requests_to(path)) for f in fakes)


async def test_listings_merge_both_kinds(http: httpx.AsyncClient, caller: Caller) -> None:
    tags = (await http.get("/api/tags", headers=caller.headers)).json()
    assert {m["name"] for m in tags["models"]} >= {NATIVE_MODEL, COMPAT_MODEL}
    models = (await http.get("/v1/models", headers=caller.headers)).json()
    assert {m["id"] for m in models["data"]} >= {NATIVE_MODEL, COMPAT_MODEL}


async def test_native_chat_to_an_openai_node_is_translated(
    http: httpx.AsyncClient,
    caller: Caller,
    native: FakeOllama,
    compat1: FakeOllama,
    compat2: FakeOllama,
) -> None:
    whole = await http.post(
        "/api/chat", json=_chat(COMPAT_MODEL, stream=False), headers=caller.headers
    )
    assert whole.status_code == 200, whole.text
    reply = whole.json()
    assert reply["message"]["role"] == "assistant"
    assert reply["message"]["content"]
    assert reply["done"] is True
    assert reply["eval_count"] > 0
    assert _hits(compat1, compat2, path="/v1/chat/completions") == 1
    assert _hits(compat1, compat2, path="/api/chat") == 0
    assert not native.requests_to("/api/chat")

    streamed = await http.post("/api/chat", json=_chat(COMPAT_MODEL), headers=caller.headers)
    assert streamed.headers["content-type"].startswith("application/x-ndjson")
    lines = [orjson.loads(line) for line in streamed.text.splitlines()]
    assert "".join(line["message"]["content"] for line in lines[:-1])
    assert lines[-1]["done"] is True
    assert lines[-1]["eval_count"] > 0


async def test_native_model_stays_on_the_ollama_node(
    http: httpx.AsyncClient, caller: Caller, native: FakeOllama
) -> None:
    response = await http.post(
        "/api/chat", json=_chat(NATIVE_MODEL, stream=False), headers=caller.headers
    )
    assert response.status_code == 200
    assert len(native.requests_to("/api/chat")) == 1


async def test_a_node_gets_its_own_key_never_the_callers(
    http: httpx.AsyncClient, caller: Caller, compat1: FakeOllama, compat2: FakeOllama
) -> None:
    for _ in range(4):
        await http.post("/api/chat", json=_chat(COMPAT_MODEL, stream=False), headers=caller.headers)
    sent = [r.headers.get("authorization") for r in compat1.requests_to("/v1/chat/completions")]
    assert sent
    assert set(sent) == {"Bearer sk-node-two"}
    others = [r.headers.get("authorization") for r in compat2.requests_to("/v1/chat/completions")]
    assert all(value is None for value in others)


async def test_failover_between_two_openai_nodes(
    http: httpx.AsyncClient, caller: Caller, compat1: FakeOllama, compat2: FakeOllama
) -> None:
    compat1.busy = compat2.busy = False
    compat1.busy = True  # Ollama's 503 "server busy": retried on the other node of the model
    for _ in range(3):
        response = await http.post(
            "/api/chat", json=_chat(COMPAT_MODEL, stream=False), headers=caller.headers
        )
        assert response.status_code == 200, response.text
    assert len(compat2.requests_to("/v1/chat/completions")) == 3


async def test_usage_records_have_one_shape(
    fleet: FastAPI, http: httpx.AsyncClient, caller: Caller
) -> None:
    await http.post("/api/chat", json=_chat(NATIVE_MODEL, stream=False), headers=caller.headers)
    await http.post("/api/chat", json=_chat(COMPAT_MODEL, stream=False), headers=caller.headers)
    first, second = await usage_of(fleet, caller.user_id, 2)
    for record in (first, second):
        assert record.route == "/api/chat"
        assert record.status == 200
        assert record.prompt_tokens > 0
        assert record.completion_tokens > 0
        assert record.upstream
    assert {first.model, second.model} == {NATIVE_MODEL, COMPAT_MODEL}


async def test_embeddings_from_an_openai_node(http: httpx.AsyncClient, caller: Caller) -> None:
    response = await http.post(
        "/api/embed", json={"model": COMPAT_MODEL, "input": ["a", "b"]}, headers=caller.headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body["embeddings"]) == 2
    assert body["model"] == COMPAT_MODEL


async def test_management_on_an_openai_node_is_501(http: httpx.AsyncClient, fleet: FastAPI) -> None:
    admin = await make_caller(fleet, "admin")
    response = await http.post(
        "/api/pull",
        json={"model": "qwen2.5:0.5b"},
        headers={**admin.headers, "X-Ollama-Node": "node-2"},
    )
    assert response.status_code == 501
    assert "OpenAI-compatible" in response.json()["error"]


@pytest.mark.parametrize("model", [NATIVE_MODEL, COMPAT_MODEL])
async def test_anthropic_messages_on_either_kind(
    http: httpx.AsyncClient, caller: Caller, model: str
) -> None:
    headers = {"x-api-key": caller.key, "anthropic-version": "2023-06-01"}
    body = {"model": model, "max_tokens": 20, "messages": [{"role": "user", "content": "hi"}]}
    whole = await http.post("/v1/messages", json=body, headers=headers)
    assert whole.status_code == 200, whole.text
    message = whole.json()
    assert message["type"] == "message"
    assert message["content"][0]["type"] == "text"
    assert message["usage"]["output_tokens"] > 0

    streamed = await http.post("/v1/messages", json={**body, "stream": True}, headers=headers)
    assert streamed.headers["content-type"].startswith("text/event-stream")
    names = [line[7:] for line in streamed.text.splitlines() if line.startswith("event: ")]
    assert names[0] == "message_start"
    assert names[-1] == "message_stop"
    assert "content_block_delta" in names


async def test_anthropic_errors_have_anthropics_shape(http: httpx.AsyncClient) -> None:
    response = await http.post("/v1/messages", json={"model": "m", "max_tokens": 1, "messages": []})
    assert response.status_code == 401
    assert response.json()["type"] == "error"
    assert response.json()["error"]["type"] == "authentication_error"


async def test_show_ps_and_version_cover_openai_nodes(
    http: httpx.AsyncClient, caller: Caller
) -> None:
    shown = await http.post("/api/show", json={"model": COMPAT_MODEL}, headers=caller.headers)
    assert shown.status_code == 200, shown.text
    assert "details" in shown.json()
    running = (await http.get("/api/ps", headers=caller.headers)).json()
    assert COMPAT_MODEL in {m["name"] for m in running["models"]}
    version = await http.get("/api/version", headers=caller.headers)
    assert version.status_code == 200


async def test_a_translated_error_is_json_in_the_callers_shape(
    http: httpx.AsyncClient, caller: Caller
) -> None:
    # smol is listed but the node answers 404 for an unknown model name it is sent: a stream asked
    # for, an error back, in Anthropic's JSON shape
    headers = {"x-api-key": caller.key}
    body = {"model": COMPAT_MODEL, "messages": [{"role": "user", "content": "hi"}], "stream": True}
    response = await http.post("/v1/messages", json=body, headers=headers)
    assert response.status_code == 200  # max_tokens is optional here
    refused = await http.post(
        "/v1/messages", json={**body, "model": "no-such-model:latest"}, headers=headers
    )
    assert refused.status_code in (403, 404, 503)
    assert refused.headers["content-type"].startswith("application/json")
    assert refused.json()["type"] == "error"


async def test_an_openai_node_added_by_the_admin_api_uses_its_sealed_key(
    fleet: FastAPI, http: httpx.AsyncClient
) -> None:
    async with FakeOllama(models=["extra:latest"]) as extra:
        admin = await make_caller(fleet, "admin")
        created = await http.post(
            "/api/admin/upstreams",
            json={
                "name": "vllm-box",
                "url": f"{extra.url}/v1",
                "kind": "openai",
                "api_key": "sk-stored-key",
            },
            headers=admin.headers,
        )
        assert created.status_code == 201, created.text
        assert "sk-stored-key" not in created.text  # never answered back
        for _ in range(100):
            answer = await http.post(
                "/api/chat", json=_chat("extra:latest", stream=False), headers=admin.headers
            )
            if answer.status_code == 200:
                break
            await asyncio.sleep(0.05)
        assert answer.status_code == 200, answer.text
        (sent,) = extra.requests_to("/v1/chat/completions")
        assert sent.headers.get("authorization") == "Bearer sk-stored-key"
        await http.delete(f"/api/admin/upstreams/{created.json()['id']}", headers=admin.headers)


@pytest.mark.parametrize(
    "body",
    [
        {
            "model": COMPAT_MODEL,
            "messages": [{"role": "user", "content": "hi"}],
            "tool_choice": "x",
        },
        {"model": COMPAT_MODEL, "messages": [], "max_tokens": 5},
        {"model": COMPAT_MODEL, "messages": [{"role": "user", "content": "hi"}], "max_tokens": "5"},
    ],
)
async def test_a_messages_body_that_is_not_what_the_api_says_is_a_400(
    http: httpx.AsyncClient, caller: Caller, body: dict[str, Any]
) -> None:
    response = await http.post("/v1/messages", json=body, headers={"x-api-key": caller.key})
    assert response.status_code == 400, response.text
    assert response.json()["error"]["type"] == "invalid_request_error"
