"""Go's type check of the fake Ollama's request fields.

Ollama decodes a request body into typed Go structs (``api/types.go``, ``openai/openai.go``):
a field of the wrong JSON type is a 400 ``json: cannot unmarshal ...`` before any handler runs,
while ``null`` leaves any field at its zero value and unknown fields are ignored.  This module
holds the union of the typed fields of every request struct and :func:`type_error`, which
``ollama_wire.request_json`` applies to every body, so that the fake refuses what a real Ollama
refuses (the gateway's OpenAPI document promises exactly that, and its schemathesis run checks
it).
"""

from __future__ import annotations

import base64
import binascii
from typing import Any, Final

from .ollama_content import parse_keep_alive

_BOOL: Final = ("bool", (bool,))
_STRING: Final = ("string", (str,))
_OBJECT: Final = ("map[string]interface {}", (dict,))
_ARRAY: Final = ("[]interface {}", (list,))
_INT: Final = ("int", (int,))
_FLOAT: Final = ("float64", (int, float))

#: field -> (Go type name, accepted Python types of its JSON value).
GO_FIELDS: Final[dict[str, tuple[str, tuple[type, ...]]]] = {
    "stream": _BOOL,
    "raw": _BOOL,
    "insecure": _BOOL,
    "verbose": _BOOL,
    "truncate": _BOOL,
    "model": _STRING,
    "name": _STRING,
    "prompt": _STRING,
    "suffix": _STRING,
    "system": _STRING,
    "template": _STRING,
    "source": _STRING,
    "destination": _STRING,
    "from": _STRING,
    "quantize": _STRING,
    "encoding_format": _STRING,
    "options": _OBJECT,
    "files": ("map[string]string", (dict,)),
    "adapters": ("map[string]string", (dict,)),
    "parameters": _OBJECT,
    "stream_options": ("openai.StreamOptions", (dict,)),
    "images": ("[]api.ImageData", (list,)),
    "messages": ("[]api.Message", (list,)),
    "tools": ("api.Tools", (list,)),
    "context": ("[]int", (list,)),
    "dimensions": _INT,
    "max_tokens": _INT,
    "seed": _INT,
    "n": _INT,
    "temperature": _FLOAT,
    "top_p": _FLOAT,
    "frequency_penalty": _FLOAT,
    "presence_penalty": _FLOAT,
    "think": ("api.ThinkValue", (bool, str)),
}

_JSON_KINDS: Final = ((bool, "bool"), (str, "string"), ((int, float), "number"), (dict, "object"))


def _kind(value: Any) -> str:
    for types, name in _JSON_KINDS:
        if isinstance(value, types):
            return name
    return "array"


#: Fields of one chat message (``api.Message``; on ``/v1`` the content may be a list of parts).
MESSAGE_FIELDS: Final[dict[str, tuple[str, tuple[type, ...]]]] = {
    "role": _STRING,
    "content": _STRING,
    "thinking": _STRING,
    "tool_name": _STRING,
    "images": ("[]api.ImageData", (list,)),
    "tool_calls": ("[]api.ToolCall", (list,)),
}
_OPENAI_CONTENT: Final = ("string or []openai.ContentPart", (str, list))


def type_error(body: dict[str, Any], openai: bool = False) -> str | None:
    """Go's decoding error for the first field of ``body`` of the wrong type, else ``None``."""
    error = _fields_error(body, GO_FIELDS) or _nested_error(body)
    if error is not None:
        return error
    for message in body.get("messages") or ():
        if not isinstance(message, dict):
            return f"json: cannot unmarshal {_kind(message)} into Go value of type api.Message"
        fields = {**MESSAGE_FIELDS, "content": _OPENAI_CONTENT} if openai else MESSAGE_FIELDS
        error = _fields_error(message, fields) or _items_error(message)
        if error is not None:
            return error
    return None


def _fields_error(
    body: dict[str, Any], fields: dict[str, tuple[str, tuple[type, ...]]]
) -> str | None:
    for field, value in body.items():
        expected = fields.get(field)
        if expected is None or value is None:
            continue
        go_type, accepted = expected
        wrong = not isinstance(value, accepted) or (
            isinstance(value, bool) and bool not in accepted
        )
        if wrong:
            kind = _kind(value)
            return f"json: cannot unmarshal {kind} into Go struct field .{field} of type {go_type}"
    return None


def _nested_error(body: dict[str, Any]) -> str | None:
    """The custom decoders: ``keep_alive`` (``api.Duration``), ``format`` (``"json"`` or a
    schema), the string maps, the tool list."""
    try:
        parse_keep_alive(body.get("keep_alive"))
    except ValueError as exc:
        return str(exc)
    fmt = body.get("format")
    if fmt not in (None, "", "json") and not isinstance(fmt, dict):
        return f'invalid format: {fmt!r}; expected "json" or a valid JSON Schema object'
    for field in ("files", "adapters"):
        values = body.get(field) or {}
        if any(not isinstance(value, str) for value in values.values()):
            return f"json: cannot unmarshal value into Go struct field .{field} of type string"
    return _items_error(body)


def _items_error(body: dict[str, Any]) -> str | None:
    """Elements of the typed lists: images are strings, tools and tool calls objects."""
    for image in body.get("images") or ():
        if not isinstance(image, str):
            return "json: cannot unmarshal value into Go struct field .images of type api.ImageData"
        try:
            base64.b64decode(image, validate=True)
        except (binascii.Error, ValueError):  # ValueError: not ASCII
            return "illegal base64 data in .images"
    for field in ("tools", "tool_calls"):
        if any(not isinstance(item, dict) for item in body.get(field) or ()):
            return f"json: cannot unmarshal value into Go struct field .{field} of type api.Tool"
    return None
