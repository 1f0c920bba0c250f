"""The per-request series render exactly as prometheus_client's Counter and Histogram would."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

from ollama_gateway.core.metrics import _LATENCY_BUCKETS, Metrics, RequestMetrics, observe

LATENCIES = [0.001, 0.005, 0.0051, 0.3, 1.0, 7.5, 200.0]


def _reference() -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=True)
    requests = Counter(
        "ollama_gateway_requests_total",
        "Gateway requests by route, model and status",
        ["route", "model", "status"],
        registry=registry,
    )
    latency = Histogram(
        "ollama_gateway_request_duration_seconds",
        "Gateway request latency (to the last byte)",
        ["route", "model"],
        buckets=_LATENCY_BUCKETS,
        registry=registry,
    )
    ttft = Histogram(
        "ollama_gateway_time_to_first_token_seconds",
        "Time from request to the first upstream byte",
        ["route", "model"],
        buckets=_LATENCY_BUCKETS,
        registry=registry,
    )
    tokens = Counter(
        "ollama_gateway_tokens_total",
        "Tokens by model and direction (prompt, completion)",
        ["model", "kind"],
        registry=registry,
    )
    requests.labels("/api/chat", "llama3.2", "200").inc(3)
    requests.labels("/api/chat", "other", "404").inc()
    for value in LATENCIES:
        latency.labels("/api/chat", "llama3.2").observe(value)
    latency.labels("/v1/models", "").observe(0.002)
    ttft.labels("/api/chat", "llama3.2").observe(0.02)
    tokens.labels("llama3.2", "prompt").inc(26)
    tokens.labels("llama3.2", "completion").inc(100)
    return registry


def _ours() -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=True)
    traffic = RequestMetrics(registry)
    traffic.counter(traffic.requests, ("/api/chat", "llama3.2", 200))[0] += 3
    traffic.counter(traffic.requests, ("/api/chat", "other", 404))[0] += 1
    for value in LATENCIES:
        observe(traffic.histogram(traffic.latency, ("/api/chat", "llama3.2")), value)
    observe(traffic.histogram(traffic.latency, ("/v1/models", "")), 0.002)
    observe(traffic.histogram(traffic.ttft, ("/api/chat", "llama3.2")), 0.02)
    traffic.counter(traffic.tokens, ("llama3.2", "prompt"))[0] += 26
    traffic.counter(traffic.tokens, ("llama3.2", "completion"))[0] += 100
    return registry


def _split(text: bytes) -> tuple[list[str], list[str]]:
    """The exposition's lines without the ``_created`` samples, and those samples' names."""
    lines = text.decode().splitlines()
    created = [line.rsplit(" ", 1)[0] for line in lines if "_created{" in line]
    return [line for line in lines if "_created{" not in line], created


def test_request_series_render_like_prometheus_client() -> None:
    expected, expected_created = _split(generate_latest(_reference()))
    actual, actual_created = _split(generate_latest(_ours()))
    assert actual == expected
    assert actual_created == expected_created
    assert len(actual_created) == 7


def test_the_application_registry_exposes_the_request_series() -> None:
    metrics = Metrics()
    observe(metrics.traffic.histogram(metrics.traffic.latency, ("/api/tags", "")), 0.01)
    text = generate_latest(metrics.registry).decode()
    assert 'ollama_gateway_request_duration_seconds_count{model="",route="/api/tags"} 1.0' in text
    assert "# TYPE ollama_gateway_requests_total counter" in text
