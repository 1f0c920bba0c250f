"""The gateway's request flow: parse, authorise the model, admit, forward, meter.

Every handler of the Ollama and OpenAI routes calls one function here.  The flow of a
generation request (:func:`generation`):

1. read the raw body once and parse it with orjson (:func:`parse_body`) to learn ``model`` and
   ``stream``;
2. check the caller's permission and the model against the catalog snapshot (403) ;
3. ``app.state.admission.admit`` (rate limits; 429), whose ``settle`` runs exactly once at the end;
4. ``cache.proxy.forward``: the response cache (a hit is answered there), else
   :func:`proxy.forward` (node choice, retries, relay) with the body rebuilt from the parsed
   payload, or rewritten for the two documented rewrites (``routes``).

Upstream reads exactly what was checked.  Ollama decodes bodies with Go's ``encoding/json``:
keys match struct fields case-insensitively, the last one wins, a ``null`` leaves a plain field
as it was, and a repeated object merges into the first.  So :func:`parse_body` refuses (400) a
key that folds onto a field upstream reads without being spelled like it (``"Model"``), and
what goes upstream is ``orjson.dumps`` of the parsed payload: no repeated key survives it, so
no ``{"model": "a", "model": null}`` or ``{"stream": true, "stream": null}`` can make upstream
read what the gateway did not (measured: ~1% more instructions per small request, bench/README);
5. :meth:`Exchange.finish`: one usage event and the metrics, whatever happened.

The whole flow runs against one deadline, ``REQUEST_TIMEOUT`` from its start, computed once and
carried by the :class:`UpstreamCall` (see ``proxy``).  Management calls (``manage``: pull, push,
create, blobs) have none: a pull can take hours; connect and idle timeouts bound them.

No database access anywhere in this flow; the caller comes from ``auth.deps.authenticate``
(cached), the catalog and the node map are in-memory snapshots.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from fastapi import Request
from starlette.requests import ClientDisconnect
from starlette.responses import Response

from ollama_gateway.cache import proxy as response_cache
from ollama_gateway.catalog.snapshot import CatalogSnapshot
from ollama_gateway.core.config import Settings
from ollama_gateway.core.errors import Family, Forbidden, ValidationFailed
from ollama_gateway.core.permissions import Permission
from ollama_gateway.core.principal import Principal
from ollama_gateway.gateway import content, personal
from ollama_gateway.gateway.engines.anthropic import AnthropicUsage
from ollama_gateway.gateway.exchange import CLIENT_CLOSED, Exchange
from ollama_gateway.gateway.freshness import ModelChanges
from ollama_gateway.gateway.metering import Meter
from ollama_gateway.gateway.openai_compat import UsageSniffer
from ollama_gateway.gateway.proxy import UpstreamCall
from ollama_gateway.gateway.routes import (
    LOCAL_PERMISSIONS,
    NESTED_FIELDS,
    UPSTREAM_FIELDS,
    RouteSpec,
)
from ollama_gateway.gateway.streaming import RelayResponse, Sniffer
from ollama_gateway.gateway.upstreams import UpstreamPool
from ollama_gateway.usage.content import content_cap

Producer = Callable[["Gateway", Exchange], Awaitable[Response]]


class Gateway:
    """The gateway's per-application state (``app.state.gateway``)."""

    def __init__(self, settings: Settings, pool: UpstreamPool, meter: Meter) -> None:
        self.settings = settings
        self.pool = pool
        self.meter = meter
        #: The application's event loop (built in the lifespan, on it): asking asyncio for the
        #: running loop costs a ``getpid`` system call each time, three times per request.
        self.loop = asyncio.get_running_loop()
        #: Rendered model listings (``listing``), keyed by what they depend on.
        self.listings: dict[tuple[Any, ...], bytes] = {}
        #: Nodes a management call changed, re-read before the next listing (``freshness``).
        self.changes = ModelChanges(pool)
        self.request_timeout = settings.request_timeout if settings.request_timeout > 0 else None

    def deadline(self) -> float | None:
        """Event-loop time by which a generation request starting now must be over."""
        timeout = self.request_timeout
        return None if timeout is None else self.loop.time() + timeout

    def exchange(
        self, request: Request, principal: Principal, route: str, family: Family
    ) -> Exchange:
        return Exchange(
            route=route,
            family=family,
            principal=principal,
            request_id=request.scope["state"].get("request_id", ""),
            meter=self.meter,
            loop=self.loop,
        )


async def read_body(request: Request) -> bytes:
    """The request body, read from ``receive`` once (usually a single message).

    What ``await request.body()`` returns, without Starlette's stream machinery (an async
    generator per request); the body is read only here.
    """
    receive = request.receive
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.request":
            chunk: bytes = message.get("body", b"")
            if not message.get("more_body", False):
                return b"".join((*chunks, chunk)) if chunks else chunk
            chunks.append(chunk)
        elif message["type"] == "http.disconnect":
            raise ClientDisconnect


def parse_body(body: bytes) -> dict[str, Any]:
    """The JSON object of a request body (400 in the family's shape when it is not one, or when
    a key is another spelling of a field upstream reads: module docstring)."""
    if not body.strip():
        raise ValidationFailed("missing request body", status=400)
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise ValidationFailed(f"invalid JSON body: {exc.msg}", status=400) from None
    if not isinstance(payload, dict):
        raise ValidationFailed("request body must be a JSON object", status=400)
    if not UPSTREAM_FIELDS.issuperset(payload):  # one C-level pass over the keys
        for key in payload:
            if key not in UPSTREAM_FIELDS:
                _check_spelling(key, UPSTREAM_FIELDS)
    for field, names in NESTED_FIELDS.items():
        inner = payload.get(field)
        if isinstance(inner, dict) and not names.issuperset(inner):
            for key in inner:
                if key not in names:
                    _check_spelling(key, names)
    return payload


def _check_spelling(key: str, fields: frozenset[str]) -> None:
    """400 when Go would match ``key`` to one of ``fields`` (case folding, ``bytes.EqualFold``).

    Python's ``lower`` folds A-Z and the Kelvin sign onto ASCII, as Go does; Go also folds the
    long s (U+017F) onto ``s``.  No other code point folds onto ASCII (checked over Unicode).
    """
    folded = key.lower() if key.isascii() else key.lower().replace("\u017f", "s")
    if folded != key and folded in fields:
        raise ValidationFailed(
            f'JSON key "{key}" is read upstream as "{folded}" (keys match case-insensitively); '
            f'spell it "{folded}"',
            status=400,
        )


def upstream_body(payload: dict[str, Any]) -> bytes:
    """What to send upstream for ``payload``: it re-serialised (module docstring)."""
    return orjson.dumps(payload)


def model_of(payload: dict[str, Any], fields: tuple[str, ...]) -> str | None:
    for field in fields:
        value = payload.get(field)
        if isinstance(value, str) and value.strip():
            return value
    return None


def require(principal: Principal, permission: Permission | None) -> None:
    if permission is not None and not principal.can(permission):
        raise Forbidden(f"requires the {permission.value} permission")


def authorise_model(
    request: Request, principal: Principal, model: str, *, writing: bool = False
) -> None:
    """403 when the catalog or the key's allow-list forbids ``model`` to ``principal`` (to run
    or read it; ``writing``: to replace or delete it, see ``catalog.snapshot``)."""
    snapshot: CatalogSnapshot = request.app.state.catalog.snapshot
    reason = snapshot.denial(principal, model, writing=writing)
    if reason is not None:
        raise Forbidden(reason)


def _model(payload: dict[str, Any], spec: RouteSpec) -> str:
    model = model_of(payload, spec.model_fields)
    if model is None:
        raise ValidationFailed(f"{spec.model_fields[0]} is required", status=400)
    return model


def _admission_headers(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(k.lower().encode(), v.encode()) for k, v in headers.items()] if headers else []


async def generation(request: Request, principal: Principal, spec: RouteSpec) -> Response:
    """Generate, chat, embed and their OpenAI twins (see the module docstring)."""
    gw: Gateway = request.app.state.gateway
    ex = gw.exchange(request, principal, spec.name, spec.family)
    deadline = gw.deadline()
    try:
        require(principal, spec.permission)
        body = await read_body(request)
        payload = parse_body(body)
        if spec.check is not None:
            spec.check(payload)
        model = ex.model = _model(payload, spec)
        authorise_model(request, principal, model)
        stream = ex.stream = spec.streaming(payload)
        sniffer: Sniffer | None = None
        sent = body
        if spec.rewrite is not None:
            sent, asked = spec.rewrite(payload, body, stream)
            if stream and spec.family is Family.OPENAI:
                sniffer = UsageSniffer(ex, strip=not asked)
        elif stream and spec.family is Family.ANTHROPIC:
            sniffer = AnthropicUsage(ex)
        body = upstream_body(payload) if sent is body else sent
        admission = await request.app.state.admission.admit(principal, streaming=stream)
        ex.admission = admission
        ex.watch_disconnect(request.receive)
        call = UpstreamCall(
            b"POST", spec.upstream_path, body, slot=True, stream=stream,
            counts=spec.counts, sniffer=sniffer, deadline=deadline,
        )  # fmt: skip
        if (cap := content_cap(request.app.state)) is not None:
            call = content.capture(ex, body, call, cap)
        headers = _admission_headers(admission.headers)
        if principal.ollama_host is None:
            response = await response_cache.forward(
                ex, gw.pool, call, headers, request=request, payload=payload
            )
        else:  # the user's own Ollama (seed 004): guarded, uncached
            hosts = request.app.state.personal_hosts
            response = await personal.forward(
                hosts, url=principal.ollama_host, ex=ex, pool=gw.pool, call=call, headers=headers
            )
    except BaseException as exc:
        return await abort(ex, exc)
    if not isinstance(response, RelayResponse):
        await ex.finish()
    return response


async def local(request: Request, principal: Principal, route: str, produce: Producer) -> Response:
    """A metered exchange whose answer ``produce`` builds (listings, show, management), for a
    caller holding the route's permission (``routes.LOCAL_PERMISSIONS``)."""
    gw: Gateway = request.app.state.gateway
    ex = gw.exchange(
        request, principal, route, Family.OLLAMA if route.startswith("/api/") else Family.OPENAI
    )
    try:
        require(principal, LOCAL_PERMISSIONS.get(route))
        response = await produce(gw, ex)
    except BaseException as exc:
        return await abort(ex, exc)
    if not isinstance(response, RelayResponse):
        await ex.finish()
    return response


async def abort(ex: Exchange, exc: BaseException) -> Response:
    """End ``ex`` after ``exc``: record it, then re-raise (or answer a client already gone)."""
    gone = isinstance(exc, asyncio.CancelledError) and ex.absorb_disconnect()
    if not isinstance(exc, asyncio.CancelledError):
        ex.fail_with(exc)
    elif not gone and ex.error is None:  # the server cut it (shutdown)
        ex.fail(503, "cut: the gateway is shutting down")
    await ex.finish()
    if gone:
        return Response(status_code=CLIENT_CLOSED)
    raise exc
