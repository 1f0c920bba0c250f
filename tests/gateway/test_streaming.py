"""Pure pieces of the relay: token counts, the SSE usage chunk, in-band error frames."""

from __future__ import annotations

import orjson

from ollama_gateway.core.errors import Family, UpstreamError
from ollama_gateway.gateway.openai_compat import UsageSniffer, with_stream_usage
from ollama_gateway.gateway.routes import CHAT
from ollama_gateway.gateway.streaming import error_frame, last_line, ollama_counts


class _Ex:
    prompt_tokens = 0
    completion_tokens = 0


def test_counts_come_from_the_final_line_only() -> None:
    line = b'{"done":true,"context":[1,2],"prompt_eval_count":26,"eval_count":298}'
    assert ollama_counts(line) == (26, 298)
    assert ollama_counts(b'{"done":true}') == (0, 0)  # absent means 0
    trick = b'{"message":{"content":"\\"eval_count\\":99"},"done":false}'
    assert ollama_counts(trick) == (0, 0)
    assert last_line(b'{"a":1}\n{"b":2}\n') == b'{"b":2}'


def test_the_usage_chunk_is_read_and_removed_when_not_asked() -> None:
    usage = b'data: {"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":7}}\n\n'
    chunk = b'data: {"choices":[{"delta":{}}]}\n\n' + usage + b"data: [DONE]\n\n"
    ex = _Ex()
    stripped = UsageSniffer(ex, strip=True)(chunk)  # type: ignore[arg-type]
    assert stripped == b'data: {"choices":[{"delta":{}}]}\n\ndata: [DONE]\n\n'
    assert (ex.prompt_tokens, ex.completion_tokens) == (5, 7)
    kept = UsageSniffer(_Ex(), strip=False)(chunk)  # type: ignore[arg-type]
    assert kept == chunk


def test_stream_usage_is_requested_upstream() -> None:
    body, asked = with_stream_usage({"model": "m", "stream": True})
    assert orjson.loads(body)["stream_options"] == {"include_usage": True}
    assert asked is False
    _, asked = with_stream_usage({"stream_options": {"include_usage": True}})
    assert asked is True


def test_error_frames_in_each_family() -> None:
    error = UpstreamError("upstream Ollama server connection failed")
    assert error_frame(error, Family.OLLAMA, "r", b"") == (
        b'{"error":"upstream Ollama server connection failed"}\n'
    )
    sse = error_frame(error, Family.OPENAI, "r", b'data: {"x":1}\n')
    assert sse.startswith(b'\ndata: {"error":{"message":"upstream Ollama')
    assert sse.endswith(b"\n\ndata: [DONE]\n\n")


def test_seed_002_prompt_becomes_one_user_message() -> None:
    assert CHAT.rewrite is not None
    body, _ = CHAT.rewrite({"model": "m", "prompt": "hi", "system": "be brief"}, b"", True)
    assert orjson.loads(body) == {
        "model": "m",
        "messages": [
            {"role": "system", "content": "be brief"},
            {"role": "user", "content": "hi"},
        ],
    }
    original = b'{"model":"m","messages":[]}'
    assert CHAT.rewrite({"model": "m", "messages": []}, original, True)[0] is original
