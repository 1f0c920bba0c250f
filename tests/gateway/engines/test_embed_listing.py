"""Embeddings and model listings of an OpenAI-compatible server in Ollama's shapes."""

from __future__ import annotations

import orjson

from ollama_gateway.gateway.engines.chat import Clock
from ollama_gateway.gateway.engines.embed import (
    embed_reply,
    embed_request,
    embeddings_reply,
    embeddings_request,
)
from ollama_gateway.gateway.engines.listing import ps_entries, show_reply, tags_entries

ANSWER = orjson.dumps(
    {
        "data": [{"index": 1, "embedding": [0.3, 0.4]}, {"index": 0, "embedding": [0.1, 0.2]}],
        "usage": {"prompt_tokens": 6, "total_tokens": 6},
    }
)


def test_embed_round_trip_keeps_input_order() -> None:
    body = orjson.loads(embed_request({"model": "e", "input": ["a", "b"], "dimensions": 2}))
    assert body == {"model": "e", "input": ["a", "b"], "encoding_format": "float", "dimensions": 2}
    reply = orjson.loads(embed_reply(ANSWER, model="e", clock=Clock()))
    assert reply["embeddings"] == [[0.1, 0.2], [0.3, 0.4]]
    assert reply["prompt_eval_count"] == 6
    assert reply["model"] == "e"


def test_legacy_embeddings() -> None:
    assert orjson.loads(embeddings_request({"model": "e", "prompt": "hi"}))["input"] == "hi"
    assert orjson.loads(embeddings_reply(ANSWER)) == {"embedding": [0.1, 0.2]}


LLAMA_SERVER = {
    "object": "list",
    "data": [
        {
            "id": "SmolLM2",
            "object": "model",
            "created": 1764800000,
            "owned_by": "llamacpp",
            "meta": {"n_params": 134515008, "n_ctx_train": 8192, "size": 98362432},
        }
    ],
}
VLLM = {"data": [{"id": "Qwen/Qwen2.5-0.5B", "created": 1, "max_model_len": 32768}]}


def test_tags_from_llama_server_details() -> None:
    (entry,) = tags_entries(LLAMA_SERVER)
    assert entry["name"] == entry["model"] == "SmolLM2"
    assert entry["size"] == 98362432
    assert entry["details"]["parameter_size"] == "134.5M"
    assert entry["details"]["context_length"] == 8192
    assert entry["details"]["format"] == "gguf"
    assert entry["modified_at"].startswith("2025-12-03")
    assert len(entry["digest"]) == 64


def test_tags_from_a_server_that_gives_little_invent_nothing() -> None:
    (entry,) = tags_entries(VLLM)
    assert entry["size"] == 0
    assert entry["details"]["parameter_size"] == ""
    assert entry["details"]["context_length"] == 32768


def test_show_and_ps() -> None:
    (entry,) = tags_entries(LLAMA_SERVER)
    assert show_reply(entry)["model_info"]["general.context_length"] == 8192
    (loaded,) = ps_entries([entry])
    assert loaded["name"] == "SmolLM2"
    assert loaded["context_length"] == 8192


def test_empty_details_from_the_server_are_filled_from_its_meta() -> None:
    listing = {
        "models": [
            {
                "name": "SmolLM2",
                "model": "SmolLM2",
                "size": "",
                "details": {"format": "gguf", "parameter_size": "", "families": [""]},
            }
        ],
        "data": [{"id": "SmolLM2", "meta": {"n_params": 134515008, "size": 98362432}}],
    }
    (entry,) = tags_entries(listing)
    assert entry["size"] == 98362432
    assert entry["details"]["parameter_size"] == "134.5M"
    assert entry["details"]["format"] == "gguf"
