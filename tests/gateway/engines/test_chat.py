"""Ollama chat/generate requests as OpenAI chat completions, and the answers back."""

from __future__ import annotations

import base64

import orjson

from ollama_gateway.gateway.engines.chat import (
    Clock,
    chat_request,
    generate_request,
    image_url,
    ollama_error,
    ollama_reply,
)

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32).decode()
JPEG = base64.b64encode(b"\xff\xd8\xff\xe0" + b"\x00" * 32).decode()


def test_chat_request_maps_messages_options_format_and_stream() -> None:
    body = orjson.loads(
        chat_request(
            {
                "model": "smol",
                "messages": [
                    {"role": "system", "content": "be brief"},
                    {"role": "user", "content": "what is this?", "images": [PNG, JPEG]},
                ],
                "format": "json",
                "options": {
                    "temperature": 0.2,
                    "top_p": 0.9,
                    "seed": 7,
                    "num_predict": 64,
                    "stop": ["\n\n"],
                    "num_ctx": 4096,
                },
                "keep_alive": "5m",
            }
        )
    )
    assert body["model"] == "smol"
    assert body["messages"][0] == {"role": "system", "content": "be brief"}
    parts = body["messages"][1]["content"]
    assert parts[0] == {"type": "text", "text": "what is this?"}
    assert parts[1]["image_url"]["url"] == f"data:image/png;base64,{PNG}"
    assert parts[2]["image_url"]["url"] == f"data:image/jpeg;base64,{JPEG}"
    assert body["response_format"] == {"type": "json_object"}
    assert (body["temperature"], body["top_p"], body["seed"]) == (0.2, 0.9, 7)
    assert body["max_tokens"] == 64
    assert body["stop"] == ["\n\n"]
    assert "num_ctx" not in body
    assert "keep_alive" not in body
    assert body["stream"] is True  # Ollama streams unless told not to
    assert body["stream_options"] == {"include_usage": True}


def test_unlimited_num_predict_and_json_schema_and_no_stream() -> None:
    schema = {"type": "object", "properties": {"age": {"type": "integer"}}}
    body = orjson.loads(
        chat_request(
            {
                "model": "m",
                "messages": [{"role": "user", "content": "hi"}],
                "options": {"num_predict": -1},
                "format": schema,
                "stream": False,
            }
        )
    )
    assert "max_tokens" not in body
    assert body["response_format"]["json_schema"]["schema"] == schema
    assert "stream" not in body


def test_tools_and_tool_calls_translate_both_ways() -> None:
    tools = [{"type": "function", "function": {"name": "weather", "parameters": {}}}]
    body = orjson.loads(
        chat_request(
            {
                "model": "m",
                "tools": tools,
                "messages": [
                    {"role": "user", "content": "weather in Paris?"},
                    {
                        "role": "assistant",
                        "content": "",
                        "tool_calls": [
                            {"function": {"name": "weather", "arguments": {"city": "Paris"}}}
                        ],
                    },
                    {"role": "tool", "content": "18C", "tool_name": "weather"},
                ],
            }
        )
    )
    assert body["tools"] == tools
    call = body["messages"][1]["tool_calls"][0]
    assert call["type"] == "function"
    assert orjson.loads(call["function"]["arguments"]) == {"city": "Paris"}
    assert body["messages"][2]["tool_call_id"] == call["id"]
    assert body["messages"][2]["name"] == "weather"

    answer = {
        "choices": [
            {
                "message": {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "c1",
                            "type": "function",
                            "function": {"name": "weather", "arguments": '{"city":"Rome"}'},
                        }
                    ],
                },
                "finish_reason": "tool_calls",
            }
        ],
        "usage": {"prompt_tokens": 12, "completion_tokens": 5},
    }
    reply = orjson.loads(
        ollama_reply(orjson.dumps(answer), model="m", generate=False, clock=Clock())
    )
    assert reply["message"]["tool_calls"] == [
        {"id": "c1", "function": {"name": "weather", "arguments": {"city": "Rome"}}}
    ]
    assert reply["done_reason"] == "stop"


def test_generate_becomes_a_chat_with_system_and_images_or_raw_completion() -> None:
    path, raw = generate_request(
        {"model": "m", "prompt": "describe", "system": "terse", "images": [PNG], "stream": False}
    )
    body = orjson.loads(raw)
    assert path == b"/v1/chat/completions"
    assert body["messages"][0] == {"role": "system", "content": "terse"}
    assert body["messages"][1]["content"][1]["type"] == "image_url"
    path, raw = generate_request({"model": "m", "prompt": "1, 2, 3,", "raw": True})
    assert path == b"/v1/completions"
    assert orjson.loads(raw)["prompt"] == "1, 2, 3,"


def test_complete_answer_has_ollamas_counts_and_durations() -> None:
    answer = {
        "choices": [{"message": {"content": "Hello there"}, "finish_reason": "length"}],
        "usage": {"prompt_tokens": 9, "completion_tokens": 2},
        "timings": {"prompt_ms": 3.5, "predicted_ms": 20.0},
    }
    reply = orjson.loads(
        ollama_reply(orjson.dumps(answer), model="m", generate=True, clock=Clock())
    )
    assert reply["response"] == "Hello there"
    assert reply["done"] is True
    assert reply["done_reason"] == "length"
    assert (reply["prompt_eval_count"], reply["eval_count"]) == (9, 2)
    assert reply["prompt_eval_duration"] == 3_500_000
    assert reply["eval_duration"] == 20_000_000
    assert reply["total_duration"] > 0
    assert reply["created_at"].endswith("Z")


def test_errors_become_ollamas_shape() -> None:
    body = orjson.dumps({"error": {"message": "model not found", "type": "not_found_error"}})
    assert orjson.loads(ollama_error(body)) == {"error": "model not found"}
    assert orjson.loads(ollama_error(b"Bad Gateway")) == {"error": "Bad Gateway"}


def test_image_url_keeps_data_urls_and_detects_webp() -> None:
    assert image_url("data:image/gif;base64,AAAA") == "data:image/gif;base64,AAAA"
    webp = base64.b64encode(b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 8).decode()
    assert image_url(webp).startswith("data:image/webp;base64,")
