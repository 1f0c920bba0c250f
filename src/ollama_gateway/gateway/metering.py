"""Metering of finished exchanges: one usage event and the Prometheus metrics per request.

Runs on the request path, so it does only dictionary work: the usage event goes on the
recorder's queue with ``put_nowait``, and the metrics are plain numbers added in place
(``core.metrics.RequestMetrics``).  The ``model`` label is the requested model only when some
node holds it (``"other"`` otherwise), so random names cannot blow up the metrics' cardinality.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ollama_gateway.core.metrics import Metrics, RequestMetrics, observe
from ollama_gateway.usage.recorder import UsageEvent, UsageRecorder

if TYPE_CHECKING:
    from ollama_gateway.gateway.exchange import Exchange


class Meter:
    def __init__(
        self, metrics: Metrics, recorder: UsageRecorder, known_model: Callable[[str], bool]
    ) -> None:
        self._traffic: RequestMetrics = metrics.traffic
        self._recorder = recorder
        self._known = known_model

    def record(self, ex: Exchange) -> None:
        latency = time.perf_counter() - ex.started
        node = ex.node
        principal = ex.principal
        ttft = ex.ttft
        self._recorder.record(
            UsageEvent(
                user_id=principal.user_id,
                key_id=principal.key_id,
                model=ex.model,
                route=ex.route,
                status=ex.status,
                started_at=datetime.fromtimestamp(ex.started_wall, UTC),
                latency_ms=round(latency * 1000.0, 3),
                ttft_ms=round(ttft * 1000.0, 3) if ttft is not None else None,
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
        traffic = self._traffic
        route = ex.route
        key = (route, label, ex.status)
        cell = traffic.requests.get(key) or traffic.counter(traffic.requests, key)
        cell[0] += 1
        series = (route, label)
        cell = traffic.latency.get(series) or traffic.histogram(traffic.latency, series)
        observe(cell, latency)
        if ttft is not None and ex.stream:
            cell = traffic.ttft.get(series) or traffic.histogram(traffic.ttft, series)
            observe(cell, ttft)
        if ex.prompt_tokens:
            tokens = (label, "prompt")
            cell = traffic.tokens.get(tokens) or traffic.counter(traffic.tokens, tokens)
            cell[0] += ex.prompt_tokens
        if ex.completion_tokens:
            tokens = (label, "completion")
            cell = traffic.tokens.get(tokens) or traffic.counter(traffic.tokens, tokens)
            cell[0] += ex.completion_tokens
