"""Per node: which calls go as they are, which are translated, which a node cannot serve."""

from __future__ import annotations

import orjson
import pytest

from ollama_gateway.gateway.engines.adapt import NotImplementedByNode, adapt

CHAT = orjson.dumps({"model": "m", "messages": [{"role": "user", "content": "hi"}]})
ANSWER = orjson.dumps(
    {"choices": [{"message": {"content": "yo"}, "finish_reason": "stop"}], "usage": {}}
)


def test_ollama_nodes_and_openai_routes_go_as_they_are() -> None:
    assert adapt("ollama", False, b"/api/chat", CHAT, True) is None
    assert adapt("openai", False, b"/v1/chat/completions", CHAT, True) is None


def test_native_chat_on_an_openai_node_is_translated_both_ways() -> None:
    streamed = adapt("openai", False, b"/api/chat", CHAT, True)
    assert streamed is not None
    assert streamed.path == b"/v1/chat/completions"
    assert orjson.loads(streamed.body or b"")["stream"] is True
    assert streamed.content_type == b"application/x-ndjson"
    assert streamed.reframe is not None
    whole = adapt("openai", False, b"/api/chat", CHAT, False)
    assert whole is not None
    assert whole.reshape is not None
    assert orjson.loads(whole.reshape(ANSWER))["message"]["content"] == "yo"
    assert whole.reshape_error is not None
    error = orjson.dumps({"error": {"message": "no such model"}})
    assert orjson.loads(whole.reshape_error(error)) == {"error": "no such model"}


def test_embeddings_and_generate_paths() -> None:
    embed = adapt("openai", False, b"/api/embed", orjson.dumps({"model": "e", "input": "x"}), False)
    assert embed is not None
    assert embed.path == b"/v1/embeddings"
    raw = orjson.dumps({"model": "m", "prompt": "1,2,", "raw": True})
    generate = adapt("openai", False, b"/api/generate", raw, False)
    assert generate is not None
    assert generate.path == b"/v1/completions"


@pytest.mark.parametrize("path", [b"/api/pull", b"/api/create", b"/api/copy", b"/api/delete"])
def test_model_management_is_a_501_that_says_why(path: bytes) -> None:
    with pytest.raises(NotImplementedByNode) as caught:
        adapt("openai", False, path, orjson.dumps({"model": "m"}), False)
    assert caught.value.status == 501
    assert "OpenAI-compatible" in caught.value.message


def test_anthropic_messages_pass_through_or_translate() -> None:
    body = orjson.dumps(
        {"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}
    )
    assert adapt("openai", True, b"/v1/messages", body, False) is None
    for kind in ("ollama", "openai"):
        translated = adapt(kind, False, b"/v1/messages", body, True)
        assert translated is not None
        assert translated.path == b"/v1/chat/completions"
        assert translated.content_type == b"text/event-stream"
        assert translated.reshape_error is not None
        refused = orjson.loads(translated.reshape_error(b'{"error":{"message":"bad"}}'))
        assert refused == {"type": "error", "error": {"type": "api_error", "message": "bad"}}
