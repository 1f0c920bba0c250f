"""Credential headers are read as ``request.headers.get`` reads them, repeated names included."""

from __future__ import annotations

from starlette.requests import Request

from ollama_gateway.auth.deps import _credential_headers


def _request(*headers: tuple[bytes, bytes]) -> Request:
    return Request({"type": "http", "headers": list(headers)})


def test_credentials_match_starlette_headers() -> None:
    cases = [
        (),
        ((b"authorization", b"Bearer og-one"),),
        ((b"x-api-key", b"og-key"), (b"host", b"gw")),
        ((b"authorization", b"Bearer og-one"), (b"authorization", b"Bearer og-two")),
        ((b"x-api-key", b"og-a"), (b"x-api-key", b"og-b"), (b"authorization", b"Basic x")),
        ((b"authorization", b"Bearer \xe9"),),
    ]
    for headers in cases:
        request = _request(*headers)
        expected = (request.headers.get("authorization"), request.headers.get("x-api-key"))
        assert _credential_headers(request) == expected, headers
