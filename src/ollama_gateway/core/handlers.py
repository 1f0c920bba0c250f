"""Registers the exception handlers: every error leaves through :func:`errors.render`."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import iter_route_contexts
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import Response

from ollama_gateway.core.db import DATABASE_ERRORS, unavailable
from ollama_gateway.core.errors import (
    AppError,
    Family,
    InternalError,
    NotFound,
    ValidationFailed,
    family_for_path,
    render,
)
from ollama_gateway.core.logging import mark_logged
from ollama_gateway.core.middleware import hang_up

logger = logging.getLogger(__name__)

_STATUS_ERRORS: dict[int, type[AppError]] = {404: NotFound}


def _request_id(request: Request) -> str:
    return str(request.scope.get("state", {}).get("request_id", ""))


def _validation_message(exc: RequestValidationError) -> tuple[int, str]:
    errors = exc.errors()
    if any(err.get("type") == "json_invalid" for err in errors):
        return 400, "Malformed JSON body"
    parts = []
    for err in errors[:5]:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        parts.append(f"{loc}: {err.get('msg')}" if loc else str(err.get("msg")))
    return 422, "; ".join(parts) or "Invalid request"


def validation_failed(exc: RequestValidationError, *, path: str) -> ValidationFailed:
    """FastAPI's validation error of a request to ``path`` as the error this API answers."""
    status, message = _validation_message(exc)
    if family_for_path(path) is Family.OLLAMA:
        status = 400
    details = [
        {"loc": list(err.get("loc", ())), "msg": err.get("msg"), "type": err.get("type")}
        for err in exc.errors()[:20]
    ]
    return ValidationFailed(message, status=status, details=details)


def _allowed_methods(request: Request) -> str:
    """Every method some route of this path takes (Starlette's 405 names only the first
    route's, and GET and HEAD, or GET and PATCH, of one path are separate routes here)."""
    path = request.url.path
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.routes):
        regex, allowed = getattr(route, "path_regex", None), getattr(route, "methods", None)
        if regex is not None and allowed and regex.match(path):
            methods |= allowed
    return ", ".join(sorted(methods))


def install_error_handlers(app: FastAPI) -> None:
    async def app_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, AppError)
        if exc.status >= 500:
            logger.error("%s: %s", exc.type, exc.message, extra={"status": exc.status})
        return render(exc, path=request.url.path, request_id=_request_id(request))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        error = validation_failed(exc, path=request.url.path)
        return render(error, path=request.url.path, request_id=_request_id(request))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        cls = _STATUS_ERRORS.get(exc.status_code, AppError)
        error = cls(message=str(exc.detail)) if cls is NotFound else cls(str(exc.detail))
        error.status = exc.status_code
        if exc.status_code == 405:
            error.type = "method_not_allowed"
        elif exc.status_code < 500 and cls is AppError:
            error.type = "validation_error" if exc.status_code in (400, 422) else "http_error"
        if exc.headers:
            error.headers.update(exc.headers)
        if exc.status_code == 405:
            error.headers["Allow"] = _allowed_methods(request)
        return render(error, path=request.url.path, request_id=_request_id(request))

    async def hung_up(request: Request, exc: Exception) -> Response:
        # a body read without the middleware's receive (core.middleware.hang_up): no traceback
        return render(
            hang_up(request.scope), path=request.url.path, request_id=_request_id(request)
        )

    async def database_error(request: Request, exc: Exception) -> Response:
        error = unavailable(exc)
        if error is None:
            raise exc  # a wrong statement: the 500 below, logged with its traceback
        logger.warning("database unavailable on %s: %s", request.url.path, exc)
        return render(error, path=request.url.path, request_id=_request_id(request))

    async def unhandled(request: Request, exc: Exception) -> Response:
        # Runs in ServerErrorMiddleware, outside the request middleware (whose context variable
        # is reset by then): the id is given explicitly.  Starlette re-raises the error after
        # this answer so that the server logs it; ``core.logging`` drops that second line.
        request_id = _request_id(request)
        logger.error(
            "unhandled error on %s (request %s)",
            request.url.path,
            request_id,
            exc_info=exc,
            extra={"request_id": request_id},
        )
        mark_logged(exc)
        return render(InternalError(), path=request.url.path, request_id=request_id)

    app.add_exception_handler(AppError, app_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(ClientDisconnect, hung_up)
    for kind in DATABASE_ERRORS:
        app.add_exception_handler(kind, database_error)
    app.add_exception_handler(Exception, unhandled)
