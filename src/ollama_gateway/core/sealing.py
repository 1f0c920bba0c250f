"""Secrets the gateway must store and later use (not merely compare): sealed with Fernet.

An upstream engine's API key (issue 14) must be sent as-is, so it cannot be hashed like users'
keys; it is stored encrypted and authenticated (Fernet: AES-128-CBC + HMAC-SHA256) under a key
derived from ``SECRET_KEY``, and never returned by the API.  Changing ``SECRET_KEY`` makes the
stored secrets unreadable (:func:`open_secret` returns ``None``): set them again.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken

__all__ = ["open_secret", "seal_secret"]

_CONTEXT = b"ollama-gateway/sealed-secrets/v1:"


def _fernet(secret_key: str) -> Fernet:
    digest = hashlib.sha256(_CONTEXT + secret_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal_secret(value: str, *, secret_key: str) -> str:
    return _fernet(secret_key).encrypt(value.encode()).decode()


def open_secret(sealed: str, *, secret_key: str) -> str | None:
    """The secret, or ``None`` when it was sealed under another key or tampered with."""
    try:
        return _fernet(secret_key).decrypt(sealed.encode()).decode()
    except (InvalidToken, ValueError):
        return None
