"""The request flow reads a body exactly as upstream (Go's ``encoding/json``) will.

Go matches JSON keys to struct fields case-insensitively and keeps the last one; a ``null``
leaves a plain field as it was.  The fake Ollama reads top-level keys the same way
(``tests.fakes.ollama_wire.parse_body``), so "what the fake ran" is what a real Ollama would.
"""

from __future__ import annotations

import httpx
import orjson
import pytest
from fastapi import FastAPI

from ollama_gateway.core.errors import ValidationFailed
from ollama_gateway.gateway.dispatch import parse_body, upstream_body
from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import make_caller, usage_of

MESSAGES = [{"role": "user", "content": "x"}]


@pytest.mark.parametrize(
    "body",
    [
        b'{"model": "a", "Model": "b"}',
        b'{"MODEL": "b", "model": "a"}',
        b'{"model": "a", "stream": false, "Stream": true}',
        b'{"model": "a", "\xc5\xbftream": true}',  # U+017F LATIN SMALL LETTER LONG S
        b'{"model": "a", "\xe2\x84\xaaeep_alive": 0}',  # U+212A KELVIN SIGN
        b'{"model": "a", "Options": {"temperature": 0}}',
        b'{"model": "a", "stream_options": {"Include_Usage": false}}',
        b'{"model": "a", "Stop_Sequences": ["x"]}',  # /v1/messages (Anthropic)
    ],
)
def test_keys_upstream_would_fold_onto_a_field_are_refused(body: bytes) -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_body(body)
    assert caught.value.status == 400
    assert "keys match case-insensitively" in caught.value.message


def test_exact_keys_unknown_keys_and_option_names_pass() -> None:
    body = b'{"model": "a", "myField": 1, "options": {"Temperature": 1}, "stream_options": {}}'
    assert parse_body(body)["myField"] == 1


def test_what_goes_upstream_has_each_key_once() -> None:
    """Go keeps the earlier value where the later one is ``null`` (plain fields) and merges a
    repeated object: the re-serialised body leaves it nothing to read but what was checked."""
    payload = parse_body(b'{"model": "off", "model": null, "name": "ok", "stream": true}')
    assert upstream_body(payload) == b'{"model":null,"name":"ok","stream":true}'
    merged = parse_body(b'{"model": "m", "options": {"seed": 1}, "options": {"temperature": 0}}')
    assert orjson.loads(upstream_body(merged)) == {"model": "m", "options": {"temperature": 0}}


async def test_a_case_variant_model_cannot_pass_the_allow_list(
    gateway: FastAPI, client: httpx.AsyncClient, fake: FakeOllama
) -> None:
    narrow = await make_caller(gateway, allowed_models=["llama3.2"])
    body = {"model": "llama3.2", "Model": "qwen2.5:0.5b", "messages": MESSAGES, "stream": False}
    for path in ("/api/chat", "/v1/chat/completions"):
        refused = await client.post(path, json=body, headers=narrow.headers)
        assert refused.status_code == 400
    assert refused.json()["error"]["type"] == "invalid_request_error"  # OpenAI's shape on /v1
    assert fake.requests_to("/api/chat") == []
    assert fake.requests_to("/v1/chat/completions") == []
    record = (await usage_of(gateway, narrow.user_id, 2))[0]
    assert record.status == 400
    still = await client.post("/api/chat", json={**body, "Model": None}, headers=narrow.headers)
    assert still.status_code == 400  # "Model": null is still a second spelling of model


async def test_a_hidden_stream_flag_is_refused(
    gateway: FastAPI, client: httpx.AsyncClient, fake: FakeOllama
) -> None:
    caller = await make_caller(gateway)
    body = {"model": "llama3.2", "messages": MESSAGES, "stream": False, "Stream": True}
    refused = await client.post("/api/chat", json=body, headers=caller.headers)
    assert refused.status_code == 400
    assert refused.json() == {
        "error": 'JSON key "Stream" is read upstream as "stream" (keys match '
        'case-insensitively); spell it "stream"'
    }
    assert fake.requests_to("/api/chat") == []


async def test_a_repeated_key_reaches_upstream_once(
    gateway: FastAPI, client: httpx.AsyncClient, fake: FakeOllama
) -> None:
    """``"stream": true, "stream": null`` on /v1: Go keeps true (a plain bool), the gateway
    read null (not streamed); upstream now gets the one value the gateway read."""
    caller = await make_caller(gateway)
    raw = (
        b'{"model": "llama3.2", "messages": [{"role": "user", "content": "x"}],'
        b' "stream": true, "stream": null}'
    )
    answer = await client.post(
        "/v1/chat/completions",
        content=raw,
        headers={**caller.headers, "Content-Type": "application/json"},
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/json")
    sent = fake.last_request("/v1/chat/completions").raw
    assert sent.count(b'"stream"') == 1
    assert orjson.loads(sent)["stream"] is None


async def test_a_request_the_server_cuts_is_recorded_503_not_500() -> None:
    """A non-streamed request still waiting when shutdown cancels it (not a client that left)."""
    import asyncio

    from ollama_gateway.core.errors import Family
    from ollama_gateway.core.permissions import Role
    from ollama_gateway.core.principal import Principal
    from ollama_gateway.gateway.dispatch import abort
    from ollama_gateway.gateway.exchange import Exchange

    recorded: list[Exchange] = []

    class _Meter:
        def record(self, ex: Exchange) -> None:
            recorded.append(ex)

    principal = Principal(
        user_id=1, username="u", role=Role.USER, permissions=frozenset(), method="jwt"
    )
    ex = Exchange(
        route="/api/chat",
        family=Family.OLLAMA,
        principal=principal,
        request_id="r",
        meter=_Meter(),  # type: ignore[arg-type]
    )
    with pytest.raises(asyncio.CancelledError):
        await abort(ex, asyncio.CancelledError())
    assert (recorded[0].status, recorded[0].error) == (503, "cut: the gateway is shutting down")
