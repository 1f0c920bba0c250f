"""Model management through the gateway: pull, push, create, copy, delete and blobs.

Where they go (a documented choice): pull, push, create and blob uploads go to **one** node, the
one named by the ``X-Ollama-Node`` request header (a node name from ``/api/status``) or else the
first healthy node in configuration order, so that ``ollama create`` finds the blobs it just
uploaded.  Copy and delete go to **every** healthy node holding the model, so the cluster stays
consistent; the answer is the first success (or the first failure when none succeeded).  After
each, the node's model list is refreshed in the background.
"""

from __future__ import annotations

import re

import aiohttp
from fastapi import Request
from starlette.responses import Response

from ollama_gateway.core.errors import ValidationFailed
from ollama_gateway.core.permissions import Permission
from ollama_gateway.core.principal import Principal
from ollama_gateway.gateway import proxy
from ollama_gateway.gateway.dispatch import Gateway, model_of, parse_body, require, upstream_body
from ollama_gateway.gateway.errors import describe, translate
from ollama_gateway.gateway.exchange import Exchange
from ollama_gateway.gateway.proxy import UpstreamCall
from ollama_gateway.gateway.routes import RouteSpec
from ollama_gateway.gateway.streaming import BytesResponse
from ollama_gateway.gateway.upstreams import Node

NODE_HEADER = "x-ollama-node"
_DIGEST = re.compile(r"^sha256[:-][0-9a-fA-F]{64}$")


def _target(gw: Gateway, request: Request) -> Node:
    return gw.pool.manage_node(request.headers.get(NODE_HEADER))


async def on_one_node(
    request: Request, principal: Principal, gw: Gateway, ex: Exchange, spec: RouteSpec
) -> Response:
    """Pull, push, create: one node, progress relayed as it comes."""
    require(principal, spec.permission)
    body = await request.body()
    payload = parse_body(body)
    ex.model = model_of(payload, spec.model_fields)
    stream = ex.stream = spec.streaming(payload)
    node = _target(gw, request)
    if stream:
        ex.watch_disconnect(request.receive)
    call = UpstreamCall(
        spec.method, spec.upstream_path, upstream_body(payload),
        stream=stream, nodes=(node,), after=gw.pool.refresh_soon,
    )  # fmt: skip
    return await proxy.forward(ex, gw.pool, call, [])


async def on_holders(
    request: Request, principal: Principal, gw: Gateway, ex: Exchange, spec: RouteSpec
) -> Response:
    """Copy, delete: every healthy node holding the model."""
    require(principal, spec.permission)
    body = await request.body()
    payload = parse_body(body)
    model = ex.model = model_of(payload, spec.model_fields)
    nodes = (gw.pool.holders(model) if model else []) or [_target(gw, request)]
    body = upstream_body(payload)
    answers = []
    for node in nodes:
        call = UpstreamCall(
            spec.method, spec.upstream_path, body, nodes=(node,), after=gw.pool.refresh_soon
        )
        answers.append(await proxy.forward(ex, gw.pool, call, []))
    chosen = next((a for a in answers if a.status_code == 200), answers[0])
    ex.status = chosen.status_code
    return chosen


async def blob(
    request: Request, principal: Principal, gw: Gateway, ex: Exchange, digest: str
) -> Response:
    """``HEAD``/``POST /api/blobs/{digest}`` on the management node (aiohttp: the body is
    streamed through, never held whole).

    Blobs are exempt from ``MAX_REQUEST_BODY_BYTES`` (``main``), which is safe only because the
    caller (``CallerDep``) and ``MODELS_MANAGE`` are checked before the first body byte is read:
    keep every check above ``request.stream()``.
    """
    require(principal, Permission.MODELS_MANAGE)
    if not _DIGEST.match(digest):
        raise ValidationFailed("invalid digest format", status=400)
    node = ex.node = _target(gw, request)
    headers = {"Content-Type": "application/octet-stream"}
    length = request.headers.get("content-length")
    if length:
        headers["Content-Length"] = length
    data = request.stream() if request.method == "POST" else None
    try:
        async with node.session.request(
            request.method, node.url(f"/api/blobs/{digest}"), data=data, headers=headers
        ) as resp:
            body = await resp.read()
    except (TimeoutError, aiohttp.ClientError) as exc:
        ex.fail(502, describe(exc, node.name))
        raise translate(exc) from None
    ex.status = resp.status
    content_type = (resp.headers.get("Content-Type") or "application/json").encode()
    return BytesResponse(body, resp.status, content_type, [])
