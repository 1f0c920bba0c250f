"""Model listings and model facts: ``/api/tags``, ``/v1/models``, ``/api/ps``, ``/api/version``,
``/api/show``.

``/api/tags`` and ``/v1/models`` are answered from the pool's merged model map (refreshed by the
health checks, no upstream round trip) and filtered to what the caller may use; the rendered
bytes are cached per (model map version, catalog version, role, key allow-list).  ``/api/ps``
asks every healthy node and merges.  ``/api/version`` reports the lowest version among the
healthy nodes (what every node can do).
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import orjson
from fastapi import Request

from ollama_gateway import __version__
from ollama_gateway.catalog.snapshot import CatalogSnapshot, normalize_model
from ollama_gateway.core.errors import NotFound, UpstreamError, UpstreamUnavailable
from ollama_gateway.core.principal import Principal
from ollama_gateway.gateway import proxy
from ollama_gateway.gateway.dispatch import (
    Gateway,
    authorise_model,
    model_of,
    parse_body,
    upstream_body,
)
from ollama_gateway.gateway.engines import listing as engine_listing
from ollama_gateway.gateway.errors import translate
from ollama_gateway.gateway.exchange import Exchange
from ollama_gateway.gateway.nodes import Node
from ollama_gateway.gateway.openai_compat import model_list, model_object
from ollama_gateway.gateway.proxy import UpstreamCall
from ollama_gateway.gateway.streaming import BytesResponse

_JSON = b"application/json; charset=utf-8"
_CACHE_SIZE = 256
_QUICK = aiohttp.ClientTimeout(total=15.0)


def visible(
    gw: Gateway, snapshot: CatalogSnapshot, principal: Principal
) -> list[tuple[str, dict[str, Any]]]:
    """(name, tags entry) of every model some healthy node holds and the caller may use."""
    found = []
    for key, (entry, _holders) in gw.pool.models().items():
        if snapshot.may_use(principal, key):
            found.append((str(entry.get("name") or entry.get("model") or key), entry))
    return found


def _cached(kind: str, gw: Gateway, snapshot: CatalogSnapshot, principal: Principal) -> bytes:
    cache = gw.listings
    key = (
        kind,
        gw.pool.models_version,
        snapshot.version,
        principal.role,
        principal.allowed_models,
    )
    body = cache.get(key)
    if body is None:
        entries = visible(gw, snapshot, principal)
        if kind == "tags":
            body = orjson.dumps({"models": [entry for _name, entry in entries]})
        else:
            body = orjson.dumps(model_list(entries))
        if len(cache) >= _CACHE_SIZE:
            cache.clear()
        cache[key] = body
    return body


def _snapshot(request: Request) -> CatalogSnapshot:
    snapshot: CatalogSnapshot = request.app.state.catalog.snapshot
    return snapshot


async def tags(request: Request, principal: Principal, gw: Gateway) -> BytesResponse:
    await gw.changes.settle()
    if not gw.pool.models():
        await gw.pool.refresh_if_stale()
    return BytesResponse(_cached("tags", gw, _snapshot(request), principal), 200, _JSON, [])


async def openai_models(request: Request, principal: Principal, gw: Gateway) -> BytesResponse:
    await gw.changes.settle()
    if not gw.pool.models():
        await gw.pool.refresh_if_stale()
    return BytesResponse(_cached("v1", gw, _snapshot(request), principal), 200, _JSON, [])


def openai_model(request: Request, principal: Principal, gw: Gateway, name: str) -> BytesResponse:
    found = gw.pool.models().get(normalize_model(name))
    snapshot = _snapshot(request)
    if found is None or not snapshot.may_use(principal, name):
        raise NotFound(message=f'model "{name}" not found')
    body = orjson.dumps(model_object(str(found[0].get("name") or name), found[0]))
    return BytesResponse(body, 200, _JSON, [])


async def running(request: Request, principal: Principal, gw: Gateway) -> BytesResponse:
    """``/api/ps`` of every healthy node, merged and filtered."""
    nodes = [node for node in gw.pool.nodes if node.healthy is not False]
    if not nodes:
        raise UpstreamUnavailable("no upstream Ollama server is available")
    answers = await asyncio.gather(*(_running_on(node) for node in nodes), return_exceptions=True)
    if all(isinstance(answer, BaseException) for answer in answers):
        raise UpstreamUnavailable("no upstream Ollama server is available")
    snapshot = _snapshot(request)
    models = [
        entry
        for answer in answers
        if isinstance(answer, dict)
        for entry in answer.get("models") or ()
        if isinstance(entry, dict) and snapshot.may_use(principal, str(entry.get("name") or ""))
    ]
    return BytesResponse(orjson.dumps({"models": models}), 200, _JSON, [])


def _version_key(version: str) -> tuple[int, ...]:
    parts = []
    for part in version.split("-", maxsplit=1)[0].split("."):
        parts.append(int(part) if part.isdigit() else 0)
    return tuple(parts)


async def _running_on(node: Node) -> Any:
    """A node's ``/api/ps``; an OpenAI-compatible server keeps every model it lists loaded."""
    if node.spec.kind == "openai":
        return {"models": engine_listing.ps_entries(list(node.models.values()))}
    return await fetch_json(node, "/api/ps")


async def version(gw: Gateway) -> BytesResponse:
    """The lowest version among the healthy Ollama nodes (asked live when none is known yet);
    the gateway's own version when every node is an OpenAI-compatible server."""
    known = [n.version for n in gw.pool.nodes if n.healthy and n.version]
    if not known and all(n.spec.kind == "openai" for n in gw.pool.nodes if n.healthy):
        known = [__version__] if any(n.healthy for n in gw.pool.nodes) else []
    if not known:
        answer = await fetch_json(gw.pool.pick(None), "/api/version")
        known = [str(answer.get("version", ""))] if isinstance(answer, dict) else []
    if not known:
        raise UpstreamUnavailable("no upstream Ollama server is available")
    lowest = min(known, key=_version_key)
    return BytesResponse(orjson.dumps({"version": lowest}), 200, _JSON, [])


async def show(request: Request, principal: Principal, gw: Gateway, ex: Exchange) -> Any:
    """``/api/show`` on a node holding the model (allowed models only)."""
    body = await request.body()
    payload = parse_body(body)
    model = ex.model = model_of(payload, ("model", "name"))
    if model is None:
        raise NotFound(message='model "" not found')
    authorise_model(request, principal, model)
    found = gw.pool.models().get(normalize_model(model))
    if found is not None and all(node.spec.kind == "openai" for node in found[1]):
        ex.status = 200  # what an OpenAI-compatible server's listing told about the model
        return BytesResponse(orjson.dumps(engine_listing.show_reply(found[0])), 200, _JSON, [])
    call = UpstreamCall(b"POST", b"/api/show", upstream_body(payload))
    return await proxy.forward(ex, gw.pool, call, [])


async def fetch_json(node: Node, path: str) -> Any:
    """GET ``path`` on one node and parse it (listings: ``/api/ps``, ``/api/version``)."""
    try:
        async with node.session.get(node.url(path), timeout=_QUICK) as resp:
            body = await resp.read()
    except (TimeoutError, aiohttp.ClientError) as exc:
        raise translate(exc) from None
    if resp.status != 200:
        raise UpstreamError(f"upstream answered {resp.status} to {path}")
    return orjson.loads(body)
