"""Trusted reverse proxies: the client's address and scheme as a proxy in front reports them.

``TRUSTED_PROXIES`` lists the networks (CIDRs) of the proxies in front of the gateway (nginx,
Caddy, a load balancer).  Only when the connection comes from one of them are
``X-Forwarded-For`` / ``X-Forwarded-Proto`` (or the standard ``Forwarded``) read: the client
is the right-most address that is not itself a trusted proxy (the left-most entries are what the
client claimed, and anyone can claim anything), and the scheme is the proxy's word on whether
the client came over HTTPS.  :class:`TrustedProxyMiddleware` writes both into the ASGI scope, so
every reader of the client address (login throttling, the audit, the access log) and of the
scheme (Secure cookies) agrees.  A peer that is not trusted keeps its own address, whatever the
headers say.  Installed only when the setting is not empty: no cost otherwise.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from starlette.types import ASGIApp, Receive, Scope, Send

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip().strip('"')
    if text.startswith("["):  # [v6]:port
        text = text[1 : text.find("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _forwarded(value: str) -> tuple[list[str], str | None]:
    """(the ``for=`` addresses in order, the last ``proto=``) of a ``Forwarded`` header."""
    hops, proto = [], None
    for element in value.split(","):
        for pair in element.split(";"):
            name, _, item = pair.strip().partition("=")
            if name.lower() == "for":
                hops.append(item)
            elif name.lower() == "proto":
                proto = item.strip('"').lower()
    return hops, proto


class TrustedProxies:
    def __init__(self, networks: Sequence[str]) -> None:
        self.networks: tuple[Network, ...] = tuple(
            ipaddress.ip_network(n, strict=False) for n in networks
        )

    def trusts(self, host: str | None) -> bool:
        address = _address(host) if host else None
        return address is not None and any(address in net for net in self.networks)

    def resolve(
        self, peer: str | None, headers: dict[bytes, bytes]
    ) -> tuple[str | None, str | None]:
        """(client address, scheme) for a request from ``peer``; ``None`` keeps the peer's."""
        if not self.trusts(peer):
            return None, None
        if b"forwarded" in headers:
            hops, proto = _forwarded(headers[b"forwarded"].decode("latin-1"))
        else:
            hops = headers.get(b"x-forwarded-for", b"").decode("latin-1").split(",")
            raw_proto = headers.get(b"x-forwarded-proto")
            proto = (
                raw_proto.decode("latin-1").split(",")[-1].strip().lower() if raw_proto else None
            )
        client = None
        for hop in reversed([h for h in hops if h.strip()]):
            address = _address(hop)
            if address is None:
                break  # an unknown or obfuscated hop: stop at the last address we could trust
            client = str(address)
            if not any(address in net for net in self.networks):
                break
        return client, proto if proto in ("http", "https") else None


class TrustedProxyMiddleware:
    """Pure ASGI: the client address and scheme from trusted proxies' headers (module doc)."""

    def __init__(self, app: ASGIApp, *, networks: Sequence[str]) -> None:
        self.app = app
        self.proxies = TrustedProxies(networks)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            peer = scope.get("client")
            host = peer[0] if peer else None
            if self.proxies.trusts(host):
                headers = dict(scope["headers"])
                client, scheme = self.proxies.resolve(host, headers)
                if client is not None:
                    scope["client"] = (client, 0)
                if scheme is not None:
                    scope["scheme"] = (
                        scheme if scope["type"] == "http" else scheme.replace("http", "ws")
                    )
        await self.app(scope, receive, send)
