"""End to end with a real model: official clients through the gateway to ``llama-server``.

The node is an ``openai`` node, so ``/api/*`` is translated by the gateway and ``/v1/*`` passes
through.  Assertions are about behaviour, never exact text: answers are non-empty, streams end
with their done line or ``[DONE]``, counts agree with what was generated (and with the limit
asked for), a stop sequence is honoured, and the tokens are charged to the key's quota.
"""

from __future__ import annotations

import json
import time

import httpx
import ollama
import openai
import pytest

from tests.e2e_llm.conftest import MODEL_ALIAS, RealModel

#: The timeout covers the test alone: on a new machine the first setup waits for the build that
#: ``scripts/test`` started in the background (minutes, while the other suites share the cores),
#: and the build has its own limit (``conftest._build``).
pytestmark = [pytest.mark.xdist_group("real-model"), pytest.mark.timeout(120, func_only=True)]

SHORT = {"num_predict": 16, "temperature": 0.0, "seed": 1}
QUESTION = [{"role": "user", "content": "Name three colours."}]


def _ollama(real: RealModel) -> ollama.Client:
    return ollama.Client(host=real.gateway, headers={"Authorization": f"Bearer {real.key}"})


def _tokens_used(real: RealModel) -> int:
    state = httpx.get(
        real.gateway + "/api/usage/limits", headers={"Authorization": f"Bearer {real.key}"}
    ).json()
    buckets = [b for b in state["buckets"] if b["kind"] == "tokens_per_day" and b["scope"] == "key"]
    return int(buckets[0]["used"]) if buckets else 0


def test_the_model_is_listed_with_the_servers_details(real: RealModel) -> None:
    models = _ollama(real).list().models
    (smol,) = [m for m in models if m.model == MODEL_ALIAS]
    assert smol.size
    assert smol.size > 50_000_000
    assert smol.details is not None
    assert smol.details.parameter_size
    listed = openai.OpenAI(base_url=real.gateway + "/v1", api_key=real.key).models.list()
    assert MODEL_ALIAS in {m.id for m in listed.data}


def test_ollama_chat_whole_and_streamed(real: RealModel) -> None:
    client = _ollama(real)
    whole = client.chat(model=MODEL_ALIAS, messages=QUESTION, options=SHORT, stream=False)
    assert whole.message.content.strip()
    assert whole.done is True
    assert 0 < (whole.eval_count or 0) <= 16
    assert (whole.prompt_eval_count or 0) > 0
    assert (whole.total_duration or 0) > (whole.eval_duration or 0) > 0

    parts = list(client.chat(model=MODEL_ALIAS, messages=QUESTION, options=SHORT, stream=True))
    text = "".join(p.message.content for p in parts)
    assert text.strip()
    assert parts[-1].done is True
    assert all(p.done is False for p in parts[:-1])
    assert 0 < (parts[-1].eval_count or 0) <= 16
    # one streamed chunk per generated token (llama-server sends a token per event)
    assert abs(len([p for p in parts[:-1] if p.message.content]) - parts[-1].eval_count) <= 2


def test_ollama_generate_whole_and_streamed(real: RealModel) -> None:
    client = _ollama(real)
    whole = client.generate(model=MODEL_ALIAS, prompt="Say hello.", options=SHORT, stream=False)
    assert whole.response.strip()
    assert whole.done_reason in {"stop", "length"}
    parts = list(
        client.generate(model=MODEL_ALIAS, prompt="Say hello.", options=SHORT, stream=True)
    )
    assert "".join(p.response for p in parts).strip()
    assert parts[-1].done is True


def test_stop_sequence_and_length_limit_are_honoured(real: RealModel) -> None:
    client = _ollama(real)
    counted = client.generate(
        model=MODEL_ALIAS,
        prompt="Count from 1 to 20, separated by commas: 1, 2, 3,",
        options={"num_predict": 40, "temperature": 0.0, "stop": [" 9"]},
        raw=True,
    )
    assert " 9" not in counted.response
    limited = client.generate(
        model=MODEL_ALIAS,
        prompt="Write a long story about the sea.",
        options={"num_predict": 5, "temperature": 0.0},
    )
    assert limited.done_reason == "length"
    assert limited.eval_count == 5


def test_openai_client_passes_through(real: RealModel) -> None:
    client = openai.OpenAI(base_url=real.gateway + "/v1", api_key=real.key)
    whole = client.chat.completions.create(
        model=MODEL_ALIAS,
        messages=QUESTION,
        max_tokens=16,
        temperature=0,  # type: ignore[arg-type]
    )
    assert whole.choices[0].message.content
    assert whole.usage is not None
    assert 0 < whole.usage.completion_tokens <= 16
    stream = client.chat.completions.create(
        model=MODEL_ALIAS,
        messages=QUESTION,
        max_tokens=16,
        stream=True,  # type: ignore[arg-type]
    )
    chunks = list(stream)
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices).strip()
    assert all(c.choices for c in chunks)  # the usage chunk we asked for is taken out again


def test_anthropic_messages_whole_and_streamed(real: RealModel) -> None:
    headers = {"x-api-key": real.key, "anthropic-version": "2023-06-01"}
    body = {"model": MODEL_ALIAS, "max_tokens": 16, "messages": QUESTION}
    whole = httpx.post(real.gateway + "/v1/messages", json=body, headers=headers, timeout=60)
    assert whole.status_code == 200, whole.text
    message = whole.json()
    assert message["type"] == "message"
    assert message["content"][0]["text"].strip()
    assert 0 < message["usage"]["output_tokens"] <= 16

    events = []
    with httpx.stream(
        "POST", real.gateway + "/v1/messages", json={**body, "stream": True}, headers=headers
    ) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            if line.startswith("data:"):
                events.append(json.loads(line[5:]))
    kinds = [e["type"] for e in events]
    assert kinds[0] == "message_start"
    assert kinds[-1] == "message_stop"
    text = "".join(e["delta"].get("text", "") for e in events if e["type"] == "content_block_delta")
    assert text.strip()


def test_tokens_are_charged(real: RealModel) -> None:
    before = _tokens_used(real)
    reply = _ollama(real).chat(model=MODEL_ALIAS, messages=QUESTION, options=SHORT)
    expected = (reply.prompt_eval_count or 0) + (reply.eval_count or 0)
    deadline = time.monotonic() + 10
    while _tokens_used(real) - before < expected and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _tokens_used(real) - before == expected


def test_a_chat_turn_through_the_portal(real: RealModel) -> None:
    headers = {"Authorization": f"Bearer {real.key}"}
    login = httpx.post(
        real.gateway + "/api/auth/login", json={"username": "admin", "password": "Admin-Pass-123!"}
    )
    token = {"Authorization": f"Bearer {login.json()['access_token']}"}
    chat = httpx.post(real.gateway + "/api/chats", json={"model": MODEL_ALIAS}, headers=token)
    if chat.status_code == 404 and "chats" not in httpx.get(real.gateway + "/openapi.json").text:
        pytest.fail("the chats API is missing")
    assert chat.status_code == 201, chat.text
    chat_id = chat.json()["id"]
    turn = httpx.post(
        f"{real.gateway}/api/chats/{chat_id}/messages",
        json={"content": "Say hi.", "stream": False, "options": SHORT},
        headers=token,
        timeout=60,
    )
    assert turn.status_code in {200, 201}, turn.text
    answer = turn.json()["assistant_message"]
    assert answer["content"].strip()
    assert answer["status"] == "complete"
    assert answer["performance"]["completion_tokens"] > 0
    assert headers  # the key also works for the Ollama routes of the same user
