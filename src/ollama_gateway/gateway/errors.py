"""Translate the upstream HTTP clients' exceptions into the application's error tree.

In the manner of httpx's ``map_httpcore_exceptions``: the clients' exceptions (the lean
``client`` of the hot path, aiohttp elsewhere) never leave the gateway package.  Messages are
generic on purpose: an upstream address must never reach a non-admin, and the clients' own
messages carry ``host:port``.  The detailed text (node name and cause) goes to the usage record
and the log, both admin-only.
"""

from __future__ import annotations

import aiohttp

from ollama_gateway.core.errors import UpstreamError, UpstreamTimeout, UpstreamUnavailable
from ollama_gateway.gateway.client import ClosedEarly, ConnectFailed, DeadlineExceeded

#: Failures before the upstream answered anything: safe to retry on another node.
RETRYABLE = (
    ConnectFailed,
    ClosedEarly,
    aiohttp.ClientConnectorError,
    aiohttp.ServerDisconnectedError,
)


def is_retryable(exc: BaseException) -> bool:
    """A connect failure (or a stale keep-alive connection closed under us) before any byte."""
    return isinstance(exc, RETRYABLE) and not isinstance(exc, TimeoutError)


def translate(exc: BaseException) -> UpstreamError:
    """The application error for an upstream failure (never mentions the address)."""
    if isinstance(exc, UpstreamError):
        return exc
    if isinstance(exc, DeadlineExceeded):
        return UpstreamTimeout("request timed out")
    if isinstance(exc, TimeoutError):
        return UpstreamTimeout("upstream Ollama server timed out")
    if isinstance(exc, (ConnectFailed, aiohttp.ClientConnectorError)):
        return UpstreamUnavailable("upstream Ollama server is unavailable")
    return UpstreamError("upstream Ollama server connection failed")


def describe(exc: BaseException, node_name: str | None) -> str:
    """The admin-facing description kept in usage records and logs."""
    where = f" on {node_name}" if node_name else ""
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}{where}: {text}"[:500]
