"""Model pulls onto several nodes at once, their merged progress, cancellation; and deletes.

:class:`PullJob` sends Ollama's ``POST /api/pull`` to every chosen node at once (through each
node's own session of the upstream pool) and merges their progress lines into one NDJSON stream,
each line tagged with its node: ``{node, status, digest, total, completed}`` as Ollama reports
them, an ``error`` line when a node fails, ``cancelled`` when the pull is cancelled.  The last
line has ``node: null`` and the overall ``status`` (``success`` when every node succeeded).

A pull ends when the client disconnects (the upstream requests are closed, which makes Ollama
stop) or through ``POST /api/admin/model-pulls/{id}/cancel`` (the ``X-Pull-Id`` response header
and the first line name it; :class:`PullRegistry`).  In a fleet (``REDIS_URL``) the cancel may
reach any process: the one running the pull keeps a heartbeat key for it
(``<prefix>:pull:<id>:alive``, renewed every few seconds, gone ten seconds after the process
is), and a cancel for a pull running elsewhere is published on ``<prefix>:pull-cancels``, which
every process hears.
Each pull is audited when it starts and when it ends, with every node's outcome.  No total
timeout (a pull can take hours): connect and idle (``UPSTREAM_IDLE_TIMEOUT``) bound it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections.abc import AsyncIterator, Sequence
from typing import Any

import aiohttp
import orjson
from redis.asyncio import Redis
from redis.exceptions import RedisError

from ollama_gateway.admin.model_schemas import DeleteResult, NodeOutcome
from ollama_gateway.auth import audit
from ollama_gateway.core.db import Database
from ollama_gateway.core.errors import NotFound, UpstreamUnavailable
from ollama_gateway.gateway.nodes import Node
from ollama_gateway.gateway.upstreams import UpstreamPool

logger = logging.getLogger(__name__)

_FIELDS = ("status", "digest", "total", "completed")
#: A running pull's heartbeat key lives this long, renewed every HEARTBEAT_S (module docstring).
_ALIVE_MS = 10_000
HEARTBEAT_S = 3.0
_DONE = object()


def choose_nodes(pool: UpstreamPool, names: Sequence[str] | None) -> list[Node]:
    """The named nodes (404 for a name the pool does not know), else every enabled node."""
    nodes = list(pool.nodes)
    if names is None:
        if not nodes:
            raise NotFound(message="no upstream node is configured")
        return nodes
    by_name = {node.name: node for node in nodes}
    unknown = sorted(set(names) - set(by_name))
    if unknown:
        raise NotFound(message=f"no upstream node named {', '.join(unknown)}")
    return [by_name[name] for name in dict.fromkeys(names)]


class PullJob:
    """One pull of ``model`` onto ``nodes``; :meth:`stream` runs it (see the module docstring)."""

    def __init__(
        self,
        *,
        model: str,
        nodes: Sequence[Node],
        pool: UpstreamPool,
        db: Database,
        actor_user_id: int,
        ip: str | None,
    ) -> None:
        self.id = secrets.token_hex(8)
        self.model = model
        self.nodes = list(nodes)
        self._pool = pool
        self._db = db
        self._actor = actor_user_id
        self._ip = ip
        self._queue: asyncio.Queue[Any] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []
        self.outcomes: dict[str, str] = {}
        self._timeout = aiohttp.ClientTimeout(
            total=None,
            sock_connect=pool.request_timeout.sock_connect,
            sock_read=pool.idle_timeout,
        )

    def cancel(self) -> None:
        for task in self._tasks:
            task.cancel()

    def _line(self, node: str | None, **fields: Any) -> bytes:
        return orjson.dumps({"node": node, **fields}) + b"\n"

    async def _pull(self, node: Node) -> None:
        body = orjson.dumps({"model": self.model, "stream": True})
        outcome = "error: no answer"
        try:
            async with node.session.post(
                node.url("/api/pull"),
                data=body,
                headers={"Content-Type": "application/json"},
                timeout=self._timeout,
            ) as resp:
                if resp.status != 200:
                    text = (await resp.read())[:300].decode(errors="replace")
                    raise RuntimeError(_error_text(text) or f"HTTP {resp.status}")
                async for raw in resp.content:
                    outcome = self._relay(node.name, raw, outcome)
        except asyncio.CancelledError:
            outcome = "cancelled"
            self._queue.put_nowait(self._line(node.name, status="cancelled"))
        except (TimeoutError, aiohttp.ClientError, RuntimeError) as exc:
            outcome = f"error: {str(exc) or type(exc).__name__}"[:300]
            self._queue.put_nowait(self._line(node.name, status="error", error=outcome[7:]))
        finally:
            self.outcomes[node.name] = outcome
            self._pool.refresh_soon(node)
            self._queue.put_nowait(_DONE)

    def _relay(self, node: str, raw: bytes, outcome: str) -> str:
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            return outcome
        if not isinstance(data, dict):
            return outcome
        if "error" in data:
            message = str(data["error"])[:300]
            self._queue.put_nowait(self._line(node, status="error", error=message))
            return f"error: {message}"
        fields = {key: data[key] for key in _FIELDS if key in data}
        self._queue.put_nowait(self._line(node, **fields))
        return "success" if data.get("status") == "success" else outcome

    async def _audit(self, **details: Any) -> None:
        await audit.write(
            self._db,
            kind=audit.AuditKind.MODEL_PULL,
            actor_user_id=self._actor,
            target=f"model:{self.model}",
            ip=self._ip,
            details={"pull_id": self.id, **details},
        )

    async def stream(self, registry: PullRegistry) -> AsyncIterator[bytes]:
        """The merged NDJSON lines, from start to the final summary."""
        names = [node.name for node in self.nodes]
        await self._audit(nodes=names, phase="started")
        await registry.add(self)
        self._tasks = [asyncio.create_task(self._pull(node)) for node in self.nodes]
        try:
            yield self._line(None, status="pulling", pull_id=self.id)
            remaining = len(self._tasks)
            while remaining:
                item = await self._queue.get()
                if item is _DONE:
                    remaining -= 1
                else:
                    yield item
            failed = {n: o for n, o in self.outcomes.items() if o != "success"}
            status = "success" if not failed else "error"
            error = "; ".join(f"{n}: {o}" for n, o in sorted(failed.items())) or None
            yield self._line(None, status=status, error=error, pull_id=self.id)
        finally:
            await registry.remove(self)
            self.cancel()
            for task in self._tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            with contextlib.suppress(Exception):
                await self._audit(phase="ended", outcomes=self.outcomes)


def _error_text(text: str) -> str | None:
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError:
        return text.strip() or None
    return str(data.get("error")) if isinstance(data, dict) and data.get("error") else None


class PullRegistry:
    """The pulls running on this process, by id (``app.state.model_pulls``); with ``redis``,
    also the fleet's (module docstring).  :meth:`start` and :meth:`close` run its listener of
    cancels; :meth:`beat` renews its heartbeat keys."""

    def __init__(self, redis: Redis | None = None, *, prefix: str = "") -> None:
        self._jobs: dict[str, PullJob] = {}
        self._redis = redis
        self._prefix = prefix
        self._tasks: list[asyncio.Task[None]] = []

    def _alive(self, pull_id: str) -> str:
        return f"{self._prefix}pull:{pull_id}:alive"

    @property
    def _channel(self) -> str:
        return f"{self._prefix}pull-cancels"

    def start(self) -> None:
        if self._redis is not None:
            self._tasks = [asyncio.create_task(self._listen(), name="model-pull-cancels")]

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._redis is not None:
            await self._redis.aclose()

    async def add(self, job: PullJob) -> None:
        self._jobs[job.id] = job
        if self._redis is not None:
            try:
                await self._redis.set(self._alive(job.id), 1, px=_ALIVE_MS)
            except (RedisError, OSError) as exc:  # the pull runs; only a remote cancel misses it
                logger.warning("model pull %s: not announced to the fleet: %s", job.id, exc)

    async def remove(self, job: PullJob) -> None:
        self._jobs.pop(job.id, None)
        if self._redis is not None:
            with contextlib.suppress(RedisError, OSError):
                await self._redis.delete(self._alive(job.id))

    async def cancel(self, pull_id: str) -> None:
        """Cancel the pull here, or ask the fleet's process that runs it; 404 when none does."""
        job = self._jobs.get(pull_id)
        if job is not None:
            job.cancel()
            return
        if self._redis is None:
            raise NotFound(message="no pull with this id is running on this server")
        try:
            running = await self._redis.exists(self._alive(pull_id))
            if running:
                await self._redis.publish(self._channel, pull_id)
        except (RedisError, OSError) as exc:
            raise UpstreamUnavailable(f"the fleet's Redis is unavailable: {exc}") from exc
        if not running:
            raise NotFound(message="no pull with this id is running")

    async def _listen(self) -> None:
        assert self._redis is not None
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(self._channel)
                    async for message in pubsub.listen():
                        if message.get("type") != "message":
                            continue
                        job = self._jobs.get(bytes(message["data"]).decode(errors="replace"))
                        if job is not None:
                            job.cancel()
            except (RedisError, OSError) as exc:
                logger.warning("model pulls: cancel channel lost (%s); reconnecting", exc)
                await asyncio.sleep(1.0)

    async def beat(self) -> None:
        """Renew the heartbeat keys of the pulls running here (every :data:`HEARTBEAT_S`, by
        ``admin.lifespan``; nothing to do without Redis or pulls)."""
        if self._redis is None or not self._jobs:
            return
        with contextlib.suppress(RedisError, OSError):
            async with self._redis.pipeline(transaction=False) as pipe:
                for pull_id in list(self._jobs):
                    pipe.set(self._alive(pull_id), 1, px=_ALIVE_MS)
                await pipe.execute()


async def delete_model(
    *, model: str, nodes: Sequence[Node], pool: UpstreamPool, db: Database,
    actor_user_id: int, ip: str | None,
) -> DeleteResult:  # fmt: skip
    """``DELETE /api/delete`` on each of ``nodes``; every node's outcome, audited."""

    async def one(node: Node) -> NodeOutcome:
        body = orjson.dumps({"model": model})
        try:
            async with node.session.delete(
                node.url("/api/delete"), data=body, headers={"Content-Type": "application/json"}
            ) as resp:
                text = (await resp.read())[:300].decode(errors="replace")
        except (TimeoutError, aiohttp.ClientError) as exc:
            return NodeOutcome(node=node.name, status="error", error=str(exc) or repr(exc))
        finally:
            pool.refresh_soon(node)
        if resp.status == 200:
            return NodeOutcome(node=node.name, status="deleted")
        status = "not_found" if resp.status == 404 else "error"
        return NodeOutcome(node=node.name, status=status, error=_error_text(text))

    results = list(await asyncio.gather(*(one(node) for node in nodes)))
    await audit.write(
        db,
        kind=audit.AuditKind.MODEL_DELETE,
        actor_user_id=actor_user_id,
        target=f"model:{model}",
        ip=ip,
        details={"results": {r.node: r.status for r in results}},
    )
    return DeleteResult(model=model, results=results)
