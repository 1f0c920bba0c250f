"""Secrets: argon2 password hashes, ``og-`` API keys stored as sha256, JWTs, CSRF tokens.

Pure functions, and one memo (:class:`VerifiedTokens`); nothing here touches the database.
JWTs are HS256 only: decoding names the one accepted algorithm, so ``alg: none`` and
algorithm-confusion tokens are rejected.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import string
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

API_KEY_PREFIX = "og-"
_JWT_ALGORITHM = "HS256"
_hasher = PasswordHasher()
#: A hash to verify against when the user does not exist, so timing does not reveal usernames.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


@dataclass(frozen=True)
class PasswordPolicy:
    min_length: int = 8
    require_uppercase: bool = True
    require_lowercase: bool = True
    require_digits: bool = True
    require_special: bool = True


def password_problems(password: str, policy: PasswordPolicy) -> list[str]:
    """What the password lacks under ``policy`` (empty when it is acceptable)."""
    problems = []
    if len(password) < policy.min_length:
        problems.append(f"at least {policy.min_length} characters")
    if policy.require_uppercase and not re.search(r"[A-Z]", password):
        problems.append("an uppercase letter")
    if policy.require_lowercase and not re.search(r"[a-z]", password):
        problems.append("a lowercase letter")
    if policy.require_digits and not re.search(r"\d", password):
        problems.append("a digit")
    if policy.require_special and not re.search(r"[^A-Za-z0-9]", password):
        problems.append("a special character")
    return problems


_PASSWORD_CLASSES = (
    string.ascii_uppercase,
    string.ascii_lowercase,
    string.digits,
    "!#%*+-.=?@_~",
)


def generate_password(length: int = 24) -> str:
    """A strong random password (about 6 bits per character) with every character class."""
    alphabet = "".join(_PASSWORD_CLASSES)
    rng = secrets.SystemRandom()
    chars = [rng.choice(group) for group in _PASSWORD_CLASSES]
    chars += [rng.choice(alphabet) for _ in range(max(length, 12) - len(chars))]
    rng.shuffle(chars)
    return "".join(chars)


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True)
class NewApiKey:
    key: str  # shown once
    prefix: str  # stored, shown in lists
    key_hash: str  # stored


def generate_api_key() -> NewApiKey:
    key = API_KEY_PREFIX + secrets.token_urlsafe(32)
    return NewApiKey(key=key, prefix=key[:10], key_hash=sha256_hex(key))


def looks_like_api_key(token: str) -> bool:
    return token.startswith(API_KEY_PREFIX)


def new_opaque_token() -> tuple[str, str]:
    """A random token (refresh token, reset token) and its stored hash."""
    token = secrets.token_urlsafe(32)
    return token, sha256_hex(token)


class TokenError(Exception):
    """A JWT that is malformed, tampered with, expired or of the wrong type."""


def encode_jwt(
    *,
    secret: str,
    subject: str,
    token_type: str,
    ttl_seconds: int,
    claims: dict[str, Any] | None = None,
) -> str:
    now = int(time.time())
    payload: dict[str, Any] = {
        "sub": subject,
        "type": token_type,
        "iat": now,
        "exp": now + ttl_seconds,
        "jti": uuid.uuid4().hex,
    }
    if claims:
        payload.update(claims)
    return jwt.encode(payload, secret, algorithm=_JWT_ALGORITHM)


def decode_jwt(token: str, *, secret: str, token_type: str) -> dict[str, Any]:
    try:
        payload: dict[str, Any] = jwt.decode(
            token,
            secret,
            algorithms=[_JWT_ALGORITHM],
            options={"require": ["exp", "iat", "sub", "type"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise TokenError("token expired") from exc
    except jwt.PyJWTError as exc:
        raise TokenError("invalid token") from exc
    if payload.get("type") != token_type:
        raise TokenError("wrong token type")
    return payload


class VerifiedTokens:
    """The claims of tokens already verified, by token, until they expire.

    A portal request carries the same access token as the one before it; checking its HS256
    signature and claims again (PyJWT: ~5% of a chat turn's CPU) gives the same answer until
    the token's ``exp``, which every hit still checks.  Only tokens that passed
    :func:`decode_jwt` under this secret and type are kept, at most ``size`` (the oldest go
    first).  Revocation is not decided here: callers check the session as before.
    """

    def __init__(self, *, secret: str, token_type: str, size: int = 4096) -> None:
        self._secret = secret
        self._type = token_type
        self._size = size
        self._claims: dict[str, dict[str, Any]] = {}

    def claims(self, token: str) -> Mapping[str, Any]:
        """The token's claims (read-only), or :class:`TokenError` as :func:`decode_jwt`."""
        known = self._claims.get(token)
        if known is not None:
            if time.time() < known["exp"]:
                return known
            del self._claims[token]
            raise TokenError("token expired")
        claims = decode_jwt(token, secret=self._secret, token_type=self._type)
        if isinstance(claims["exp"], int | float):
            if len(self._claims) >= self._size:
                del self._claims[next(iter(self._claims))]
            self._claims[token] = claims
        return claims


def csrf_token(secret: str, session_id: str) -> str:
    """A CSRF token bound to the browser session (double-submit, HMAC-signed)."""
    return hmac.new(secret.encode(), f"csrf:{session_id}".encode(), hashlib.sha256).hexdigest()


def csrf_valid(secret: str, session_id: str, token: str | None) -> bool:
    return bool(token) and hmac.compare_digest(csrf_token(secret, session_id), token or "")
