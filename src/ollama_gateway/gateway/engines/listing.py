"""Ollama's model listings for an OpenAI-compatible server, built from its ``/v1/models``.

OpenAI's list gives little (``id``, ``created``, ``owned_by``); servers often add more:
llama.cpp's ``llama-server`` adds a ``models`` array in Ollama's own shape and a ``meta`` object
(parameter count, size, context length), vLLM adds ``max_model_len`` and ``root``.  Whatever a
server gives is used; what it does not give is left empty rather than invented.  Such servers
hold their models loaded, so ``/api/ps`` lists them all.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any


def _iso(seconds: Any) -> str:
    try:
        stamp = datetime.fromtimestamp(float(seconds), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        stamp = datetime(1970, 1, 1, tzinfo=UTC)
    return stamp.isoformat().replace("+00:00", "Z")


def _parameter_size(count: Any) -> str:
    if not isinstance(count, int | float) or count <= 0:
        return ""
    for unit, scale in (("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if count >= scale:
            return f"{count / scale:.1f}{unit}".replace(".0", "")
    return str(int(count))


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def tags_entries(listing: dict[str, Any]) -> list[dict[str, Any]]:
    """``/api/tags`` entries for the models of a ``/v1/models`` answer."""
    extra = {
        str(m.get("model") or m.get("name")): m
        for m in listing.get("models") or ()
        if isinstance(m, dict)
    }
    entries = []
    for item in listing.get("data") or ():
        if not isinstance(item, dict) or not item.get("id"):
            continue
        name = str(item["id"])
        meta: dict[str, Any] = item["meta"] if isinstance(item.get("meta"), dict) else {}
        given = extra.get(name, {})
        details = {k: v for k, v in (given.get("details") or {}).items() if v not in ("", [""])}
        derived = {
            "format": "gguf" if "n_params" in meta else "",
            "family": "",
            "families": None,
            "parameter_size": _parameter_size(meta.get("n_params")),
            "quantization_level": "",
            "parent_model": "",
            "context_length": meta.get("n_ctx_train") or item.get("max_model_len"),
        }
        for field, value in derived.items():  # what the server left empty, from its meta
            if details.get(field) in (None, "") and (value or field not in details):
                details[field] = value
        if not details.get("context_length"):
            details.pop("context_length", None)
        entries.append(
            {
                "name": name,
                "model": name,
                "modified_at": given.get("modified_at") or _iso(item.get("created")),
                "size": _int(given.get("size")) or _int(meta.get("size")),
                "digest": given.get("digest")
                or hashlib.sha256(f"{item.get('owned_by', '')}/{name}".encode()).hexdigest(),
                "details": details,
            }
        )
    return entries


def show_reply(entry: dict[str, Any]) -> dict[str, Any]:
    """``/api/show`` for one model of an OpenAI server: what its listing says."""
    details = entry.get("details") or {}
    info: dict[str, Any] = {}
    if details.get("context_length"):
        info["general.context_length"] = details["context_length"]
    return {
        "modelfile": "",
        "parameters": "",
        "template": "",
        "details": details,
        "model_info": info,
        "capabilities": ["completion"],
        "modified_at": entry.get("modified_at"),
    }


def ps_entries(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``/api/ps``: an OpenAI server keeps its models loaded until it stops."""
    return [
        {
            "name": e["name"],
            "model": e["model"],
            "size": e.get("size", 0),
            "digest": e.get("digest", ""),
            "details": e.get("details", {}),
            "expires_at": "9999-12-31T23:59:59Z",
            "size_vram": 0,
            "context_length": (e.get("details") or {}).get("context_length", 0),
        }
        for e in entries
    ]
