"""The fast lane: a pure-ASGI entry for the hot proxied routes, ahead of FastAPI's routing.

Why: FastAPI's route matching, dependency solving and per-request exit stacks cost more CPU than
the whole proxying of a small request (measured: over half the gateway's CPU per non-streaming
chat).  For the routes in :data:`HOT` the lane authenticates with ``auth.deps.authenticate``
(the same cached authentication the FastAPI dependencies use), calls the very same functions as
the FastAPI handlers in ``router`` (``dispatch.generation`` and the listings) and renders errors
with ``core.errors.render``; everything else passes through untouched.  Other domains add hot
routes with an id in their path as :class:`IdRoute` (``LaneApp.lane_routes``, listed by
``main.create_app``: the chat send route), reading their bodies with :func:`json_body` (FastAPI's
reading and refusals).  The FastAPI declarations of these routes stay: they document them in
``/openapi.json`` and serve them when the lane is not installed (``GATEWAY_FAST_LANE=false``).

Installed by ``create_app`` inside the request-id middleware (so request ids, the body size
limit, CORS and the access log apply as to any route).  ``create_app`` builds the application as
a :class:`LaneApp`, which sends the hot routes straight into the app's own middleware (request
context, CORS, this lane) and past FastAPI's outer layers: its OpenTelemetry hooks (consulted
per request even when no provider is configured), ``ServerErrorMiddleware`` (the lane renders
its own errors), the body-limit and exception middleware (unused by these routes).  Measured:
those layers cost about a tenth of a small proxied request.  Its ``app.state`` is an
:class:`AppState`, whose attributes are read like any object's.
"""

from __future__ import annotations

import email.message
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import orjson
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from starlette.datastructures import State
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from ollama_gateway.auth.deps import authenticate
from ollama_gateway.core.db import unavailable
from ollama_gateway.core.errors import AppError, InternalError, Unauthorized, render
from ollama_gateway.core.handlers import validation_failed
from ollama_gateway.core.principal import Principal
from ollama_gateway.gateway import dispatch, listing, routes
from ollama_gateway.gateway.exchange import Exchange

logger = logging.getLogger(__name__)

Handler = Callable[[Request, Principal], Awaitable[Response]]
#: The handler of an :class:`IdRoute`: the request, its caller and the id in its path.
IdHandler = Callable[[Request, Principal, int], Awaitable[Response]]
Model = TypeVar("Model", bound=BaseModel)


def _generation(spec: routes.RouteSpec) -> Handler:
    return partial(dispatch.generation, spec=spec)


async def _tags(request: Request, principal: Principal) -> Response:
    async def produce(gw: dispatch.Gateway, ex: Exchange) -> Response:
        return await listing.tags(request, principal, gw)

    return await dispatch.local(request, principal, "/api/tags", produce)


async def _models(request: Request, principal: Principal) -> Response:
    async def produce(gw: dispatch.Gateway, ex: Exchange) -> Response:
        return await listing.openai_models(request, principal, gw)

    return await dispatch.local(request, principal, "/v1/models", produce)


HOT: dict[tuple[str, str], Handler] = {
    ("POST", "/api/chat"): _generation(routes.CHAT),
    ("POST", "/api/generate"): _generation(routes.GENERATE),
    ("POST", "/api/embed"): _generation(routes.EMBED),
    ("POST", "/api/embeddings"): _generation(routes.EMBEDDINGS),
    ("POST", "/v1/chat/completions"): _generation(routes.OPENAI_CHAT),
    ("POST", "/v1/completions"): _generation(routes.OPENAI_COMPLETIONS),
    ("POST", "/v1/embeddings"): _generation(routes.OPENAI_EMBEDDINGS),
    ("POST", "/v1/messages"): _generation(routes.MESSAGES),
    ("GET", "/api/tags"): _tags,
    ("HEAD", "/api/tags"): _tags,
    ("GET", "/v1/models"): _models,
}


@dataclass(frozen=True, slots=True)
class IdRoute:
    """A hot route of another domain whose path holds one id: ``{prefix}{id}{suffix}``.

    The application lists them in ``LaneApp.lane_routes``.  A path whose id is not a plain
    number from 1 to ``max_id`` is not matched: FastAPI's declaration of the route answers it
    (a 422, as without the lane).
    """

    method: str
    prefix: str
    suffix: str
    handler: IdHandler
    max_id: int = 2**31 - 1

    def match(self, method: str, path: str) -> int | None:
        if method != self.method or not path.startswith(self.prefix):
            return None
        if not path.endswith(self.suffix):
            return None
        digits = path[len(self.prefix) : len(path) - len(self.suffix)]
        if not digits.isascii() or not digits.isdigit() or len(digits) > 12:
            return None
        value = int(digits)
        return value if 1 <= value <= self.max_id else None


def _id_handler(scope: Scope) -> Handler | None:
    method, path = scope["method"], scope["path"]
    for route in getattr(scope.get("app"), "lane_routes", ()):
        found = route.match(method, path)
        if found is not None:
            return partial(_with_id, route.handler, found)
    return None


async def _with_id(handler: IdHandler, value: int, request: Request, principal: Principal) -> Any:
    return await handler(request, principal, value)


async def json_body(request: Request, model: type[Model]) -> Model:
    """The request's JSON body as ``model``, read and checked as FastAPI does for a body
    parameter, with the same errors (400 malformed JSON, 422 invalid fields)."""
    body: Any = None
    raw = await request.body()
    if raw:
        body = raw
        kind = request.headers.get("content-type")
        message = email.message.Message()
        if kind:
            message["content-type"] = kind
        subtype = message.get_content_subtype() if kind else "json"
        if not kind or (
            message.get_content_maintype() == "application"
            and (subtype == "json" or subtype.endswith("+json"))
        ):
            try:
                body = orjson.loads(raw)
            except orjson.JSONDecodeError as exc:
                error = {"type": "json_invalid", "loc": ("body", exc.pos), "input": {},
                         "msg": "JSON decode error", "ctx": {"error": exc.msg}}  # fmt: skip
                failed = validation_failed(RequestValidationError([error]), path=request.url.path)
                raise failed from None
    if body is None:
        missing = {"type": "missing", "loc": ("body",), "msg": "Field required", "input": None}
        raise validation_failed(RequestValidationError([missing]), path=request.url.path)
    try:
        return model.model_validate(body, from_attributes=True)  # as FastAPI validates
    except ValidationError as exc:
        errors = [{**err, "loc": ("body", *err["loc"])} for err in exc.errors()]
        raise validation_failed(RequestValidationError(errors), path=request.url.path) from None


class FastLane:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            handler = HOT.get((scope["method"], scope["path"])) or _id_handler(scope)
            if handler is not None:
                await self._serve(handler, scope, receive, send)
                return
        await self.app(scope, receive, send)

    @staticmethod
    async def _serve(handler: Handler, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive, send)
        try:
            principal = await authenticate(request)
            if principal is None:
                raise Unauthorized("Not authenticated: send a Bearer token, an X-API-Key or log in")
            response = await handler(request, principal)
        except AppError as exc:
            if exc.status >= 500:
                logger.error("%s: %s", exc.type, exc.message, extra={"status": exc.status})
            response = render(exc, path=scope["path"], request_id=_request_id(scope))
        except Exception as exc:
            down = unavailable(exc)
            if down is None:
                logger.exception("unhandled error on %s", scope["path"])
            else:
                logger.warning("database unavailable on %s: %s", scope["path"], exc)
            response = render(
                down or InternalError(), path=scope["path"], request_id=_request_id(scope)
            )
        await response(scope, receive, send)


class AppState(State):
    """Starlette's ``State`` whose values are also plain instance attributes.

    Starlette keeps them in a dict behind ``__getattr__``, which Python calls only after the
    normal lookup has failed and formatted an ``AttributeError`` message: about 2 µs per read,
    and a proxied request reads ``app.state`` some ten times (measured ~3% of its CPU).  Here a
    read is an ordinary attribute lookup; ``_state`` (iteration, ``len``, items) stays in step.
    """

    def __setattr__(self, key: Any, value: Any) -> None:
        self._state[key] = value
        object.__setattr__(self, key, value)

    def __delattr__(self, key: Any) -> None:
        del self._state[key]
        object.__delattr__(self, key)

    def __setitem__(self, key: str, value: Any) -> None:
        self.__setattr__(key, value)

    def __delitem__(self, key: str) -> None:
        self.__delattr__(key)


class LaneApp(FastAPI):
    """FastAPI whose :data:`HOT` routes enter the app's own middleware stack directly."""

    _lane: ASGIApp | None = None
    #: Hot routes with an id in their path (:class:`IdRoute`), from the other domains.
    lane_routes: tuple[IdRoute, ...] = ()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state = AppState()

    def _hot(self, scope: Scope) -> bool:
        method, path = scope["method"], scope["path"]
        if (method, path) in HOT:
            return True
        return any(route.match(method, path) is not None for route in self.lane_routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self._hot(scope):
            lane = self._lane
            if lane is None:
                lane = self._lane = self._build_lane()
            if lane is not self:
                if self.root_path:
                    scope["root_path"] = self.root_path
                scope["app"] = self
                await lane(scope, receive, send)
                return
        await super().__call__(scope, receive, send)

    def _build_lane(self) -> ASGIApp:
        """The user middleware around the router (itself when the fast lane is not installed)."""
        if not any(cls is FastLane for cls, _args, _kwargs in self.user_middleware):
            return self
        app: ASGIApp = self.router
        for cls, args, kwargs in reversed(self.user_middleware):
            app = cls(app, *args, **kwargs)
        return app


def _request_id(scope: Scope) -> str:
    return str(scope.get("state", {}).get("request_id", ""))
