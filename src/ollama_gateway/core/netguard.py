"""Where a user-supplied URL may lead: the SSRF guard of the per-user Ollama hosts.

A personal host (seed 004's ``ollama_host``) is a URL a user types and the gateway then
connects to from inside the operator's network, so every address it reaches is checked:

* **always refused**, whatever the allowlist says: loopback (``127.0.0.0/8``, ``::1``),
  link-local (``169.254.0.0/16`` with the cloud metadata address ``169.254.169.254``,
  ``fe80::/10``), unspecified (``0.0.0.0``, ``::``), multicast, the other metadata addresses
  (``fd00:ec2::254``, ``100.100.100.200``) and every address of the gateway's own machine
  (an address a socket can bind to is local).  The allowlist can never admit these: a decision,
  since admitting loopback would hand users the gateway's own admin surface and databases;
* **otherwise refused** unless inside one of the admin's allowlisted networks (CIDRs).

IPv4-mapped IPv6 addresses (``::ffff:127.0.0.1``) are judged as the IPv4 address they carry.
The check runs when the URL is saved and again at every connection, on the addresses the name
resolves to *then*; the connection goes to the address that was checked (``gateway.personal``),
so a name re-pointed to loopback after the save (DNS rebinding) is refused too.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_ALWAYS_REFUSED: tuple[Network, ...] = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "224.0.0.0/4",
        "240.0.0.0/4",
        "100.100.100.200/32",
        "::/128",
        "::1/128",
        "fe80::/10",
        "ff00::/8",
        "fd00:ec2::254/128",
    )
)

__all__ = [
    "HostRefused",
    "always_refused_network",
    "check_url",
    "lookup",
    "parse_allowlist",
    "refusal",
    "resolve_checked",
    "split_url",
]


class HostRefused(ValueError):
    """A personal host's address is not allowed (the message says why)."""


def _plain(address: Address) -> Address:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def always_refused_network(network: Network) -> bool:
    """Whether every address of ``network`` is always refused (an allowlist entry of no use)."""
    return any(
        network.version == bad.version and network.subnet_of(bad)  # type: ignore[arg-type]
        for bad in _ALWAYS_REFUSED
    )


def _is_local(address: Address) -> bool:
    """Whether ``address`` belongs to this machine (binding to it succeeds)."""
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.bind((str(address), 0))
    except OSError:
        return False
    return True


def refusal(address: Address, allowlist: Sequence[Network]) -> str | None:
    """Why a personal host may not reach ``address``; ``None`` when it may."""
    address = _plain(address)
    if address.is_loopback:
        return f"{address} is a loopback address"
    if address.is_link_local:
        return f"{address} is a link-local address (cloud metadata lives there)"
    for bad in _ALWAYS_REFUSED:
        if address.version == bad.version and address in bad:
            return f"{address} is a reserved or metadata address"
    if not any(address.version == net.version and address in net for net in allowlist):
        return f"{address} is outside the networks allowed for personal hosts"
    if _is_local(address):
        return f"{address} is an address of the gateway itself"
    return None


def parse_allowlist(entries: Iterable[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


async def lookup(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to now (the system resolver, as a connection would)."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def split_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an ``http``/``https`` URL without credentials, query or fragment;
    :class:`HostRefused` otherwise."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise HostRefused("not a valid URL") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise HostRefused("must be an http:// or https:// URL")
    if parts.username is not None or parts.password is not None:
        raise HostRefused("must not carry credentials")
    if parts.query or parts.fragment:
        raise HostRefused("must not carry a query or a fragment")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


async def check_url(url: str, allowlist: Sequence[Network]) -> None:
    """Refuse (:class:`HostRefused`) a personal host URL whose name resolves anywhere refused."""
    _scheme, host, port = split_url(url)
    await resolve_checked(host, port, allowlist)


async def resolve_checked(
    host: str, port: int, allowlist: Sequence[Network]
) -> list[tuple[Address, int]]:
    """Resolve ``host`` and check **every** address; ``[(address, port)]`` to connect to.

    Raises :class:`HostRefused` when the name does not resolve or any address is refused (a
    name with one good and one bad address is refused: the resolver could hand out either).
    """
    try:
        resolved = await lookup(host, port)
    except (OSError, UnicodeError) as exc:
        raise HostRefused(f"{host} does not resolve: {exc}") from None
    found: list[tuple[Address, int]] = []
    for text in resolved:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        reason = refusal(address, allowlist)
        if reason is not None:
            raise HostRefused(f"{host} is refused: {reason}")
        if (address, port) not in found:
            found.append((address, port))
    if not found:
        raise HostRefused(f"{host} does not resolve")
    return found
