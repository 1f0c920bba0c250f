"""Which requests the response cache may answer, and the key it files them under.

A request is cached when it is *deterministic*: on the Ollama routes ``options.temperature`` is
0 or ``options.seed`` is set; on ``/v1`` ``temperature`` is 0 or ``seed`` is set; embeddings are
always deterministic.  A client may override that with the request header
``X-Ollama-Gateway-Cache``:

- ``force``: cache (and answer from the cache) even a sampled request;
- ``bypass``: neither read nor write the cache for this request (``Cache-Control: no-cache`` or
  ``no-store`` mean the same).

Responses carry ``X-Ollama-Gateway-Cache: hit | miss | bypass`` when the cache was consulted.

The key is ``sha256(route, model digest, stream mode, request JSON)`` with the JSON normalised:
keys sorted, ``stream`` and ``keep_alive`` dropped (the stream mode is a part of its own, because
a streamed and a non-streamed response are stored apart and each replays in its own form).  The
model's digest, not its name alone, makes a re-pulled model a fresh cache.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

import orjson

HEADER = "X-Ollama-Gateway-Cache"

#: Routes the cache may answer, and whether each one streams when ``stream`` is absent.
ROUTES: dict[str, bool] = {
    "/api/generate": True,
    "/api/chat": True,
    "/api/embed": False,
    "/api/embeddings": False,
    "/v1/chat/completions": False,
    "/v1/completions": False,
    "/v1/embeddings": False,
}
_EMBEDDINGS = frozenset({"/api/embed", "/api/embeddings", "/v1/embeddings"})
_IGNORED = ("stream", "keep_alive")


class Mode(StrEnum):
    AUTO = "auto"
    FORCE = "force"
    BYPASS = "bypass"


def mode(headers: Mapping[str, str]) -> Mode:
    """The client's choice, from ``X-Ollama-Gateway-Cache`` or ``Cache-Control``."""
    asked = (headers.get(HEADER) or headers.get(HEADER.lower()) or "").strip().lower()
    if asked in ("force", "bypass"):
        return Mode(asked)
    control = (headers.get("cache-control") or headers.get("Cache-Control") or "").lower()
    if "no-cache" in control or "no-store" in control:
        return Mode.BYPASS
    return Mode.AUTO


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def deterministic(route: str, body: Mapping[str, Any]) -> bool:
    if route in _EMBEDDINGS:
        return True
    if route.startswith("/v1/"):
        source: Any = body
    else:
        source = body.get("options")
        if not isinstance(source, Mapping):
            return False
    return _number(source.get("temperature")) == 0.0 or source.get("seed") is not None


def streams(route: str, body: Mapping[str, Any]) -> bool:
    """Whether the response will stream (the route's default when ``stream`` is absent)."""
    asked = body.get("stream")
    if asked is None:
        return ROUTES.get(route, False)
    return bool(asked)


#: A Go ``time.Duration`` string as Ollama's ``keep_alive`` takes it (``"5m"``, ``"1h30m"``).
_DURATION = re.compile(r"[-+]?(0|(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)")


def keyable(body: Mapping[str, Any]) -> bool:
    """Whether the fields the key leaves out are ones the node would take: a request the node
    would refuse (``"stream": "yes"``, ``"keep_alive": "soon"``) is never answered from the
    cache with another request's 200, it goes to the node and gets the node's 400."""
    stream, keep_alive = body.get("stream"), body.get("keep_alive")
    if stream is not None and not isinstance(stream, bool):
        return False
    if keep_alive is None or _number(keep_alive) is not None:
        return True
    return isinstance(keep_alive, str) and _DURATION.fullmatch(keep_alive) is not None


def cache_key(route: str, digest: str, body: Mapping[str, Any], *, stream: bool) -> str:
    normalised = {key: value for key, value in body.items() if key not in _IGNORED}
    material = orjson.dumps(
        [route, digest, stream, normalised], option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS
    )
    return hashlib.sha256(material).hexdigest()
