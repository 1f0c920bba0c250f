"""Schemathesis hooks of the live run (loaded through ``SCHEMATHESIS_HOOKS``).

A run must not revoke the credentials it runs with, or every later case would test the 401 path
only: cases whose path names the run's own user (``OG_OWN_USER_ID``: deleting, deactivating,
demoting or resetting the password of oneself) or own API key (``OG_OWN_KEY_ID``: revoking it,
narrowing its scopes, expiring it) are not sent.  Everything else, other users and keys
included, is.

Chat images (``POST /api/chats/{chat_id}/messages``, ``POST /api/chats/import``): the schema
states base64, but the server also checks the decoded bytes' magic numbers (a real PNG, JPEG,
WebP or GIF; ``chats.images``), which no JSON Schema can state.  Every generated image that IS
schema-valid base64 is swapped for a tiny real PNG, so a positive case really is one; strings
that break the schema's pattern (negative cases) are left alone, and the magic-bytes refusal
itself is tested in tests/chats.
"""

from __future__ import annotations

import os
import re
from typing import Any

import schemathesis

from ollama_gateway.chats.schemas import BASE64_IMAGE

_PROTECTED = {
    "user_id": os.environ.get("OG_OWN_USER_ID", ""),
    "key_id": os.environ.get("OG_OWN_KEY_ID", ""),
}


@schemathesis.hook
def filter_case(context: Any, case: Any) -> bool:
    parameters = case.path_parameters or {}
    return not any(own and str(parameters.get(name)) == own for name, own in _PROTECTED.items())


#: A 1x1 PNG: the smallest image ``chats.images`` accepts by its bytes.
TINY_PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ"
    "AAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
_IMAGE_PATHS = {("POST", "/api/chats/{chat_id}/messages"), ("POST", "/api/chats/import")}
_BASE64 = re.compile(BASE64_IMAGE.replace("$", r"\Z"))


def _real_image(value: Any) -> Any:
    """``TINY_PNG`` for a schema-valid base64 string; anything else unchanged."""
    return TINY_PNG if isinstance(value, str) and _BASE64.match(value) else value


def real_images(body: Any) -> Any:
    """``body`` with every schema-valid image of a message (or of an imported message) real."""
    if isinstance(body, list):
        return [real_images(item) for item in body]
    if not isinstance(body, dict):
        return body
    fixed = {key: real_images(value) for key, value in body.items()}
    images = body.get("images")
    if isinstance(images, list):
        fixed["images"] = [
            {**image, "data": _real_image(image["data"])}
            if isinstance(image, dict) and "data" in image else _real_image(image)
            for image in images
        ]  # fmt: skip
    return fixed


@schemathesis.hook
def map_case(context: Any, case: Any) -> Any:
    if (case.operation.method.upper(), case.operation.path) in _IMAGE_PATHS:
        case.body = real_images(case.body)
    return case
