"""The upstream pool: every Ollama node, its health, the models it holds and its load.

Nodes come from ``OLLAMA_API_BASE_URL`` (a comma list, keys ``env:1``...) and from the catalog's
stored nodes (keys ``db:<id>``); :meth:`UpstreamPool.sync` applies a new list in place (hot
reload) without dropping requests in flight.  Each node has one ``aiohttp.ClientSession`` with a
keep-alive connection pool, no cookie jar, no decompression and no needless headers; the request
path only reads this in-memory state, never the database.  HTTPS nodes: one TLS context
(``client.tls_context``: ``UPSTREAM_CA_BUNDLE``, ``UPSTREAM_TLS_VERIFY``) serves both the lean
client and the aiohttp sessions.

Selection (:meth:`UpstreamPool.acquire`): among nodes whose circuit breaker is closed, prefer the
healthy ones known (from their ``/api/tags``) to hold the model, else any healthy node (the model
map may be stale, and the node's own 404 then reaches the client), else any node; take the one
with the fewest requests in flight relative to its cap.  When every candidate is at its cap the
request waits for a slot up to ``upstream_queue_timeout``, then gets 503 (or 504 when its own
deadline, ``REQUEST_TIMEOUT``, comes first).  The breaker opens after
``upstream_breaker_failures`` consecutive connect or health-check failures and keeps the node out
for ``upstream_breaker_cooldown`` seconds; the next success closes it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Sequence
from functools import partial
from typing import Any

import aiohttp

from ollama_gateway.catalog.snapshot import normalize_model
from ollama_gateway.core.config import Settings
from ollama_gateway.core.errors import NotFound, UpstreamUnavailable
from ollama_gateway.core.metrics import Metrics
from ollama_gateway.gateway import health
from ollama_gateway.gateway.client import DeadlineExceeded, HttpClient, tls_context
from ollama_gateway.gateway.errors import translate
from ollama_gateway.gateway.nodes import Node, NodeSpec, node_tls

logger = logging.getLogger(__name__)

_SKIP_HEADERS = ("User-Agent", "Accept-Encoding")
__all__ = ["Node", "NodeSpec", "UpstreamPool"]


class UpstreamPool:
    """All upstream nodes of one application (``app.state.upstreams``)."""

    def __init__(self, settings: Settings, metrics: Metrics) -> None:
        self._settings = settings
        self._metrics = metrics
        self._nodes: list[Node] = []
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._health_task: asyncio.Task[None] | None = None
        self._checks: set[asyncio.Task[None]] = set()
        self._tls = tls_context(settings.upstream_ca_bundle, verify=settings.upstream_tls_verify)
        if not settings.upstream_tls_verify:
            logger.warning("UPSTREAM_TLS_VERIFY=false: HTTPS upstream certificates are not checked")
        self.request_timeout = aiohttp.ClientTimeout(
            total=None,
            connect=settings.upstream_connect_timeout,
            sock_connect=settings.upstream_connect_timeout,
            sock_read=settings.upstream_first_byte_timeout,
        )
        self._health_timeout = aiohttp.ClientTimeout(
            total=settings.upstream_connect_timeout + 10.0,
            sock_connect=settings.upstream_connect_timeout,
        )
        self.idle_timeout = settings.upstream_idle_timeout
        self.first_byte_timeout = settings.upstream_first_byte_timeout
        #: Health checks shared with the fleet through Redis (set by the lifespan with REDIS_URL).
        self.shared: health.SharedChecks | None = None
        #: Bumped whenever the merged model list changes (listings cache on it).
        self.models_version = 0
        self._merged: dict[str, tuple[dict[str, Any], tuple[Node, ...]]] = {}

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def nodes(self) -> tuple[Node, ...]:
        return tuple(self._nodes)

    async def start(self, specs: Sequence[NodeSpec]) -> None:
        """Open the nodes, run a first health check (bounded), start the health loop."""
        await self.sync(specs, wait=True)
        self._health_task = asyncio.create_task(self._health_loop(), name="upstream-health")

    async def close(self) -> None:
        if self._health_task is not None:
            self._health_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._health_task
        for task in list(self._checks):
            task.cancel()
        for node in self._nodes:
            await node.close()
        self._nodes.clear()

    async def sync(self, specs: Sequence[NodeSpec], *, wait: bool = False) -> None:
        """Apply a new node list: add, update and remove nodes in place (hot reload)."""
        current = {node.spec.key: node for node in self._nodes}
        nodes: list[Node] = []
        fresh: list[Node] = []
        for spec in specs:
            node = current.pop(spec.key, None)
            if node is not None and node.spec.connection == spec.connection:
                if node.spec.name != spec.name:
                    self._forget_metrics(node)
                node.spec = spec
                self._watch_metrics(node)
            else:
                if node is not None:
                    self._retire(node)
                node = Node(spec, self._session(spec), self._client(spec))
                self._watch_metrics(node)
                fresh.append(node)
            nodes.append(node)
        for node in current.values():
            self._retire(node)
        self._nodes = nodes
        self._rebuild_models()
        self._wake_waiters()
        if fresh:
            checks = [self._spawn_check(node) for node in fresh]
            if wait:
                await asyncio.wait(checks, timeout=self._settings.upstream_connect_timeout + 1.0)

    def _session(self, spec: NodeSpec) -> aiohttp.ClientSession:
        tls = node_tls(spec, self._tls, self._settings)
        connector = aiohttp.TCPConnector(limit=0, ttl_dns_cache=300, keepalive_timeout=60, ssl=tls)
        return aiohttp.ClientSession(
            connector=connector,
            headers={"Authorization": f"Bearer {key}"} if (key := spec.header_key) else None,
            cookie_jar=aiohttp.DummyCookieJar(),
            auto_decompress=False,
            skip_auto_headers=_SKIP_HEADERS,
            timeout=self.request_timeout,
            trust_env=False,
            read_bufsize=2**16,
        )

    def _client(self, spec: NodeSpec) -> HttpClient:
        timeout = self._settings.upstream_connect_timeout
        return HttpClient(
            spec.url,
            connect_timeout=timeout,
            tls=node_tls(spec, self._tls, self._settings),
            api_key=spec.header_key,
        )

    def _retire(self, node: Node) -> None:
        """Take a node out of rotation; its session closes once its last request is done."""
        node.removed = True
        self._forget_metrics(node)
        if node.in_flight == 0:
            self._spawn(node.close())

    def _spawn(self, coro: Any) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(coro)
        self._checks.add(task)
        task.add_done_callback(self._checks.discard)

    def _watch_metrics(self, node: Node) -> None:
        self._metrics.upstream_in_flight.labels(node.name).set_function(lambda: node.in_flight)
        self._metrics.upstream_healthy.labels(node.name).set_function(
            lambda: 1.0 if node.healthy else 0.0
        )

    def _forget_metrics(self, node: Node) -> None:
        for gauge in (self._metrics.upstream_in_flight, self._metrics.upstream_healthy):
            with contextlib.suppress(KeyError):
                gauge.remove(node.name)

    # -- selection ---------------------------------------------------------------------------

    def candidates(self, model: str | None) -> list[Node]:
        """The nodes a request for ``model`` may go to, best tier only (see module docstring)."""
        now = time.monotonic()
        key = normalize_model(model) if model is not None else None
        holders: list[Node] = []
        up: list[Node] = []
        usable: list[Node] = []  # one pass: this runs on every request
        for node in self._nodes:
            if node.open_until > now:  # breaker open
                continue
            usable.append(node)
            if node.healthy is not False:
                up.append(node)
                if key is not None and key in node.models:
                    holders.append(node)
        return holders or up or usable

    def _eligible(self, model: str | None, among: Sequence[Node] | None) -> list[Node]:
        if among is None:
            return self.candidates(model)
        now = time.monotonic()
        return [n for n in among if not n.removed and not n.breaker_open(now)]

    def pick(self, model: str | None, among: Sequence[Node] | None = None) -> Node:
        """A node for a request that takes no slot (listings, show): the least busy candidate."""
        nodes = self._eligible(model, among)
        if not nodes:
            raise UpstreamUnavailable("no upstream Ollama server is available")
        return nodes[0] if len(nodes) == 1 else min(nodes, key=_load)

    def holders(self, model: str) -> list[Node]:
        """Healthy nodes known to hold ``model``."""
        found = self._merged.get(normalize_model(model))
        return list(found[1]) if found else []

    def manage_node(self, name: str | None = None) -> Node:
        """The node for management requests: the one named, else the first healthy one."""
        if name:
            for node in self._nodes:
                if node.name == name:
                    return node
            raise NotFound(message=f'no upstream node named "{name}"')
        nodes = self.candidates(None)
        if not nodes:
            raise UpstreamUnavailable("no upstream Ollama server is available")
        return nodes[0]

    def refresh_soon(self, node: Node) -> None:
        """Re-read a node's models in the background (after a pull, copy, create, delete)."""
        if not node.removed:
            self._spawn_check(node)

    async def acquire(
        self,
        model: str | None,
        among: Sequence[Node] | None = None,
        *,
        deadline: float | None = None,
    ) -> Node:
        """Take a slot on the best node for ``model`` (or of ``among``), waiting for one when
        all are full, but not past the request's ``deadline`` (event-loop time)."""
        until: float | None = None
        while True:
            nodes = self._eligible(model, among)
            if not nodes:
                raise UpstreamUnavailable("no upstream Ollama server is available")
            node = _least_loaded_with_room(nodes)
            if node is not None:
                node.in_flight += 1
                return node
            loop = asyncio.get_running_loop()
            if until is None:
                until = loop.time() + self._settings.upstream_queue_timeout
                if deadline is not None and deadline < until:
                    until = deadline
            remaining = until - loop.time()
            if remaining <= 0:
                if until == deadline:
                    raise translate(DeadlineExceeded())
                raise UpstreamUnavailable("all upstream Ollama servers are busy")
            await self._wait_for_release(loop, remaining)

    async def _wait_for_release(self, loop: asyncio.AbstractEventLoop, within: float) -> None:
        waiter: asyncio.Future[None] = loop.create_future()
        self._waiters.append(waiter)
        try:
            async with asyncio.timeout(within):
                await waiter
        except TimeoutError:
            pass
        finally:
            if not waiter.done():
                waiter.cancel()
            with contextlib.suppress(ValueError):
                self._waiters.remove(waiter)

    def release(self, node: Node) -> None:
        node.in_flight -= 1
        if node.removed and node.in_flight == 0:
            self._spawn(node.close())
        self._wake_waiters(1)

    def _wake_waiters(self, count: int | None = None) -> None:
        woken = 0
        while self._waiters and (count is None or woken < count):
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                woken += 1

    # -- breaker -----------------------------------------------------------------------------

    def record_failure(self, node: Node, error: str) -> None:
        node.failures += 1
        node.last_error = error
        if node.failures >= self._settings.upstream_breaker_failures:
            if not node.breaker_open(time.monotonic()):
                logger.warning("upstream %s: circuit opened after %s", node.name, error)
            node.open_until = time.monotonic() + self._settings.upstream_breaker_cooldown

    def record_success(self, node: Node) -> None:
        if node.failures:
            node.failures = 0
            node.open_until = 0.0

    # -- health and the model map ------------------------------------------------------------

    def _spawn_check(self, node: Node) -> asyncio.Task[None]:
        task = asyncio.create_task(self.check(node), name=f"upstream-check-{node.name}")
        self._checks.add(task)
        task.add_done_callback(self._checks.discard)
        return task

    async def _health_loop(self) -> None:
        while True:
            await asyncio.sleep(self._settings.upstream_health_interval)
            await self.check_all()

    async def check_all(self) -> None:
        await asyncio.gather(*(self.check(node) for node in list(self._nodes)))

    async def refresh_if_stale(self, max_age: float = 2.0) -> None:
        """Check every node now unless all were checked within ``max_age`` seconds (listings
        asked while the model map is empty)."""
        now = time.time()
        if any(n.checked_at is None or now - n.checked_at > max_age for n in self._nodes):
            await self.check_all()

    async def check(self, node: Node) -> None:
        """Refresh one node's health, version and models (``health.probe``), and when it comes
        up whether it serves ``/v1/messages``; shared with the fleet when ``shared`` is set."""
        if self.shared is not None:
            outcome = await self.shared.check(
                node, partial(health.check, node, self._health_timeout)
            )
        else:
            outcome = await health.check(node, self._health_timeout)
        if not outcome.ok:
            if node.healthy is not False:
                logger.warning("upstream %s is unhealthy: %s", node.name, outcome.error)
            node.healthy = False
            self.record_failure(node, outcome.error or "health check failed")
        else:
            if node.healthy is not True:
                logger.info("upstream %s is healthy", node.name)
            node.healthy = True
            node.last_error = None
            node.version = outcome.version
            node.models = outcome.models
            node.speaks_messages = outcome.speaks_messages
            self.record_success(node)
        node.checked_at = time.time()
        self._rebuild_models()

    def _rebuild_models(self) -> None:
        merged: dict[str, tuple[dict[str, Any], tuple[Node, ...]]] = {}
        for node in self._nodes:
            if node.healthy is False:
                continue
            for key, entry in node.models.items():
                if key in merged:
                    first, holders = merged[key]
                    merged[key] = (first, (*holders, node))
                else:
                    merged[key] = (entry, (node,))
        if _fingerprint(merged) != _fingerprint(self._merged):
            self.models_version += 1
        self._merged = merged

    def models(self) -> dict[str, tuple[dict[str, Any], tuple[Node, ...]]]:
        """Merged ``/api/tags`` entries of the healthy nodes: name -> (entry, holders)."""
        return self._merged

    def knows(self, model: str) -> bool:
        return normalize_model(model) in self._merged

    def model_digest(self, model: str) -> str | None:
        """The digest of ``model`` as the nodes report it (a cache key part), if known."""
        found = self._merged.get(normalize_model(model))
        return str(found[0].get("digest") or "") or None if found else None


def _load(node: Node) -> float:
    """Share of the node's slots in use (0..1), less twice its priority: a higher priority wins."""
    return node.in_flight / max(1, node.spec.max_in_flight) - 2 * node.spec.priority


def _least_loaded_with_room(nodes: Sequence[Node]) -> Node | None:
    """The first node of least load among those with a free slot (``min`` by :func:`_load`)."""
    best, best_load = None, 0.0
    for node in nodes:
        if node.in_flight < node.spec.max_in_flight and (not best or _load(node) < best_load):
            best, best_load = node, _load(node)
    return best


def _fingerprint(merged: dict[str, tuple[dict[str, Any], tuple[Node, ...]]]) -> object:
    return {key: (entry.get("digest"), len(holders)) for key, (entry, holders) in merged.items()}
