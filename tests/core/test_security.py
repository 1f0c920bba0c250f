"""Passwords (argon2, policy), ``og-`` keys, JWTs (HS256 only), CSRF tokens."""

from __future__ import annotations

import base64
import json
import time

import jwt
import pytest

from ollama_gateway.core.security import (
    PasswordPolicy,
    TokenError,
    VerifiedTokens,
    csrf_token,
    csrf_valid,
    decode_jwt,
    encode_jwt,
    generate_api_key,
    generate_password,
    hash_password,
    password_problems,
    sha256_hex,
    verify_password,
)

SECRET = "s" * 40


def test_password_hashing() -> None:
    hashed = hash_password("Correct-Horse-1")
    assert hashed.startswith("$argon2")
    assert verify_password("Correct-Horse-1", hashed)
    assert not verify_password("wrong", hashed)
    assert not verify_password("anything", None)
    assert not verify_password("anything", "not-a-hash")


def test_password_policy() -> None:
    policy = PasswordPolicy()
    assert password_problems("Good-Pass-123", policy) == []
    assert password_problems("short", policy) == [
        "at least 8 characters",
        "an uppercase letter",
        "a digit",
        "a special character",
    ]
    relaxed = PasswordPolicy(min_length=4, require_special=False, require_uppercase=False)
    assert password_problems("abc1", relaxed) == []
    for _ in range(20):
        assert password_problems(generate_password(), policy) == []


def test_api_keys() -> None:
    new = generate_api_key()
    assert new.key.startswith("og-")
    assert len(new.key) > 40
    assert new.prefix == new.key[:10]
    assert new.key_hash == sha256_hex(new.key)
    assert generate_api_key().key != new.key


def _segment(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_jwt_round_trip_and_rejections() -> None:
    token = encode_jwt(secret=SECRET, subject="7", token_type="access", ttl_seconds=60)
    assert decode_jwt(token, secret=SECRET, token_type="access")["sub"] == "7"
    with pytest.raises(TokenError, match="wrong token type"):
        decode_jwt(token, secret=SECRET, token_type="refresh")
    with pytest.raises(TokenError, match="invalid"):
        decode_jwt(token, secret="t" * 40, token_type="access")
    expired = encode_jwt(secret=SECRET, subject="7", token_type="access", ttl_seconds=-10)
    with pytest.raises(TokenError, match="expired"):
        decode_jwt(expired, secret=SECRET, token_type="access")
    now = int(time.time())
    claims = {"sub": "7", "type": "access", "iat": now, "exp": now + 60}
    unsigned = f"{_segment({'alg': 'none', 'typ': 'JWT'})}.{_segment(claims)}."
    with pytest.raises(TokenError):
        decode_jwt(unsigned, secret=SECRET, token_type="access")
    hs512 = jwt.encode(claims, SECRET * 2, algorithm="HS512")
    with pytest.raises(TokenError):
        decode_jwt(hs512, secret=SECRET * 2, token_type="access")
    missing_exp = jwt.encode({"sub": "7", "type": "access", "iat": now}, SECRET, algorithm="HS256")
    with pytest.raises(TokenError):
        decode_jwt(missing_exp, secret=SECRET, token_type="access")


def _forged(token: str) -> str:
    """The token's signature on other claims (the subject changed)."""
    header, _claims, signature = token.split(".")
    now = int(time.time())
    claims = {"sub": "8", "type": "access", "iat": now, "exp": now + 60}
    return f"{header}.{_segment(claims)}.{signature}"


def test_verified_tokens_answer_as_decoding_does_until_expiry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tokens = VerifiedTokens(secret=SECRET, token_type="access", size=2)
    token = encode_jwt(secret=SECRET, subject="7", token_type="access", ttl_seconds=60)
    assert tokens.claims(token)["sub"] == "7"
    assert tokens.claims(token)["sub"] == "7"  # known: the same answer
    for refused, reason in (
        (encode_jwt(secret="t" * 40, subject="7", token_type="access", ttl_seconds=60), "invalid"),
        (encode_jwt(secret=SECRET, subject="7", token_type="refresh", ttl_seconds=60), "type"),
        (_forged(token), "invalid"),
    ):
        for _ in range(2):  # a refused token is refused again, never remembered
            with pytest.raises(TokenError, match=reason):
                tokens.claims(refused)
    for n in range(3):  # more tokens than it keeps: each still verified on its own
        other = encode_jwt(secret=SECRET, subject=str(n), token_type="access", ttl_seconds=60)
        assert tokens.claims(other)["sub"] == str(n)
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(TokenError, match="expired"):  # a known token expires all the same
        tokens.claims(other)


def test_csrf_tokens_are_bound_to_the_session() -> None:
    token = csrf_token(SECRET, "family-1")
    assert csrf_valid(SECRET, "family-1", token)
    assert not csrf_valid(SECRET, "family-2", token)
    assert not csrf_valid(SECRET, "family-1", None)
    assert not csrf_valid(SECRET, "family-1", "")
