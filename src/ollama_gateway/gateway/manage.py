"""Model management through the gateway: pull, push, create, copy, delete and blobs.

Where they go (a documented choice): pull, push, create and blob uploads go to **one** node, the
one named by the ``X-Ollama-Node`` request header (a node name from ``/api/status``) or else the
first healthy node in configuration order, so that ``ollama create`` finds the blobs it just
uploaded.  Copy and delete go to **every** healthy node holding the model, so the cluster stays
consistent; the answer is the first success (or the first failure when none succeeded).  After
each, the node's model list is re-read before the next listing (``freshness``), so ``/api/tags``
shows the change at once, as Ollama does.

Every model name a request gives is checked like generation's (:data:`NAMES`): a name it reads
(push, the source of a copy, create's ``from`` and the ``FROM`` lines of a legacy ``modelfile``)
against the catalog and the key's allow-list, a name it writes (pull, delete, the new name of a
copy or create) against the role rules and the allow-list (``catalog.snapshot``).  So a disabled
model cannot be copied or created under a name that is not disabled.
"""

from __future__ import annotations

import re
from typing import Any

import aiohttp
from fastapi import Request
from starlette.responses import Response

from ollama_gateway.core.errors import ValidationFailed
from ollama_gateway.core.permissions import Permission
from ollama_gateway.core.principal import Principal
from ollama_gateway.gateway import model_audit, proxy
from ollama_gateway.gateway.dispatch import (
    Gateway,
    authorise_model,
    model_of,
    parse_body,
    require,
    upstream_body,
)
from ollama_gateway.gateway.errors import describe, translate
from ollama_gateway.gateway.exchange import Exchange
from ollama_gateway.gateway.proxy import UpstreamCall
from ollama_gateway.gateway.routes import RouteSpec
from ollama_gateway.gateway.streaming import BytesResponse
from ollama_gateway.gateway.upstreams import Node

NODE_HEADER = "x-ollama-node"
_DIGEST = re.compile(r"sha256[:-][0-9a-fA-F]{64}")


_MODEL = ("model", "name")
#: Per route, the names its body gives: (fields, the first present wins as in Ollama's
#: ``cmp.Or(req.Model, req.Name)``; whether the request writes that model).
NAMES: dict[str, tuple[tuple[tuple[str, ...], bool], ...]] = {
    "/api/pull": ((_MODEL, True),),
    "/api/push": ((_MODEL, False),),
    "/api/create": ((_MODEL, True), (("from",), False)),
    "/api/copy": ((("source",), False), (("destination",), True)),
    "/api/delete": ((_MODEL, True),),
}


def authorise_names(
    request: Request, principal: Principal, spec: RouteSpec, payload: dict[str, Any]
) -> None:
    """403 unless ``principal`` may read and write every model the request names."""
    for fields, writing in NAMES.get(spec.name, ()):
        name = model_of(payload, fields)
        if name is not None:
            authorise_model(request, principal, name, writing=writing)
    modelfile = payload.get("modelfile") if spec.name == "/api/create" else None
    if isinstance(modelfile, str):
        for line in modelfile.splitlines():
            words = line.split(None, 1)
            if len(words) == 2 and words[0].upper() == "FROM":
                authorise_model(request, principal, words[1].strip())


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
    authorise_names(request, principal, spec, payload)
    stream = ex.stream = spec.streaming(payload)
    node = _target(gw, request)
    if stream:
        ex.watch_disconnect(request.receive)
    end = gw.changes.track(node)
    call = UpstreamCall(
        spec.method, spec.upstream_path, upstream_body(payload),
        stream=stream, nodes=(node,), after=end,
    )  # fmt: skip
    try:
        response = await proxy.forward(ex, gw.pool, call, [])
    except BaseException:
        end(node)  # failed before reaching the node (ended already otherwise: a no-op)
        raise
    await model_audit.record(
        request, principal, spec.name, payload, nodes=[node.name], status=ex.status
    )
    return response


async def on_holders(
    request: Request, principal: Principal, gw: Gateway, ex: Exchange, spec: RouteSpec
) -> Response:
    """Copy, delete: every healthy node holding the model."""
    require(principal, spec.permission)
    body = await request.body()
    payload = parse_body(body)
    model = ex.model = model_of(payload, spec.model_fields)
    authorise_names(request, principal, spec, payload)
    nodes = (gw.pool.holders(model) if model else []) or [_target(gw, request)]
    body = upstream_body(payload)
    answers = []
    for node in nodes:
        end = gw.changes.track(node)
        call = UpstreamCall(spec.method, spec.upstream_path, body, nodes=(node,), after=end)
        try:
            answers.append(await proxy.forward(ex, gw.pool, call, []))
        finally:
            end(node)
    chosen = next((a for a in answers if a.status_code == 200), answers[0])
    ex.status = chosen.status_code
    await model_audit.record(
        request, principal, spec.name, payload, nodes=[n.name for n in nodes], status=ex.status
    )
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
    if not _DIGEST.fullmatch(digest):  # all of it: ``$`` would let a final newline pass
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
