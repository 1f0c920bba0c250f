"""Ollama's ``/api/embed`` and ``/api/embeddings`` served from an OpenAI ``/v1/embeddings``.

Pure functions: the request bodies going out and the answers coming back, with Ollama's field
names (``embeddings`` as a list in input order, ``prompt_eval_count`` from ``usage``).
"""

from __future__ import annotations

from typing import Any

import orjson

from ollama_gateway.gateway.engines.chat import Clock


def embed_request(payload: dict[str, Any]) -> bytes:
    """``/api/embed`` ``{model, input, dimensions?}`` as an OpenAI embeddings request."""
    body: dict[str, Any] = {
        "model": payload["model"],
        "input": payload.get("input", ""),
        "encoding_format": "float",
    }
    if isinstance(payload.get("dimensions"), int):
        body["dimensions"] = payload["dimensions"]
    return orjson.dumps(body)


def embeddings_request(payload: dict[str, Any]) -> bytes:
    """Legacy ``/api/embeddings`` ``{model, prompt}`` as an OpenAI embeddings request."""
    prompt = payload.get("prompt")
    body = {
        "model": payload["model"],
        "input": prompt if isinstance(prompt, str) else "",
        "encoding_format": "float",
    }
    return orjson.dumps(body)


def _vectors(data: dict[str, Any]) -> list[Any]:
    items = [item for item in data.get("data") or () if isinstance(item, dict)]
    items.sort(key=lambda item: int(item.get("index") or 0))
    return [item.get("embedding") or [] for item in items]


def embed_reply(answer: bytes, *, model: str, clock: Clock) -> bytes:
    data = orjson.loads(answer)
    usage = data.get("usage") or {}
    durations = clock.durations()
    return orjson.dumps(
        {
            "model": model,
            "embeddings": _vectors(data),
            "total_duration": durations["total_duration"],
            "load_duration": 0,
            "prompt_eval_count": int(usage.get("prompt_tokens") or 0),
        }
    )


def embeddings_reply(answer: bytes) -> bytes:
    vectors = _vectors(orjson.loads(answer))
    return orjson.dumps({"embedding": vectors[0] if vectors else []})
