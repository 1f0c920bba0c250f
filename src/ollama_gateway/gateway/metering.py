"""Metering of finished exchanges: one usage event and the Prometheus metrics per request.

Runs on the request path, so it does only dictionary work: the usage event goes on the
recorder's queue with ``put_nowait``, and the metrics are plain numbers added in place
(``core.metrics.RequestMetrics``).  The ``model`` label is the requested model only when some
node holds it (``"other"`` otherwise), so random names cannot blow up the metrics' cardinality.

Streams under way are journalled (``usage.recorder``): :meth:`Meter.open` tracks a relay from its
first byte, :meth:`Meter.journal` (every ``USAGE_JOURNAL_INTERVAL`` seconds, from the gateway's
lifespan) records a journal event for each with the lines relayed so far as its completion
tokens, and :meth:`Meter.record` stops tracking it.  A stream shorter than the interval is never
journalled: its final record is its first.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ollama_gateway.core.metrics import BOUNDS, Metrics, RequestMetrics
from ollama_gateway.usage.recorder import JOURNALLED, UsageEvent, UsageRecorder

if TYPE_CHECKING:
    from ollama_gateway.gateway.exchange import Exchange


_MAX_SERIES = 10_000


class Meter:
    def __init__(
        self, metrics: Metrics, recorder: UsageRecorder, known_model: Callable[[str], bool]
    ) -> None:
        self._traffic: RequestMetrics = metrics.traffic
        self._recorder = recorder
        self._known = known_model
        #: (route, model label, status) -> [requests, latency, ttft, prompt, completion] cells,
        #: the last three filled when first used (a series appears once it has a value).
        self._series: dict[tuple[str, str, int], list[Any]] = {}
        #: Streams under way, each with the count of lines it has relayed (journal).
        self._open: dict[Exchange, Callable[[], int]] = {}

    def open(self, ex: Exchange, relayed: Callable[[], int]) -> None:
        """Journal ``ex`` (a stream that has started) until it is recorded."""
        if ex.request_id:
            ex.tracked = True
            self._open[ex] = relayed

    def journal(self) -> int:
        """A journal event for every stream under way; how many."""
        now = time.perf_counter()
        for ex, relayed in list(self._open.items()):
            node, principal, ttft = ex.node, ex.principal, ex.ttft
            self._recorder.journal(
                UsageEvent(
                    user_id=principal.user_id,
                    key_id=principal.key_id,
                    model=ex.model,
                    route=ex.route,
                    status=JOURNALLED,
                    started_at=datetime.fromtimestamp(ex.started_wall, UTC),
                    latency_ms=round((now - ex.started) * 1000.0, 3),
                    ttft_ms=round(ttft * 1000.0, 3) if ttft is not None else None,
                    completion_tokens=relayed(),
                    upstream_id=node.spec.db_id if node is not None else None,
                    upstream=node.name if node is not None else None,
                    request_id=ex.request_id,
                    admitted=ex.admission is not None,
                )
            )
        return len(self._open)

    def record(self, ex: Exchange) -> None:
        if ex.tracked:
            self._open.pop(ex, None)
        latency = time.perf_counter() - ex.started
        node = ex.node
        principal = ex.principal
        ttft = ex.ttft
        model = ex.model
        self._recorder.record(
            UsageEvent(
                user_id=principal.user_id,
                key_id=principal.key_id,
                model=model,
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
                admitted=ex.admission is not None,
                content=ex.content,
            )
        )
        label = model if model and self._known(model) else "other" if model else ""
        key = (ex.route, label, ex.status)
        cells = self._series.get(key) or self._new_series(key)
        cells[0][0] += 1
        cell = cells[1]
        cell[bisect_left(BOUNDS, latency)] += 1
        cell[-2] += latency
        if ttft is not None and ex.stream:
            cell = cells[2] or self._fill(cells, 2, key)
            cell[bisect_left(BOUNDS, ttft)] += 1
            cell[-2] += ttft
        if ex.prompt_tokens:
            (cells[3] or self._fill(cells, 3, key))[0] += ex.prompt_tokens
        if ex.completion_tokens:
            (cells[4] or self._fill(cells, 4, key))[0] += ex.completion_tokens

    def _new_series(self, key: tuple[str, str, int]) -> list[Any]:
        if len(self._series) >= _MAX_SERIES:
            self._series.clear()
        route, label, _status = key
        traffic = self._traffic
        cells = [
            traffic.counter(traffic.requests, key),
            traffic.histogram(traffic.latency, (route, label)),
            None,
            None,
            None,
        ]
        self._series[key] = cells
        return cells

    def _fill(self, cells: list[Any], index: int, key: tuple[str, str, int]) -> list[float]:
        route, label, _status = key
        traffic = self._traffic
        if index == 2:
            cell = traffic.histogram(traffic.ttft, (route, label))
        else:
            kind = "prompt" if index == 3 else "completion"
            cell = traffic.counter(traffic.tokens, (label, kind))
        cells[index] = cell
        return cell
