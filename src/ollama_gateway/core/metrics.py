"""Prometheus metrics of one application, on a registry of its own (no global state).

Every domain records through :class:`Metrics`, reached as ``app.state.metrics``.

The gateway's four per-request series (requests, latency, time to first token, tokens) are a
:class:`RequestMetrics` collector rather than ``prometheus_client`` Counter/Histogram objects:
those take a lock and check their label state on every ``inc``/``observe``, four times per
proxied request (measured: ~280 Python opcodes, several percent of a small request's CPU).  Here
the meter adds to plain numbers in place, and the collector renders them in exactly the samples
those classes produce (``tests/core/test_metrics.py``).  Updated and read on the event loop's
thread only.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Callable, Iterator
from typing import TypeVar, cast

from prometheus_client import CollectorRegistry, Counter, Gauge
from prometheus_client import metrics as _client
from prometheus_client.metrics_core import Metric
from prometheus_client.utils import floatToGoString

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
#: Upper bounds of the latency histograms' buckets, ``+Inf`` last.
BOUNDS: tuple[float, ...] = (*(float(b) for b in _LATENCY_BUCKETS), float("inf"))
_go_float = cast(Callable[[float], str], floatToGoString)
_LE = tuple(_go_float(bound) for bound in BOUNDS)

#: One series of a counter: ``[value, created]``.
CounterCell = list[float]
#: One series of a histogram: ``[count in bucket 0, ..., count in +Inf, sum, created]``.
HistogramCell = list[float]
K = TypeVar("K", bound=tuple[object, ...])


class RequestMetrics:
    """The gateway's per-request counters and histograms, as plain numbers (module docstring).

    ``requests`` is keyed by ``(route, model, status)``, ``latency`` and ``ttft`` by
    ``(route, model)``, ``tokens`` by ``(model, kind)``; :meth:`counter` and :meth:`histogram`
    create a series' cell on first use.  A histogram observation is
    ``cell[bisect_left(BOUNDS, value)] += 1; cell[-2] += value``.
    """

    def __init__(self, registry: CollectorRegistry) -> None:
        self.requests: dict[tuple[str, str, int], CounterCell] = {}
        self.latency: dict[tuple[str, str], HistogramCell] = {}
        self.ttft: dict[tuple[str, str], HistogramCell] = {}
        self.tokens: dict[tuple[str, str], CounterCell] = {}
        registry.register(self)

    @staticmethod
    def counter(cells: dict[K, CounterCell], labels: K) -> CounterCell:
        cell = cells.get(labels)
        if cell is None:
            cell = cells[labels] = [0.0, time.time()]
        return cell

    @staticmethod
    def histogram(cells: dict[K, HistogramCell], labels: K) -> HistogramCell:
        cell = cells.get(labels)
        if cell is None:
            cell = cells[labels] = [0.0] * (len(BOUNDS) + 1) + [time.time()]
        return cell

    def describe(self) -> Iterator[Metric]:
        yield from self._families()

    def collect(self) -> Iterator[Metric]:
        requests, latency, ttft, tokens = self._families()
        for (route, model, status), cell in self.requests.items():
            _counter(requests, {"route": route, "model": model, "status": str(status)}, cell)
        for (route, model), cell in self.latency.items():
            _histogram(latency, {"route": route, "model": model}, cell)
        for (route, model), cell in self.ttft.items():
            _histogram(ttft, {"route": route, "model": model}, cell)
        for (model, kind), cell in self.tokens.items():
            _counter(tokens, {"model": model, "kind": kind}, cell)
        yield from (requests, latency, ttft, tokens)

    @staticmethod
    def _families() -> tuple[Metric, Metric, Metric, Metric]:
        return (
            Metric(
                "ollama_gateway_requests", "Gateway requests by route, model and status", "counter"
            ),
            Metric(
                "ollama_gateway_request_duration_seconds",
                "Gateway request latency (to the last byte)",
                "histogram",
            ),
            Metric(
                "ollama_gateway_time_to_first_token_seconds",
                "Time from request to the first upstream byte",
                "histogram",
            ),
            Metric(
                "ollama_gateway_tokens",
                "Tokens by model and direction (prompt, completion)",
                "counter",
            ),
        )


def observe(cell: HistogramCell, value: float) -> None:
    """One observation of ``value`` in a histogram series."""
    cell[bisect_left(BOUNDS, value)] += 1
    cell[-2] += value


def _counter(family: Metric, labels: dict[str, str], cell: CounterCell) -> None:
    family.add_sample(family.name + "_total", labels, cell[0])
    if _client._use_created:
        family.add_sample(family.name + "_created", labels, cell[1])


def _histogram(family: Metric, labels: dict[str, str], cell: HistogramCell) -> None:
    name = family.name
    total = 0.0
    for le, count in zip(_LE, cell, strict=False):
        total += count
        family.add_sample(name + "_bucket", {**labels, "le": le}, total)
    family.add_sample(name + "_count", labels, total)
    family.add_sample(name + "_sum", labels, cell[-2])
    if _client._use_created:  # as prometheus_client's own classes decide
        family.add_sample(name + "_created", labels, cell[-1])


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.traffic = RequestMetrics(r)
        self.upstream_in_flight = Gauge(
            "ollama_gateway_upstream_in_flight",
            "Requests in flight per upstream node",
            ["upstream"],
            registry=r,
        )
        self.upstream_healthy = Gauge(
            "ollama_gateway_upstream_healthy",
            "1 when the upstream node is healthy",
            ["upstream"],
            registry=r,
        )
        self.usage_queue_depth = Gauge(
            "ollama_gateway_usage_queue_depth", "Usage records waiting to be written", registry=r
        )
        self.usage_dropped = Counter(
            "ollama_gateway_usage_dropped_total",
            "Usage records dropped: queue full, refused by the database, or unwritable at shutdown",
            registry=r,
        )
        self.usage_write_errors = Counter(
            "ollama_gateway_usage_write_errors_total",
            "Failed attempts to write a batch of usage records (the batch is kept and retried)",
            registry=r,
        )
        self.rate_limited = Counter(
            "ollama_gateway_rate_limited_total",
            "Requests refused by a rate limit or quota",
            ["scope", "kind"],
            registry=r,
        )
        self.limiter_backend = Gauge(
            "ollama_gateway_limiter_backend",
            "Active limiter backend (1 on the active one)",
            ["backend"],
            registry=r,
        )
        self.limiter_fallbacks = Counter(
            "ollama_gateway_limiter_fallbacks_total",
            "Times the limiter fell back from Redis to in-process",
            registry=r,
        )
        self.cache = Counter(
            "ollama_gateway_cache_total", "Response cache lookups", ["result"], registry=r
        )
        self.cache_store_up = Gauge(
            "ollama_gateway_cache_store_up",
            "1 while the response cache's store answers; 0 while it is skipped (cool-down)",
            ["store"],
            registry=r,
        )
        self.auth_failures = Counter(
            "ollama_gateway_auth_failures_total", "Failed authentications", ["kind"], registry=r
        )
