"""The fake's Go-style decoding of request fields (``ollama_types``)."""

from __future__ import annotations

from typing import Any

import pytest

from .ollama_types import type_error


@pytest.mark.parametrize(
    "body",
    [
        {"model": "m", "stream": None, "options": None, "keep_alive": "5m"},
        {"model": "m", "images": ["aGk="], "format": "json", "think": "high"},
        {"model": "m", "messages": [{"role": "user", "content": "hi", "tool_calls": [{}]}]},
        {"model": "m", "files": {"a.gguf": "sha256:00"}, "unknown": [1, {"x": 2}]},
    ],
)
def test_what_go_decodes(body: dict[str, Any]) -> None:
    assert type_error(body) is None


@pytest.mark.parametrize(
    "body",
    [
        {"model": 1},
        {"model": "m", "stream": "yes"},
        {"model": "m", "dimensions": True},
        {"model": "m", "keep_alive": "soon"},
        {"model": "m", "format": [None]},
        {"model": "m", "images": ["\u0084"]},  # not ASCII: was an uncaught ValueError, a 500
        {"model": "m", "images": ["AAA"]},
        {"model": "m", "files": {"a": {}}},
        {"model": "m", "messages": [{"content": 0}]},
        {"model": "m", "messages": [{"content": "x", "tool_calls": [None]}]},
    ],
)
def test_what_go_refuses(body: dict[str, Any]) -> None:
    assert type_error(body) is not None


def test_openai_message_content_may_be_parts() -> None:
    body = {"model": "m", "messages": [{"role": "user", "content": [{"type": "text"}]}]}
    assert type_error(body, openai=True) is None
    assert type_error(body) is not None
