"""What the cache may answer and how requests are keyed."""

from __future__ import annotations

from typing import Any

import pytest

from ollama_gateway.cache import policy


@pytest.mark.parametrize(
    ("route", "body", "expected"),
    [
        ("/api/generate", {"options": {"temperature": 0}}, True),
        ("/api/chat", {"options": {"temperature": 0.0, "top_k": 5}}, True),
        ("/api/chat", {"options": {"temperature": 0.7, "seed": 42}}, True),
        ("/api/chat", {"options": {"temperature": 0.7}}, False),
        ("/api/chat", {}, False),  # Ollama's default temperature is 0.8
        ("/api/chat", {"temperature": 0}, False),  # not where Ollama reads it
        ("/api/generate", {"options": {"temperature": False}}, False),
        ("/v1/chat/completions", {"temperature": 0}, True),
        ("/v1/chat/completions", {"seed": 7, "temperature": 1.2}, True),
        ("/v1/chat/completions", {"temperature": 1}, False),
        ("/v1/completions", {}, False),
        ("/api/embed", {}, True),
        ("/v1/embeddings", {}, True),
    ],
)
def test_deterministic(route: str, body: dict[str, Any], expected: bool) -> None:
    assert policy.deterministic(route, body) is expected


def test_mode_from_headers() -> None:
    assert policy.mode({}) is policy.Mode.AUTO
    assert policy.mode({"x-ollama-gateway-cache": "Force"}) is policy.Mode.FORCE
    assert policy.mode({"X-Ollama-Gateway-Cache": "bypass"}) is policy.Mode.BYPASS
    assert policy.mode({"cache-control": "no-cache"}) is policy.Mode.BYPASS
    assert policy.mode({"cache-control": "max-age=0, no-store"}) is policy.Mode.BYPASS
    assert policy.mode({"x-ollama-gateway-cache": "nonsense"}) is policy.Mode.AUTO


def test_stream_defaults_per_route() -> None:
    assert policy.streams("/api/chat", {}) is True
    assert policy.streams("/api/chat", {"stream": False}) is False
    assert policy.streams("/v1/chat/completions", {}) is False
    assert policy.streams("/v1/chat/completions", {"stream": True}) is True


def test_key_ignores_order_stream_flag_and_keep_alive_but_not_content() -> None:
    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "options": {"seed": 1}}
    same = {
        "options": {"seed": 1},
        "keep_alive": "5m",
        "messages": [{"content": "hi", "role": "user"}],
        "model": "m",
        "stream": True,
    }
    key = policy.cache_key("/api/chat", "sha256:a", body, stream=True)
    assert policy.cache_key("/api/chat", "sha256:a", same, stream=True) == key
    assert policy.cache_key("/api/chat", "sha256:a", body, stream=False) != key
    assert policy.cache_key("/api/chat", "sha256:b", body, stream=True) != key
    assert policy.cache_key("/api/generate", "sha256:a", body, stream=True) != key
    other = {**body, "options": {"seed": 2}}
    assert policy.cache_key("/api/chat", "sha256:a", other, stream=True) != key


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({}, True),
        ({"stream": False, "keep_alive": "5m"}, True),
        ({"keep_alive": 300}, True),
        ({"keep_alive": "1h30m"}, True),
        ({"stream": "yes"}, False),
        ({"keep_alive": "AAA"}, False),
        ({"keep_alive": True}, False),
        ({"keep_alive": []}, False),
    ],
)
def test_fields_left_out_of_the_key_must_be_valid(extra: dict[str, Any], expected: bool) -> None:
    """Found by schemathesis: ``keep_alive: "AAA"`` on a cached embedding got another request's
    200 from the cache, where Ollama answers 400."""
    assert policy.keyable({"model": "m", "input": "x", **extra}) is expected
