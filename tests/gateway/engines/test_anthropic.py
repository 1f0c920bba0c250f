"""Anthropic's Messages API over OpenAI chat completions: requests, answers and streams."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from ollama_gateway.gateway.engines.anthropic import (
    anthropic_counts,
    messages_to_openai,
    openai_to_message,
)
from ollama_gateway.gateway.engines.anthropic_stream import OpenAiToAnthropicSse
from tests.gateway.engines.test_stream import STREAM, delta, sse

REQUEST: dict[str, Any] = {
    "model": "m",
    "max_tokens": 100,
    "system": [{"type": "text", "text": "be kind"}],
    "stop_sequences": ["END"],
    "temperature": 0.5,
    "tools": [{"name": "weather", "description": "w", "input_schema": {"type": "object"}}],
    "tool_choice": {"type": "any"},
    "messages": [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "look"},
                {
                    "type": "image",
                    "source": {"type": "base64", "media_type": "image/gif", "data": "R0"},
                },
            ],
        },
        {
            "role": "assistant",
            "content": [
                {"type": "text", "text": "checking"},
                {"type": "tool_use", "id": "tu1", "name": "weather", "input": {"city": "Oslo"}},
            ],
        },
        {
            "role": "user",
            "content": [{"type": "tool_result", "tool_use_id": "tu1", "content": "5C"}],
        },
    ],
    "stream": True,
}


def test_request_maps_system_blocks_tools_and_parameters() -> None:
    body = messages_to_openai(REQUEST)
    assert body["messages"][0] == {"role": "system", "content": "be kind"}
    user = body["messages"][1]
    assert user["content"][1] == {
        "type": "image_url",
        "image_url": {"url": "data:image/gif;base64,R0"},
    }
    assistant = body["messages"][2]
    assert assistant["content"] == "checking"
    assert assistant["tool_calls"][0]["id"] == "tu1"
    assert orjson.loads(assistant["tool_calls"][0]["function"]["arguments"]) == {"city": "Oslo"}
    assert body["messages"][3] == {"role": "tool", "tool_call_id": "tu1", "content": "5C"}
    assert body["tools"][0]["function"]["parameters"] == {"type": "object"}
    assert body["tool_choice"] == "required"
    assert (body["max_tokens"], body["stop"], body["temperature"]) == (100, ["END"], 0.5)
    assert body["stream_options"] == {"include_usage": True}


def test_complete_answer_as_a_message() -> None:
    answer = {
        "choices": [
            {
                "message": {
                    "content": "Sure",
                    "tool_calls": [
                        {
                            "id": "c9",
                            "function": {"name": "weather", "arguments": '{"city":"Rome"}'},
                        }
                    ],
                },
                "finish_reason": "tool_calls",
            }
        ],
        "usage": {"prompt_tokens": 20, "completion_tokens": 4},
    }
    message = orjson.loads(openai_to_message(orjson.dumps(answer), model="m"))
    assert message["type"] == "message"
    assert message["role"] == "assistant"
    assert message["content"][0] == {"type": "text", "text": "Sure"}
    assert message["content"][1]["input"] == {"city": "Rome"}
    assert message["stop_reason"] == "tool_use"
    assert message["usage"] == {"input_tokens": 20, "output_tokens": 4}
    assert anthropic_counts(orjson.dumps(message)) == (20, 4)


def events(out: bytes) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for frame in out.split(b"\n\n"):
        if not frame.strip():
            continue
        name, data = frame.split(b"\n", 1)
        found.append((name.removeprefix(b"event: ").decode(), orjson.loads(data[6:])))
    return found


@pytest.mark.parametrize("size", [1, 5, len(STREAM)])
def test_stream_events_in_anthropics_order(size: int) -> None:
    reframe = OpenAiToAnthropicSse(model="m")
    out = b"".join(reframe(STREAM[i : i + size]) for i in range(0, len(STREAM), size))
    got = events(out)
    names = [name for name, _ in got]
    assert names == [
        "message_start",
        "content_block_start",
        "content_block_delta",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
    ]
    text = "".join(d["delta"]["text"] for n, d in got if n == "content_block_delta")
    assert text == "Hello"
    assert got[-2][1]["delta"]["stop_reason"] == "end_turn"
    assert got[-2][1]["usage"] == {"input_tokens": 11, "output_tokens": 2}
    assert anthropic_counts(out) == (11, 2)


def test_stream_tool_use_block_after_text() -> None:
    call = {"index": 0, "id": "c1", "function": {"name": "weather", "arguments": '{"a":'}}
    more = {"index": 0, "function": {"arguments": "1}"}}
    stream = sse(
        delta(content="Let me check."),
        delta(tool_calls=[call]),
        delta(tool_calls=[more]),
        {"choices": [{"delta": {}, "finish_reason": "tool_calls"}]},
        "[DONE]",
    )
    got = events(OpenAiToAnthropicSse(model="m")(stream))
    starts = [d for n, d in got if n == "content_block_start"]
    assert [s["content_block"]["type"] for s in starts] == ["text", "tool_use"]
    assert [s["index"] for s in starts] == [0, 1]
    json_parts = [
        d["delta"]["partial_json"]
        for n, d in got
        if d.get("delta", {}).get("type") == "input_json_delta"
    ]
    assert orjson.loads("".join(json_parts)) == {"a": 1}
    assert next(d for n, d in got if n == "message_delta")["delta"]["stop_reason"] == "tool_use"


def test_stream_error_event() -> None:
    got = events(OpenAiToAnthropicSse(model="m")(sse({"error": {"message": "boom"}})))
    assert got == [("error", {"type": "error", "error": {"type": "api_error", "message": "boom"}})]


def test_a_user_turn_without_text_is_still_a_turn() -> None:
    """``content: []`` (or only unknown blocks) was dropped, and a request of that one turn
    reached the node with no messages (400 "[] is too short"); the schema allows it."""
    for content in ([], [{"type": "unknown"}]):
        body = messages_to_openai(
            {"model": "m", "messages": [{"role": "user", "content": content}]}
        )
        assert body["messages"] == [{"role": "user", "content": ""}]
    tool_only = [{"type": "tool_result", "tool_use_id": "t1", "content": "42"}]
    body = messages_to_openai({"model": "m", "messages": [{"role": "user", "content": tool_only}]})
    assert body["messages"] == [{"role": "tool", "tool_call_id": "t1", "content": "42"}]


@pytest.mark.parametrize(("given", "sent"), [(5.0, 5), (7, 7), (1e30, None), (2**70, None)])
def test_max_tokens_as_json_writes_it(given: Any, sent: int | None) -> None:
    """JSON's ``5.0`` is the integer 5 (the schema's ``integer``); past 64 bits, the default."""
    body = messages_to_openai({"model": "m", "messages": [], "max_tokens": given})
    assert body.get("max_tokens") == sent
