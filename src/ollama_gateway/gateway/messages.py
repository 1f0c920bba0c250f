"""Anthropic's Messages API, ``POST /v1/messages``, for Claude-compatible clients and tools.

The same flow as every generation route (``dispatch.generation``: permission, model rules,
limits, node choice and failover, metering, the cache), with the route's own error shape
(``{"type": "error", "error": {...}}``, ``core.errors.Family.ANTHROPIC``).  A node that serves
the Messages API itself gets the request as it is; the others get it as an OpenAI chat
completion, answered back in Anthropic's shape and event stream (``engines.adapt``).  Keys are
accepted as ``x-api-key`` (the Anthropic SDK's header) like on every route.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel
from starlette.responses import Response

from ollama_gateway.core.openapi import SSE, streams
from ollama_gateway.gateway import dispatch, routes
from ollama_gateway.gateway.deps import CallerDep
from ollama_gateway.gateway.schemas import SECURED, MessagesRequest, body_doc

router = APIRouter(prefix="/v1", tags=["Anthropic-compatible"])


class AnthropicError(BaseModel):
    type: str = "error"
    error: dict[str, str]


_ERROR = {"model": AnthropicError}
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "the message, or its events when `stream` is true",
        # the event stream as core.openapi documents every SSE route (OpenAPI 3.2 `itemSchema`:
        # `schema` is then the whole stream, a list of events)
        "content": {
            **streams(SSE)[200]["content"],
            "application/json": {"schema": {"type": "object"}},
        },
    },
    **{
        status: {**_ERROR, "description": text}
        for status, text in (
            (400, "invalid request"),
            (401, "no or bad credentials"),
            (403, "not allowed: permission or model rules"),
            (404, "unknown model"),
            (413, "body too large"),
            (429, "a limit or quota was reached"),
            (500, "internal error"),
            (502, "the node failed"),
            (503, "no node available"),
            (504, "the node timed out"),
        )
    },
}


@router.post(
    "/messages",
    summary="Messages (Anthropic-compatible)",
    openapi_extra={**body_doc(MessagesRequest), **SECURED},
    responses=_RESPONSES,
)
async def messages(request: Request, principal: CallerDep) -> Response:
    return await dispatch.generation(request, principal, routes.MESSAGES)
