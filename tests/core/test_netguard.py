"""core.netguard: which addresses a personal Ollama host may reach (the SSRF guard)."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from ollama_gateway.core import netguard
from ollama_gateway.core.netguard import (
    HostRefused,
    always_refused_network,
    parse_allowlist,
    refusal,
    resolve_checked,
    split_url,
)

EVERYWHERE = parse_allowlist(["0.0.0.0/0", "::/0"])


def local_address() -> str | None:
    """A non-loopback address of this machine, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("10.255.255.255", 1))
        except OSError:
            return None
        address = str(sock.getsockname()[0])
    return None if ipaddress.ip_address(address).is_loopback else address


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.10.0.1",
        "::1",
        "::ffff:127.0.0.1",
        "169.254.169.254",
        "::ffff:169.254.169.254",
        "fe80::1",
        "0.0.0.0",
        "::",
        "224.0.0.1",
        "fd00:ec2::254",
        "100.100.100.200",
    ],
)
def test_always_refused_whatever_the_allowlist(address: str) -> None:
    assert refusal(ipaddress.ip_address(address), EVERYWHERE) is not None


def test_the_allowlist_decides_the_rest() -> None:
    allow = parse_allowlist(["10.0.0.0/8"])
    assert refusal(ipaddress.ip_address("10.1.2.3"), allow) is None
    reason = refusal(ipaddress.ip_address("192.168.1.5"), allow)
    assert reason is not None
    assert "outside" in reason
    assert refusal(ipaddress.ip_address("10.1.2.3"), ()) is not None


def test_the_gateways_own_address_is_refused() -> None:
    own = local_address()
    if own is None:
        pytest.skip("this machine has no non-loopback address")
    reason = refusal(ipaddress.ip_address(own), parse_allowlist([f"{own}/32"]))
    assert reason is not None
    assert "gateway itself" in reason


def test_allowlist_entries_that_admit_nothing_are_recognised() -> None:
    for entry in ("127.0.0.0/8", "127.0.0.1/32", "169.254.169.254/32", "::1/128", "fe80::/64"):
        assert always_refused_network(ipaddress.ip_network(entry))
    for entry in ("0.0.0.0/0", "10.0.0.0/8", "::/0"):
        assert not always_refused_network(ipaddress.ip_network(entry))


async def test_a_name_resolving_to_loopback_is_refused() -> None:
    with pytest.raises(HostRefused, match="loopback"):
        await resolve_checked("localhost", 11434, EVERYWHERE)


async def test_every_address_of_a_name_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    async def lookup(host: str, port: int) -> list[str]:
        return ["10.0.0.5", "127.0.0.1"]

    monkeypatch.setattr(netguard, "lookup", lookup)
    with pytest.raises(HostRefused, match="loopback"):
        await resolve_checked("two.example", 80, EVERYWHERE)

    async def good(host: str, port: int) -> list[str]:
        return ["10.0.0.5", "10.0.0.6", "10.0.0.5"]

    monkeypatch.setattr(netguard, "lookup", good)
    found = await resolve_checked("two.example", 80, parse_allowlist(["10.0.0.0/8"]))
    assert [str(a) for a, _ in found] == ["10.0.0.5", "10.0.0.6"]


async def test_a_name_that_does_not_resolve_is_refused() -> None:
    with pytest.raises(HostRefused, match="resolve"):
        await resolve_checked("no-such-host.invalid", 80, EVERYWHERE)


@pytest.mark.parametrize(
    "url", ["ftp://10.0.0.1", "http://u:p@10.0.0.1", "http://10.0.0.1/?a=1", "http://:80", "x"]
)
def test_urls_that_are_not_plain_http_are_refused(url: str) -> None:
    with pytest.raises(HostRefused):
        split_url(url)


def test_split_url_defaults_the_port() -> None:
    assert split_url("https://ollama.example") == ("https", "ollama.example", 443)
    assert split_url("http://[fd12::1]:8080/x") == ("http", "fd12::1", 8080)
