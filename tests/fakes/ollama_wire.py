"""Wire-level helpers of the fake Ollama server.

This module owns the byte-level conventions shared by the native (/api) and OpenAI-compatible
(/v1) handlers: content types, JSON and error bodies (``{"error": "..."}`` vs OpenAI's error
object), request-body parsing, Go's ``%q`` quoting and Ollama's allowed-hosts check.
"""

from __future__ import annotations

import ipaddress
import json
import socket
from functools import lru_cache
from typing import Any, Final

import orjson
from aiohttp import web

from .ollama_types import type_error

JSON_CT: Final = "application/json; charset=utf-8"
NDJSON_CT: Final = "application/x-ndjson"
SSE_CT: Final = "text/event-stream"
BUSY_MESSAGE: Final = "server busy, please try again.  maximum pending requests exceeded"

_JSON_HEADERS: Final = {"Content-Type": JSON_CT}
_OPENAI_TYPES: Final = {400: "invalid_request_error", 404: "not_found_error"}
_LOCAL_SUFFIXES: Final = (".localhost", ".local", ".internal")
_HOSTNAME: Final = socket.gethostname().lower()
_PRIVATE_NETS: Final = tuple(
    ipaddress.ip_network(net)
    for net in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")
)


class BadJson:
    """Marker stored as the request body when it is not valid JSON."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


#: Parsed JSON body of the current request (``None`` when empty, ``BadJson`` when malformed).
BODY: Final = web.RequestKey("fake_ollama_body", object)
#: Raw body bytes of the current request.
RAW_BODY: Final = web.RequestKey("fake_ollama_raw_body", bytes)


def parse_body(raw: bytes) -> Any:
    """Parse a request body; ``None`` if empty, ``BadJson`` if malformed.

    Top-level keys are read as Go's ``encoding/json`` reads them into Ollama's request structs
    (whose fields are all lower case): case-insensitively, the last spelling winning, so
    ``{"model": "a", "Model": "b"}`` runs ``b`` here as on a real Ollama.
    """
    if not raw:
        return None
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        return BadJson(f"invalid character in request body: {exc}")
    if isinstance(body, dict) and any(_go_fold(key) != key for key in body):
        objects: list[list[tuple[str, Any]]] = []

        def keep(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            objects.append(pairs)  # the top-level object is decoded last
            return dict(pairs)

        json.loads(raw, object_pairs_hook=keep)
        body = {_go_fold(key): body[key] for key, _value in objects[-1]}
    return body


def _go_fold(key: str) -> str:
    """The lower-case field name Go matches ``key`` to (``bytes.EqualFold``, ASCII fields)."""
    return key.lower().replace("\u017f", "s")


def json_response(obj: Any, status: int = 200) -> web.Response:
    """A JSON response with Gin's content type."""
    return web.Response(body=orjson.dumps(obj), status=status, headers=_JSON_HEADERS)


def raw_json_response(body: bytes, status: int = 200) -> web.Response:
    """A JSON response from prebuilt bytes."""
    return web.Response(body=body, status=status, headers=_JSON_HEADERS)


def error_body(message: str) -> dict[str, Any]:
    """Ollama's native error body."""
    return {"error": message}


def openai_error_body(status: int, message: str) -> dict[str, Any]:
    """The OpenAI error object Ollama's /v1 middleware writes."""
    return {
        "error": {
            "message": message,
            "type": _OPENAI_TYPES.get(status, "api_error"),
            "param": None,
            "code": None,
        }
    }


def error_response(status: int, message: str, openai: bool = False) -> web.Response:
    """An error response in the native (``{"error": str}``) or OpenAI shape."""
    body = openai_error_body(status, message) if openai else error_body(message)
    return json_response(body, status)


def request_json(request: web.Request, openai: bool = False) -> dict[str, Any] | web.Response:
    """The request's JSON object, or the 400 response Ollama gives for a missing/bad body."""
    body = request.get(BODY)
    if body is None:
        return error_response(400, "missing request body", openai)
    if isinstance(body, BadJson):
        return error_response(400, body.message, openai)
    if not isinstance(body, dict):
        kind = "array" if isinstance(body, list) else type(body).__name__
        message = f"json: cannot unmarshal {kind} into Go value of type api.Request"
        return error_response(400, message, openai)
    mistyped = type_error(body, openai)
    if mistyped is not None:
        return error_response(400, mistyped, openai)
    return body


def go_quote(text: str) -> str:
    """Go's ``%q`` formatting of a string (a JSON string is close enough)."""
    return orjson.dumps(text).decode()


def not_found_message(name: str) -> str:
    """Ollama's scheduler error for a missing model."""
    return f"model {go_quote(name)} not found, try pulling it first"


def _split_host(header: str) -> str:
    host = header.strip()
    if host.startswith("["):
        end = host.find("]")
        return host[1:end] if end > 0 else host
    if host.count(":") == 1:
        return host.rsplit(":", 1)[0]
    return host


@lru_cache(maxsize=1024)
def host_allowed(header: str) -> bool:
    """Ollama's ``allowedHostsMiddleware`` for a server bound to loopback.

    Allowed: an empty host, ``localhost``, this machine's hostname, ``*.localhost``, ``*.local``,
    ``*.internal``, and loopback, private or unspecified IP addresses.
    """
    host = _split_host(header).lower()
    if not host or host == "localhost" or host == _HOSTNAME:
        return True
    if host.endswith(_LOCAL_SUFFIXES):
        return True
    try:
        addr = ipaddress.ip_address(host)
    except ValueError:
        return False
    if addr.is_loopback or addr.is_unspecified:
        return True
    return any(addr.version == net.version and addr in net for net in _PRIVATE_NETS)
