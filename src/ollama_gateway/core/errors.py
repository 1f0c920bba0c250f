"""The application's error tree and its three renderers.

Code raises domain errors; nothing builds error responses by hand::

    AppError(type, status, message, details, headers)
     ├── ValidationFailed        validation_error       400 / 422
     ├── Unauthorized            unauthorized           401
     ├── Forbidden               forbidden              403
     ├── NotFound                not_found              404
     ├── Conflict                conflict               409
     ├── PayloadTooLarge         payload_too_large      413
     ├── RateLimited             rate_limit_error       429  (Retry-After, X-RateLimit-*)
     ├── ClientClosed            client_closed          499  (the client left mid-body)
     ├── UpstreamError           external_service_error 502
     │    ├── UpstreamUnavailable                       503
     │    └── UpstreamTimeout                           504
     ├── DatabaseUnavailable     database_unavailable   503  (Retry-After; ``core.db.unavailable``)
     └── InternalError           internal_error         500

The renderer is chosen by route family (:func:`family_for_path`): the portal envelope
``{"error": {type, message, error_id, timestamp, details}}``, Ollama's ``{"error": "..."}`` on
Ollama-compatible routes, OpenAI's ``{"error": {message, type, param, code}}`` on ``/v1``.
``error_id`` is the request id, also sent as ``X-Request-ID``.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import orjson
from starlette.responses import Response

logger = logging.getLogger(__name__)


class Family(StrEnum):
    PORTAL = "portal"
    OLLAMA = "ollama"
    OPENAI = "openai"
    ANTHROPIC = "anthropic"  # /v1/messages: {"type": "error", "error": {"type", "message"}}


#: Portal routes under ``/api`` that are not Ollama-compatible.
_PORTAL_API_PREFIXES = (
    "/api/auth",
    "/api/chats",
    "/api/send-message",
    "/api/admin",
    "/api/usage",
    "/api/models",
    "/api/status",
    "/api/ui",
)


def family_for_path(path: str) -> Family:
    if path.startswith("/v1/") or path == "/v1":
        return Family.ANTHROPIC if path.startswith("/v1/messages") else Family.OPENAI
    if path.startswith("/api/") and not path.startswith(_PORTAL_API_PREFIXES):
        return Family.OLLAMA
    return Family.PORTAL


class AppError(Exception):
    type: str = "internal_error"
    status: int = 500
    default_message: str = "Internal server error"

    def __init__(
        self,
        message: str | None = None,
        *,
        status: int | None = None,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.message = message or self.default_message
        if status is not None:
            self.status = status
        self.details = details
        self.headers = headers or {}
        super().__init__(self.message)


class ValidationFailed(AppError):
    type = "validation_error"
    status = 422
    default_message = "Request validation failed"


class Unauthorized(AppError):
    type = "unauthorized"
    status = 401
    default_message = "Not authenticated"

    def __init__(self, message: str | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.headers.setdefault("WWW-Authenticate", "Bearer")


class Forbidden(AppError):
    type = "forbidden"
    status = 403
    default_message = "Not allowed"


class NotFound(AppError):
    type = "not_found"
    status = 404
    default_message = "Not found"

    def __init__(self, what: str = "resource", **kwargs: Any) -> None:
        super().__init__(kwargs.pop("message", None) or f"{what} not found", **kwargs)


class Conflict(AppError):
    type = "conflict"
    status = 409
    default_message = "Conflict"


class PayloadTooLarge(AppError):
    type = "payload_too_large"
    status = 413
    default_message = "Request body too large"


class RateLimited(AppError):
    type = "rate_limit_error"
    status = 429
    default_message = "Rate limit exceeded"

    def __init__(self, message: str | None = None, *, retry_after: int, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = max(1, int(retry_after))
        self.headers["Retry-After"] = str(self.retry_after)


class UpstreamError(AppError):
    type = "external_service_error"
    status = 502
    default_message = "Upstream error"


class UpstreamUnavailable(UpstreamError):
    status = 503
    default_message = "No upstream Ollama server is available"


class UpstreamTimeout(UpstreamError):
    status = 504
    default_message = "Upstream Ollama server timed out"


class ClientClosed(AppError):
    """The client went away before its request was read (499, nginx's code): not a server
    error, logged as nothing more than its access line."""

    type = "client_closed"
    status = 499
    default_message = "Client closed the connection before its request was read"


class DatabaseUnavailable(AppError):
    """The database cannot serve now (locked, full, unreachable): worth trying again."""

    type = "database_unavailable"
    status = 503
    default_message = "The database is unavailable (locked, full or unreachable): try again"

    def __init__(self, message: str | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.headers["Retry-After"] = "5"


class InternalError(AppError):
    pass


_OPENAI_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "invalid_request_error",
    422: "invalid_request_error",
    429: "rate_limit_error",
}


_ANTHROPIC_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    422: "invalid_request_error",
    429: "rate_limit_error",
    503: "overloaded_error",
}


def render_body(error: AppError, family: Family, request_id: str) -> bytes:
    """The error body in the shape of the route family."""
    if family is Family.OLLAMA:
        return orjson.dumps({"error": error.message})
    if family is Family.OPENAI:
        return orjson.dumps(
            {
                "error": {
                    "message": error.message,
                    "type": _OPENAI_TYPES.get(error.status, "api_error"),
                    "param": None,
                    "code": error.type,
                }
            }
        )
    if family is Family.ANTHROPIC:
        kind = _ANTHROPIC_TYPES.get(error.status, "api_error")
        return orjson.dumps({"type": "error", "error": {"type": kind, "message": error.message}})
    return orjson.dumps(
        {
            "error": {
                "type": error.type,
                "message": error.message,
                "error_id": request_id,
                "timestamp": datetime.now(UTC).isoformat(),
                "details": error.details,
            }
        },
        default=str,
    )


def render(error: AppError, *, path: str, request_id: str) -> Response:
    body = render_body(error, family_for_path(path), request_id)
    headers = dict(error.headers)
    if request_id:
        headers["X-Request-ID"] = request_id
    return Response(body, status_code=error.status, media_type="application/json", headers=headers)
