"""The OpenAPI document, made truthful in one place: every operation's error answers.

:func:`install_openapi` (called by ``create_app``) wraps ``app.openapi`` so that, each time
FastAPI builds the document, :func:`document` walks every route and adds the error answers it
really gives, with the error body of its family (``errors.family_for_path``): the portal
envelope, Ollama's ``{"error": "..."}`` or OpenAI's ``{"error": {...}}``.  Route authors
declare nothing by hand for the common cases; what is derived, per operation:

============================  =====================================================
the operation ...             documents
============================  =====================================================
declares security             401; and 403 on unsafe methods (the cookie's CSRF check)
depends on ``@raises(s)``     ``s`` (``auth.deps.require`` -> 403, sessions -> 409)
has parameters or a body      422 (400 on Ollama routes, whose handler answers 400)
has a request body            400 (malformed JSON) and 413 (``MAX_REQUEST_BODY_BYTES``)
has a path parameter          404 (the resource it names does not exist or is not yours)
(any)                         500 (an unhandled error, rendered in the family's shape)
============================  =====================================================

Beyond that a route (or a whole ``APIRouter``) says what else it answers with
``responses=errors(429, 502)``, and that it streams with ``responses=streams(SSE)``; every
error entry without a body schema gets its family's.  FastAPI's own ``HTTPValidationError``
(a shape this API never sends) is replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from http import HTTPStatus
from typing import Any, TypeVar

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

from ollama_gateway.core.errors import Family, family_for_path

__all__ = [
    "NDJSON",
    "SSE",
    "Responses",
    "document",
    "errors",
    "install_openapi",
    "raises",
    "streams",
]

F = TypeVar("F", bound=Callable[..., Any])
Responses = dict[int | str, dict[str, Any]]

NDJSON = "application/x-ndjson"
SSE = "text/event-stream"

_MARK = "__openapi_errors__"
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_REF = "#/components/schemas/"

_DESCRIPTIONS = {
    400: "Malformed request: invalid JSON, or a parameter or field of the wrong shape",
    401: "Missing, invalid, expired or revoked credentials",
    403: "Not allowed: missing permission or scope, a model rule, or a missing CSRF token",
    404: "Not found (or not the caller's)",
    409: "Conflicts with an existing record",
    413: "Request body larger than MAX_REQUEST_BODY_BYTES",
    422: "Request validation failed",
    429: "Rate limit or quota exceeded (see Retry-After)",
    500: "Internal error (error_id / X-Request-ID identifies it in the server log)",
    502: "The upstream Ollama server failed",
    503: "No upstream Ollama server is available",
    504: "The upstream Ollama server timed out",
}

_NULLABLE_STRING = {"type": ["string", "null"]}
_SCHEMAS: dict[str, dict[str, Any]] = {
    "PortalError": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["type", "message", "error_id", "timestamp", "details"],
                "properties": {
                    "type": {"type": "string", "examples": ["not_found"]},
                    "message": {"type": "string"},
                    "error_id": {"type": "string", "description": "the X-Request-ID"},
                    "timestamp": {"type": "string", "format": "date-time"},
                    "details": {"description": "structured details, or null"},
                },
            }
        },
    },
    "OllamaError": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "string"}},
    },
    "OpenAIError": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["message", "type"],
                "properties": {
                    "message": {"type": "string"},
                    "type": {"type": "string"},
                    "param": _NULLABLE_STRING,
                    "code": {"type": ["string", "integer", "null"]},
                },
            }
        },
    },
}
_SCHEMAS["AnthropicError"] = {
    "type": "object",
    "required": ["type", "error"],
    "properties": {
        "type": {"type": "string", "enum": ["error"]},
        "error": {
            "type": "object",
            "required": ["type", "message"],
            "properties": {"type": {"type": "string"}, "message": {"type": "string"}},
        },
    },
}
_FAMILY_SCHEMA = {
    Family.PORTAL: "PortalError",
    Family.OLLAMA: "OllamaError",
    Family.OPENAI: "OpenAIError",
    Family.ANTHROPIC: "AnthropicError",
}
#: One server-sent event as schemathesis and OpenAPI 3.2 read it (``itemSchema``).
_SSE_EVENT = {
    "type": "object",
    "properties": {
        "data": {"type": "string"},
        "event": {"type": "string"},
        "id": {"type": "string"},
        "retry": {"type": "integer", "minimum": 0},
    },
}


def raises(*statuses: int, unsafe_only: bool = False) -> Callable[[F], F]:
    """Mark a dependency: every route depending on it documents ``statuses``.

    ``unsafe_only``: only on POST, PUT, PATCH and DELETE operations.
    """

    def mark(dependency: F) -> F:
        marks = (*getattr(dependency, _MARK, ()), *((s, unsafe_only) for s in statuses))
        setattr(dependency, _MARK, marks)
        return dependency

    return mark


def errors(*statuses: int) -> Responses:
    """``responses=`` entries for error answers (their body schema is filled in by family)."""
    return {status: {"description": _describe(status)} for status in statuses}


def streams(media_type: str, description: str | None = None) -> Responses:
    """``responses=`` entry of a 200 that is a stream of ``media_type`` (and JSON otherwise)."""
    text = description or (
        "server-sent events ending with `data: [DONE]`"
        if media_type == SSE
        else "one JSON object per line, the last with `done: true`"
    )
    item = _SSE_EVENT if media_type == SSE else {"type": "object"}
    # OpenAPI 3.2: ``schema`` describes the whole stream (the list of items), ``itemSchema`` one.
    content = {"schema": {"type": "array", "items": item, "description": text}, "itemSchema": item}
    return {200: {"content": {"application/json": {"schema": {}}, media_type: content}}}


def install_openapi(app: FastAPI) -> None:
    """Make ``app.openapi()`` return the documented schema (rebuilt when routes change)."""
    build = app.openapi
    done: list[int] = [0]

    def openapi() -> dict[str, Any]:
        schema = build()
        if done[0] != id(schema):
            document(app, schema)
            done[0] = id(schema)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def document(app: FastAPI, schema: dict[str, Any]) -> None:
    """Add every operation's error answers to ``schema`` (in place)."""
    paths: dict[str, dict[str, Any]] = schema.get("paths", {})
    for path, method, dependant in _operations(app):
        operation = paths.get(path, {}).get(method.lower())
        if operation is not None:
            _document_operation(operation, path, method, dependant)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(_SCHEMAS)
    if "HTTPValidationError" not in repr(paths):
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)


def _operations(app: FastAPI) -> Iterator[tuple[str, str, Dependant | None]]:
    for context in iter_route_contexts(app.routes):
        if not isinstance(context.original_route, APIRoute):
            continue
        for method in sorted(context.methods or ()):
            yield str(context.path_format), method, context.dependant


def _marked(dependant: Dependant | None, method: str) -> set[int]:
    found: set[int] = set()
    pending = [dependant] if dependant is not None else []
    while pending:
        current = pending.pop()
        for status, unsafe_only in getattr(current.call, _MARK, ()):
            if not unsafe_only or method in _UNSAFE:
                found.add(status)
        pending.extend(current.dependencies)
    return found


def _derived(operation: dict[str, Any], family: Family, method: str) -> set[int]:
    statuses = {500}
    if operation.get("security"):
        statuses.add(401)
        if method in _UNSAFE:
            statuses.add(403)
    parameters = operation.get("parameters") or []
    if "requestBody" in operation:
        statuses |= {400, 413}
    if parameters or "requestBody" in operation:
        statuses.add(400 if family is Family.OLLAMA else 422)
    if any(p.get("in") == "path" for p in parameters):
        statuses.add(404)
    return statuses


def _document_operation(
    operation: dict[str, Any], path: str, method: str, dependant: Dependant | None
) -> None:
    family = family_for_path(path)
    responses: dict[str, Any] = operation.setdefault("responses", {})
    if family is Family.OLLAMA and _is_fastapi_422(responses.get("422")):
        del responses["422"]  # Ollama routes answer validation errors with 400
    for status in _derived(operation, family, method) | _marked(dependant, method):
        responses.setdefault(str(status), {})
    ref = {"$ref": _REF + _FAMILY_SCHEMA[family]}
    for key, response in responses.items():
        if key.isdigit() and int(key) >= 400:
            _fill(response, int(key), ref)
    operation["responses"] = dict(sorted(responses.items()))


def _is_fastapi_422(response: dict[str, Any] | None) -> bool:
    return response is not None and "HTTPValidationError" in repr(response)


def _fill(response: dict[str, Any], status: int, ref: dict[str, str]) -> None:
    if not response.get("description") or response["description"] in (
        "Validation Error",
        "Additional Response",
        _phrase(status),
    ):
        response["description"] = _describe(status)
    content = response.get("content")
    if not content or _is_fastapi_422(response) or content == {"application/json": {"schema": {}}}:
        response["content"] = {"application/json": {"schema": dict(ref)}}


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _describe(status: int) -> str:
    return _DESCRIPTIONS.get(status) or _phrase(status) or "Error"
