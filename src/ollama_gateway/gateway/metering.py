"""Metering of finished exchanges: one usage event and the Prometheus metrics per request.

Runs on the request path, so it does only dictionary work: metric children are looked up once
per (route, model, status) and kept, and the usage event goes on the recorder's queue with
``put_nowait``.  The ``model`` label is the requested model only when some node holds it
(``"other"`` otherwise), so random names cannot blow up the metrics' cardinality.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ollama_gateway.core.metrics import Metrics
from ollama_gateway.usage.recorder import UsageEvent, UsageRecorder

if TYPE_CHECKING:
    from ollama_gateway.gateway.exchange import Exchange

_MAX_CHILDREN = 10_000


class Meter:
    def __init__(
        self, metrics: Metrics, recorder: UsageRecorder, known_model: Callable[[str], bool]
    ) -> None:
        self._metrics = metrics
        self._recorder = recorder
        self._known = known_model
        self._requests: dict[tuple[str, str, int], Any] = {}
        self._latency: dict[tuple[str, str], Any] = {}
        self._ttft: dict[tuple[str, str], Any] = {}
        self._tokens: dict[tuple[str, str], Any] = {}

    def record(self, ex: Exchange) -> None:
        import time

        latency = time.perf_counter() - ex.started
        node = ex.node
        principal = ex.principal
        self._recorder.record(
            UsageEvent(
                user_id=principal.user_id,
                key_id=principal.key_id,
                model=ex.model,
                route=ex.route,
                status=ex.status,
                started_at=datetime.fromtimestamp(ex.started_wall, UTC),
                latency_ms=round(latency * 1000.0, 3),
                ttft_ms=round(ex.ttft * 1000.0, 3) if ex.ttft is not None else None,
                prompt_tokens=ex.prompt_tokens,
                completion_tokens=ex.completion_tokens,
                cache_hit=ex.cache_hit,
                upstream_id=node.spec.db_id if node is not None else None,
                upstream=node.name if node is not None else None,
                error=ex.error,
                request_id=ex.request_id or None,
            )
        )
        model = ex.model or ""
        label = model if not model or self._known(model) else "other"
        self._child(self._requests, self._metrics.requests, (ex.route, label, ex.status)).inc()
        self._child(self._latency, self._metrics.latency, (ex.route, label)).observe(latency)
        if ex.ttft is not None and ex.stream:
            self._child(self._ttft, self._metrics.ttft, (ex.route, label)).observe(ex.ttft)
        if ex.prompt_tokens:
            self._child(self._tokens, self._metrics.tokens, (label, "prompt")).inc(ex.prompt_tokens)
        if ex.completion_tokens:
            self._child(self._tokens, self._metrics.tokens, (label, "completion")).inc(
                ex.completion_tokens
            )

    @staticmethod
    def _child(cache: dict[Any, Any], metric: Any, labels: tuple[Any, ...]) -> Any:
        child = cache.get(labels)
        if child is None:
            if len(cache) >= _MAX_CHILDREN:
                cache.clear()
            child = cache[labels] = metric.labels(*(str(label) for label in labels))
        return child
