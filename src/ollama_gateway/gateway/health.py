"""What one health check asks a node: its version and models, and whether it serves Anthropic's
``/v1/messages`` (asked when the node comes up).

An Ollama node answers ``/api/version`` and ``/api/tags``; an OpenAI-compatible node answers
``/v1/models``, turned into ``/api/tags`` entries by ``engines.listing``.  The pool
(``upstreams``) decides what the answers mean for the node's state.
"""

from __future__ import annotations

from typing import Any

import aiohttp
import orjson

from ollama_gateway.catalog.snapshot import normalize_model
from ollama_gateway.gateway.engines import listing as engine_listing
from ollama_gateway.gateway.nodes import Node


async def get_json(node: Node, path: str, limits: aiohttp.ClientTimeout) -> dict[str, Any]:
    async with node.session.get(node.url(path), timeout=limits) as resp:
        if resp.status != 200:
            raise aiohttp.ClientResponseError(
                resp.request_info, (), status=resp.status, message=f"{path} -> {resp.status}"
            )
        data = orjson.loads(await resp.read())
    return data if isinstance(data, dict) else {}


async def probe(
    node: Node, limits: aiohttp.ClientTimeout
) -> tuple[str | None, dict[str, dict[str, Any]]]:
    """(version, normalized model name -> ``/api/tags`` entry) of ``node``; raises if down."""
    if node.spec.kind == "openai":
        version: dict[str, Any] = {}
        tags = {"models": engine_listing.tags_entries(await get_json(node, "/v1/models", limits))}
    else:
        version = await get_json(node, "/api/version", limits)
        tags = await get_json(node, "/api/tags", limits)
    models = {
        normalize_model(str(entry.get("name") or entry.get("model"))): entry
        for entry in tags.get("models") or ()
        if isinstance(entry, dict) and (entry.get("name") or entry.get("model"))
    }
    return str(version.get("version") or "") or None, models


async def speaks_messages(node: Node, limits: aiohttp.ClientTimeout) -> bool:
    """Whether the node serves ``/v1/messages``: an empty request is refused as invalid by a
    server that has the route, with 404/405 by one that has not."""
    async with node.session.post(node.url("/v1/messages"), data=b"{}", timeout=limits) as resp:
        await resp.read()
        return resp.status not in (404, 405, 501)
