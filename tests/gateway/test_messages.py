"""``POST /v1/messages`` documents its event stream as every SSE route does (``core.openapi``)."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from pydantic import ValidationError

from ollama_gateway.gateway.schemas import MessagesRequest


def test_the_event_stream_is_documented_as_a_list_of_events(app: FastAPI) -> None:
    answer = app.openapi()["paths"]["/v1/messages"]["post"]["responses"]["200"]["content"]
    stream = answer["text/event-stream"]
    assert stream["schema"]["type"] == "array"  # OpenAPI 3.2: the whole stream
    assert stream["itemSchema"]["properties"]["event"] == {"type": "string"}
    assert stream["schema"]["items"] == stream["itemSchema"]
    assert answer["application/json"]["schema"] == {"type": "object"}


def test_max_tokens_is_an_integer_as_json_schema_says() -> None:
    base = {"model": "m", "messages": [{"role": "user", "content": "x"}]}
    for accepted in (5, 5.0, 1e20, 2**70):
        MessagesRequest.model_validate({**base, "max_tokens": accepted})
    for refused in (5.5, "5", True, 0):
        with pytest.raises(ValidationError):
            MessagesRequest.model_validate({**base, "max_tokens": refused})
