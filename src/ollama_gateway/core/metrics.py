"""Prometheus metrics of one application, on a registry of its own (no global state).

Every domain records through :class:`Metrics`, reached as ``app.state.metrics``.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter(
            "ollama_gateway_requests_total",
            "Gateway requests by route, model and status",
            ["route", "model", "status"],
            registry=r,
        )
        self.latency = Histogram(
            "ollama_gateway_request_duration_seconds",
            "Gateway request latency (to the last byte)",
            ["route", "model"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.ttft = Histogram(
            "ollama_gateway_time_to_first_token_seconds",
            "Time from request to the first upstream byte",
            ["route", "model"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.tokens = Counter(
            "ollama_gateway_tokens_total",
            "Tokens by model and direction (prompt, completion)",
            ["model", "kind"],
            registry=r,
        )
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
            "Usage records dropped because the queue was full",
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
        self.auth_failures = Counter(
            "ollama_gateway_auth_failures_total", "Failed authentications", ["kind"], registry=r
        )
