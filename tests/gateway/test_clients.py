"""The official clients through the gateway on a real port: ``ollama`` and the ``openai`` SDK.

Only the base URL changes and a key is added; answers, streams and errors arrive as each
client expects them, with the client's own exception types and texts.
"""

from __future__ import annotations

import ollama
import openai
import pytest
from fastapi import FastAPI

from tests.fakes.ollama import FakeOllama
from tests.gateway.conftest import Caller, usage_of

MODEL = "llama3.2"


@pytest.fixture
def oc(served: str, dev: Caller) -> ollama.AsyncClient:
    return ollama.AsyncClient(host=served, headers=dev.headers)


@pytest.fixture
def ai(served: str, dev: Caller) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(base_url=f"{served}/v1", api_key=dev.key, max_retries=0)


async def test_ollama_chat_and_generate(oc: ollama.AsyncClient) -> None:
    answer = await oc.chat(MODEL, messages=[{"role": "user", "content": "hello"}])
    assert answer.message.content
    assert answer.done
    assert answer.eval_count
    assert answer.eval_count > 0
    parts = [
        p
        async for p in await oc.chat(
            MODEL, messages=[{"role": "user", "content": "hi"}], stream=True
        )
    ]
    assert parts[-1].done
    assert all(not p.done for p in parts[:-1])
    text = "".join(p.message.content or "" for p in parts)
    assert text
    generated = await oc.generate(MODEL, prompt="say something")
    assert generated.response
    assert generated.done
    streamed = [p async for p in await oc.generate(MODEL, prompt="go", stream=True)]
    assert streamed[-1].done
    assert streamed[-1].prompt_eval_count


async def test_ollama_embed_tags_show_ps_version(
    oc: ollama.AsyncClient, served: str, dev: Caller
) -> None:
    embedded = await oc.embed("nomic-embed-text", input=["a", "b"])
    assert len(embedded.embeddings) == 2
    legacy = await oc.embeddings("nomic-embed-text", prompt="a")
    assert legacy.embedding
    names = [m.model for m in (await oc.list()).models]
    assert "llama3.2:latest" in names
    shown = await oc.show(MODEL)
    assert shown.modelfile
    assert shown.details
    assert (await oc.ps()).models is not None
    import httpx

    async with httpx.AsyncClient(base_url=served, headers=dev.headers) as http:
        version = (await http.get("/api/version")).json()
    assert version["version"]


async def test_ollama_pull_progress(oc: ollama.AsyncClient, fake: FakeOllama) -> None:
    statuses = [p.status async for p in await oc.pull("qwen2.5:0.5b", stream=True)]
    assert statuses[0] == "pulling manifest"
    assert statuses[-1] == "success"
    assert any(s and s.startswith("pulling ") for s in statuses[1:-1])
    done = await oc.pull("qwen2.5:0.5b")
    assert done.status == "success"


async def test_ollama_errors_are_the_clients_own(oc: ollama.AsyncClient) -> None:
    with pytest.raises(ollama.ResponseError) as missing:
        await oc.chat("no-such-model", messages=[{"role": "user", "content": "x"}])
    assert missing.value.status_code == 404
    assert missing.value.error == 'model "no-such-model" not found, try pulling it first'
    with pytest.raises(ollama.ResponseError) as bad:
        await oc.generate("nomic-embed-text", prompt="x")
    assert bad.value.status_code == 400
    assert "does not support generate" in bad.value.error
    with pytest.raises(ollama.ResponseError) as streamed_missing:
        async for _ in await oc.generate("no-such-model", prompt="x", stream=True):
            pass
    assert streamed_missing.value.status_code == 404


async def test_ollama_without_a_key_is_401(served: str) -> None:
    anonymous = ollama.AsyncClient(host=served)
    with pytest.raises(ollama.ResponseError) as denied:
        await anonymous.list()
    assert denied.value.status_code == 401
    assert "Not authenticated" in denied.value.error


async def test_openai_chat_completions(
    ai: openai.AsyncOpenAI, gateway: FastAPI, dev: Caller
) -> None:
    done = await ai.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "hello"}]
    )
    assert done.choices[0].message.content
    assert done.usage is not None
    assert done.usage.completion_tokens > 0
    stream = await ai.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "hi"}], stream=True
    )
    chunks = [chunk async for chunk in stream]
    assert all(chunk.choices for chunk in chunks)  # no usage chunk the client did not ask for
    assert "".join(c.choices[0].delta.content or "" for c in chunks)
    asked = await ai.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "hi"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    last = [chunk async for chunk in asked][-1]
    assert last.usage is not None
    assert last.usage.prompt_tokens > 0
    records = await usage_of(gateway, dev.user_id, 3)
    assert [r.route for r in records] == ["/v1/chat/completions"] * 3
    assert all(r.prompt_tokens > 0 and r.completion_tokens > 0 for r in records)
    assert records[1].ttft_ms is not None


async def test_openai_completions_embeddings_models(ai: openai.AsyncOpenAI) -> None:
    completion = await ai.completions.create(model=MODEL, prompt="once upon")
    assert completion.choices[0].text
    vectors = await ai.embeddings.create(model="nomic-embed-text", input=["a", "b"])
    assert len(vectors.data) == 2
    ids = [m.id async for m in ai.models.list()]
    assert "llama3.2:latest" in ids
    one = await ai.models.retrieve("llama3.2:latest")
    assert one.id == "llama3.2:latest"


async def test_openai_errors_are_the_sdks_own(ai: openai.AsyncOpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as missing:
        await ai.chat.completions.create(
            model="no-such-model", messages=[{"role": "user", "content": "x"}]
        )
    assert "not found" in str(missing.value)
    with pytest.raises(openai.BadRequestError):
        await ai.chat.completions.create(model=MODEL, messages="not a list")  # type: ignore[arg-type]
    with pytest.raises(openai.NotFoundError):
        await ai.models.retrieve("no-such-model")
    anonymous = openai.AsyncOpenAI(base_url=str(ai.base_url), api_key="og-wrong", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        await anonymous.models.list()
