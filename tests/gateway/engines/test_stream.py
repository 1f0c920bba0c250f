"""OpenAI SSE re-framed as Ollama NDJSON, whatever the chunking."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from ollama_gateway.gateway.engines.stream import SseToNdjson
from ollama_gateway.gateway.streaming import ollama_counts


def sse(*events: dict[str, Any] | str) -> bytes:
    out = b""
    for item in events:
        data = item.encode() if isinstance(item, str) else orjson.dumps(item)
        out += b"data: " + data + b"\n\n"
    return out


def delta(**fields: Any) -> dict[str, Any]:
    return {"choices": [{"index": 0, "delta": fields, "finish_reason": None}]}


STREAM = sse(
    delta(role="assistant", content=""),
    delta(content="Hel"),
    delta(content="lo"),
    {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]},
    {"choices": [], "usage": {"prompt_tokens": 11, "completion_tokens": 2}},
    "[DONE]",
)


def lines(out: bytes) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in out.splitlines()]


@pytest.mark.parametrize("size", [1, 3, 7, 64, len(STREAM)])
def test_any_chunking_gives_the_same_lines(size: int) -> None:
    reframe = SseToNdjson(model="m", generate=False)
    out = b"".join(reframe(STREAM[i : i + size]) for i in range(0, len(STREAM), size))
    got = lines(out)
    assert [g["message"]["content"] for g in got[:-1]] == ["Hel", "lo"]
    assert all(g["done"] is False and g["model"] == "m" for g in got[:-1])
    final = got[-1]
    assert final["done"] is True
    assert final["done_reason"] == "stop"
    assert final["message"] == {"role": "assistant", "content": ""}
    assert ollama_counts(out.splitlines()[-1]) == (11, 2)
    assert final["total_duration"] >= final["eval_duration"]
    assert reframe.done


def test_generate_uses_response_and_crlf_is_tolerated() -> None:
    reframe = SseToNdjson(model="m", generate=True)
    out = reframe(STREAM.replace(b"\n", b"\r\n"))
    got = lines(out)
    assert "".join(g["response"] for g in got) == "Hello"
    assert got[-1]["done"] is True


def test_tool_call_pieces_are_put_together() -> None:
    piece = {"index": 0, "id": "call_1", "function": {"name": "weather", "arguments": '{"ci'}}
    rest = {"index": 0, "function": {"arguments": 'ty": "Oslo"}'}}
    stream = sse(
        delta(tool_calls=[piece]),
        delta(tool_calls=[rest]),
        {"choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]},
        "[DONE]",
    )
    got = lines(SseToNdjson(model="m", generate=False)(stream))
    assert got[0]["message"]["tool_calls"] == [
        {"id": "call_1", "function": {"name": "weather", "arguments": {"city": "Oslo"}}}
    ]
    assert got[-1]["done"] is True


def test_error_event_becomes_an_ollama_error_line() -> None:
    stream = sse(delta(content="par"), {"error": {"message": "slot crashed"}})
    got = lines(SseToNdjson(model="m", generate=False)(stream))
    assert got[-1] == {"error": "slot crashed"}


def test_comments_event_names_and_reasoning() -> None:
    stream = b": keep-alive\n\nevent: chunk\n" + sse(delta(reasoning_content="hmm"), "[DONE]")
    got = lines(SseToNdjson(model="m", generate=False)(stream))
    assert got[0]["message"]["thinking"] == "hmm"
    assert got[-1]["done"] is True


def test_a_stream_without_done_is_finished_by_finish() -> None:
    reframe = SseToNdjson(model="m", generate=False)
    partial = sse(delta(content="x"), {"choices": [{"delta": {}, "finish_reason": "length"}]})
    first = reframe(partial[:-1])  # the last blank line never arrives
    rest = reframe.finish()
    got = lines(first + rest)
    assert got[-1]["done_reason"] == "length"
