"""What one health check asks a node: its version and models, and whether it serves Anthropic's
``/v1/messages`` (asked when the node comes up).

An Ollama node answers ``/api/version`` and ``/api/tags``; an OpenAI-compatible node answers
``/v1/models``, turned into ``/api/tags`` entries by ``engines.listing``.  The pool
(``upstreams``) decides what the answers mean for the node's state.  With Redis, a fleet's
processes share the answers (:class:`SharedChecks`): one probe per node per interval in all.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple

import aiohttp
import orjson
from redis.asyncio import Redis
from redis.exceptions import RedisError

from ollama_gateway.catalog.snapshot import normalize_model
from ollama_gateway.gateway.engines import listing as engine_listing
from ollama_gateway.gateway.nodes import Node

logger = logging.getLogger(__name__)


class Outcome(NamedTuple):
    """What one health check of a node found (shared between processes as JSON)."""

    ok: bool
    version: str | None = None
    models: dict[str, dict[str, Any]] = {}
    speaks_messages: bool = False
    error: str | None = None


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


Probe = Callable[[], Awaitable[Outcome]]


async def check(node: Node, limits: aiohttp.ClientTimeout) -> Outcome:
    """Probe ``node`` (and, when it comes up, whether it serves ``/v1/messages``)."""
    try:
        version, models = await probe(node, limits)
        speaks = node.speaks_messages
        if node.checked_at is None or not node.healthy:
            speaks = await speaks_messages(node, limits)
    except asyncio.CancelledError:
        raise
    except Exception as exc:
        return Outcome(False, error=f"health check: {type(exc).__name__}: {exc}"[:300])
    return Outcome(True, version, models, speaks)


class SharedChecks:
    """One probe per node per interval across a fleet (``REDIS_URL``): the process that takes a
    node's Redis lock for this interval probes it and publishes the outcome; the others read it.
    A node's key holds its URL and kind, so processes that disagree on a node do not share.
    Redis down, or no outcome published yet: the process probes itself (a fleet may then probe
    more than once, never less), so the gateway never depends on Redis to see its nodes."""

    def __init__(self, redis: Redis, *, prefix: str, interval: float) -> None:
        self._redis = redis
        self._prefix = prefix
        self._lock_ms = max(100, int(interval * 900))  # a little under one interval
        self._keep_ms = max(1000, int(interval * 3000))

    def _key(self, node: Node) -> str:
        spec = node.spec
        digest = hashlib.sha256(f"{spec.kind}|{spec.url}".encode()).hexdigest()[:16]
        return f"{self._prefix}health:{digest}"

    async def check(self, node: Node, probe: Probe) -> Outcome:
        key = self._key(node)
        try:
            mine = await self._redis.set(key + ":lock", os.getpid(), nx=True, px=self._lock_ms)
            if not mine:
                stored = await self._redis.get(key)
                if stored is not None:
                    return Outcome(**orjson.loads(stored))
        except (RedisError, OSError, ValueError, TypeError) as exc:
            logger.debug("shared health check of %s unavailable: %s", node.name, exc)
            return await probe()
        outcome = await probe()
        with contextlib.suppress(RedisError, OSError):
            data = orjson.dumps(outcome._asdict())
            await self._redis.set(key, data, px=self._keep_ms)
        return outcome
