"""Trusted proxies: forwarded headers are believed from a trusted peer only.

The login throttle counts failed attempts per client IP; a forged ``X-Forwarded-For`` from a
peer that is not a trusted proxy must not give an attacker a fresh count, while behind a trusted
proxy each real client has its own.
"""

from __future__ import annotations

import httpx
import pytest
from fastapi import Request

from ollama_gateway.core.proxies import TrustedProxies
from tests.conftest import MakeApp, http_client

PEER = "127.0.0.1"  # httpx's ASGI transport connects from here


def test_the_rightmost_untrusted_hop_is_the_client() -> None:
    proxies = TrustedProxies(["10.0.0.0/8", "127.0.0.1/32"])
    forwarded = {
        b"x-forwarded-for": b"1.2.3.4, 203.0.113.9, 10.0.0.7",
        b"x-forwarded-proto": b"https",
    }
    assert proxies.resolve("10.0.0.1", forwarded) == ("203.0.113.9", "https")
    assert proxies.resolve("192.0.2.1", forwarded) == (None, None)  # untrusted peer: ignored
    standard = {b"forwarded": b'for=198.51.100.7;proto=https, for="[2001:db8::1]:4711"'}
    assert proxies.resolve("127.0.0.1", standard) == ("2001:db8::1", "https")
    assert proxies.resolve("10.0.0.1", {b"x-forwarded-for": b"garbage"}) == (None, None)
    assert proxies.resolve("10.0.0.1", {b"x-forwarded-proto": b"gopher"}) == (None, None)


async def _attempt(http: httpx.AsyncClient, forwarded_for: str, n: int) -> int:
    response = await http.post(
        "/api/auth/login",
        json={"username": f"nobody-{forwarded_for}-{n}", "password": "wrong-password"},
        headers={"X-Forwarded-For": forwarded_for},
    )
    return response.status_code


async def _other_client_after_one_is_throttled(http: httpx.AsyncClient) -> int:
    """Attempts from 203.0.113.1 until refused (the windows are aligned to the clock's minute,
    so a count may restart once), then one attempt from 203.0.113.2."""
    for n in range(8):
        if await _attempt(http, "203.0.113.1", n) == 429:
            return await _attempt(http, "203.0.113.2", 0)
    raise AssertionError("never throttled")


@pytest.mark.parametrize("trusted", [True, False])
async def test_throttled_ip_follows_forwarded_for_only_from_a_trusted_peer(
    make_app: MakeApp, trusted: bool
) -> None:
    networks = [f"{PEER}/32"] if trusted else ["10.0.0.0/8"]
    async with (
        make_app(rate_limit_auth_per_minute=3, trusted_proxies=networks) as app,
        http_client(app) as http,
    ):
        other = await _other_client_after_one_is_throttled(http)
        if not trusted and other == 401:  # a new minute began in between: once more
            other = await _other_client_after_one_is_throttled(http)
    # behind a trusted proxy another client has its own count; a forged header changes nothing
    assert other == (401 if trusted else 429)


async def test_scheme_from_a_trusted_proxy_reaches_the_app(make_app: MakeApp) -> None:
    seen: list[tuple[str, str]] = []
    async with make_app(trusted_proxies=[f"{PEER}/32"]) as app, http_client(app) as http:

        @app.get("/_probe_scheme", include_in_schema=False)
        async def probe(request: Request) -> dict[str, str]:
            seen.append((request.url.scheme, request.client.host if request.client else ""))
            return {}

        await http.get(
            "/_probe_scheme",
            headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.4"},
        )
    assert seen == [("https", "198.51.100.4")]
