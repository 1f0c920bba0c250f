"""The response cache as the gateway sees it: one lookup per request, one capture per miss.

The gateway's seam is two calls (all the logic is here)::

    lookup = await cache.lookup(route=route, body=body, headers=request.headers, digest=digest)
    if lookup.hit is not None:                 # after auth, model access and admission
        exchange.cache_hit = True              # usage: a hit, 0 upstream tokens
        return lookup.response()
    ...forward upstream; pass every relayed chunk through lookup.capture.feed (when not None)...
    await lookup.commit(status=..., media_type=...)   # after a complete, successful response

(``cache.proxy.forward`` does exactly this around the gateway's ``proxy.forward``.)

``commit`` stores only a 200 response that is complete: a non-streamed JSON body, an NDJSON
stream whose last line is the ``"done": true`` chunk, or an SSE stream ending in
``data: [DONE]``, with no in-band error, and no larger than ``CACHE_MAX_ENTRY_BYTES``.

A store that fails (Redis down, or hung: a timeout) trips a ``core.breaker.Breaker``: the
request that met the error is a miss, and the cache is skipped (lookups are misses, nothing is
stored) for ``CACHE_REDIS_RETRY_SECONDS``, after which one request tries the store again.  A hung
Redis thus costs one request its socket timeout per cool-down, not every cacheable request.
Metrics: ``ollama_gateway_cache_total{result="hit|miss|store|bypass|error|skipped"}``
(``skipped``: not asked while the breaker is open) and ``ollama_gateway_cache_store_up``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Literal, Protocol

from redis.exceptions import RedisError
from starlette.responses import Response

from ollama_gateway.cache import policy
from ollama_gateway.cache.entry import Entry
from ollama_gateway.core.breaker import Breaker
from ollama_gateway.core.metrics import Metrics

logger = logging.getLogger(__name__)

_STORE_ERRORS = (RedisError, OSError, TimeoutError)


class Store(Protocol):
    name: str

    async def get(self, key: str) -> bytes | None: ...
    async def put(self, key: str, data: bytes) -> None: ...
    async def flush(self) -> int: ...
    async def close(self) -> None: ...


class Capture:
    """Collects the bytes of a response on its way to the client (bounded)."""

    __slots__ = ("_limit", "_parts", "_size", "overflow")

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._parts: list[bytes] = []
        self._size = 0
        self.overflow = False

    def feed(self, chunk: bytes) -> bytes:
        """Keep ``chunk`` (unless over the size bound) and return it unchanged (a sniffer)."""
        if not self.overflow:
            self._size += len(chunk)
            if self._size > self._limit:
                self.overflow = True
                self._parts.clear()
            else:
                self._parts.append(chunk)
        return chunk

    @property
    def body(self) -> bytes:
        return b"".join(self._parts)


class Lookup:
    """The cache's answer for one request: a hit to replay, or a capture to fill."""

    __slots__ = ("_cache", "capture", "headers", "hit", "key", "stream")

    def __init__(
        self,
        cache: ResponseCache | None,
        *,
        key: str | None = None,
        stream: bool = False,
        hit: Entry | None = None,
        result: str | None = None,
    ) -> None:
        self._cache = cache
        self.key = key
        self.stream = stream
        self.hit = hit
        self.headers: dict[str, str] = {policy.HEADER: result} if result else {}
        self.capture: Capture | None = None
        if cache is not None and key is not None and hit is None:
            self.capture = Capture(cache.max_entry_bytes)

    def response(self, headers: list[tuple[bytes, bytes]] | None = None) -> Response:
        """The replay of the hit, with ``headers`` (default: the cache header alone)."""
        assert self.hit is not None
        if headers is None:
            headers = [(k.lower().encode(), v.encode()) for k, v in self.headers.items()]
        return self.hit.response(headers)

    async def commit(self, *, status: int, media_type: str, body: bytes | None = None) -> bool:
        """Store the captured (or given) response if it is complete and successful."""
        capture, self.capture = self.capture, None
        if self._cache is None or self.key is None or capture is None:
            return False
        data = capture.body if body is None else body
        if capture.overflow or len(data) > self._cache.max_entry_bytes:
            return False
        if status != 200 or not _complete(data, stream=self.stream, media_type=media_type):
            return False
        entry = Entry(status, media_type, self.stream, data)
        return await self._cache.put(self.key, entry)


_MISSING = Lookup(None)


class ResponseCache:
    def __init__(
        self,
        store: Store,
        *,
        metrics: Metrics | None,
        max_entry_bytes: int,
        retry_seconds: float = 10.0,
    ) -> None:
        self.store = store
        self.max_entry_bytes = max_entry_bytes
        self._metrics = metrics
        self.breaker = Breaker(
            cooldown=retry_seconds,
            down_message=f"cache: {store.name} store unreachable (%s: %s); serving without the "
            f"cache, trying it again every {retry_seconds:g} s",
            up_message=f"cache: {store.name} store reachable again",
            on_change=self._show,
            log=logger,
        )
        self._show(True)

    @property
    def backend(self) -> str:
        return self.store.name

    async def lookup(
        self,
        *,
        route: str,
        body: Mapping[str, Any],
        headers: Mapping[str, str],
        digest: str | None,
        stream: bool | None = None,
    ) -> Lookup:
        """Answer from the cache, or say how to fill it.  Never raises for a store failure."""
        if route not in policy.ROUTES:
            return _MISSING
        mode = policy.mode(headers)
        if mode is policy.Mode.BYPASS:
            self._count("bypass")
            return Lookup(None, result="bypass")
        auto = mode is policy.Mode.AUTO
        if (
            digest is None
            or not policy.keyable(body)
            or (auto and not policy.deterministic(route, body))
        ):
            return _MISSING
        if stream is None:
            stream = policy.streams(route, body)
        key = policy.cache_key(route, digest, body, stream=stream)
        data = await self._get(key)
        if data is False:  # the store is unavailable: a miss, nothing to store
            return Lookup(None, result="miss")
        if data is None:
            self._count("miss")
            return Lookup(self, key=key, stream=stream, result="miss")
        self._count("hit")
        return Lookup(self, key=key, stream=stream, hit=Entry.decode(data), result="hit")

    async def _get(self, key: str) -> bytes | Literal[False] | None:
        """The entry's bytes, ``None`` when absent, ``False`` when the store is unavailable."""
        breaker = self.breaker
        if not breaker.allow():
            self._count("skipped")
            return False
        try:
            data = await self.store.get(key)
        except _STORE_ERRORS as exc:
            self._failed(exc)
            return False
        if not breaker.up:
            breaker.reset()
        return data

    async def put(self, key: str, entry: Entry) -> bool:
        if not self.breaker.up:  # tripped since the lookup: skip
            return False
        try:
            await self.store.put(key, entry.encode())
        except _STORE_ERRORS as exc:
            self._failed(exc)
            return False
        self._count("store")
        return True

    async def flush(self) -> int:
        """Drop every entry (admin); the number dropped."""
        return await self.store.flush()

    async def close(self) -> None:
        await self.store.close()

    def _count(self, result: str) -> None:
        if self._metrics is not None:
            self._metrics.cache.labels(result=result).inc()

    def _failed(self, exc: BaseException) -> None:
        self._count("error")
        self.breaker.trip(exc)

    def _show(self, up: bool) -> None:
        if self._metrics is not None:
            self._metrics.cache_store_up.labels(store=self.store.name).set(1 if up else 0)


def _complete(data: bytes, *, stream: bool, media_type: str) -> bool:
    if not data:
        return False
    if not stream:
        return not data.lstrip().startswith(b'{"error"')
    if media_type.startswith("text/event-stream"):
        return data.rstrip().endswith(b"data: [DONE]") and b'data: {"error"' not in data
    last = data.rstrip(b"\n").rsplit(b"\n", 1)[-1]
    return b'"done":true' in last.replace(b" ", b"")
