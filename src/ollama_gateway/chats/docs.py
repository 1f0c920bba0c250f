"""OpenAPI entries of the chats routes that FastAPI cannot infer: the event stream, the errors.

The error bodies are filled in by the application's OpenAPI post-processing (the portal
envelope); here only which statuses a route gives beyond the derived ones, and the
``text/event-stream`` answer of the turn routes beside their JSON one (``stream: false``).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

SSE = "text/event-stream"

Responses = dict[int | str, dict[str, Any]]

_EVENT = {
    "type": "object",
    "properties": {
        "data": {"type": "string"},
        "event": {"type": "string", "enum": ["start", "delta", "done"]},
    },
}


def errors(*statuses: int) -> Responses:
    return {status: {"description": HTTPStatus(status).phrase} for status in statuses}


def event_stream(description: str) -> Responses:
    """A 200 that is server-sent events (``stream`` true) or JSON (``stream: false``)."""
    stream = {"schema": {"type": "string", "description": description}, "itemSchema": _EVENT}
    return {200: {"content": {"application/json": {"schema": {}}, SSE: stream}}}
