"""``POST /v1/messages`` documents its event stream as every SSE route does (``core.openapi``)."""

from __future__ import annotations

from fastapi import FastAPI


def test_the_event_stream_is_documented_as_a_list_of_events(app: FastAPI) -> None:
    answer = app.openapi()["paths"]["/v1/messages"]["post"]["responses"]["200"]["content"]
    stream = answer["text/event-stream"]
    assert stream["schema"]["type"] == "array"  # OpenAPI 3.2: the whole stream
    assert stream["itemSchema"]["properties"]["event"] == {"type": "string"}
    assert stream["schema"]["items"] == stream["itemSchema"]
    assert answer["application/json"]["schema"] == {"type": "object"}
