"""Upstream nodes: what configures one (:class:`NodeSpec`) and what the gateway knows of it
(:class:`Node`: session, health, models, load, circuit breaker state).

The pool (``upstreams``) owns the nodes and decides; this module is plain state.
"""

from __future__ import annotations

import logging
import re
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from yarl import URL

from ollama_gateway.core.config import Settings
from ollama_gateway.gateway.client import HttpClient, tls_context

logger = logging.getLogger(__name__)

_HEADER_SAFE = re.compile(r"[\x21-\x7e]+")


@dataclass(frozen=True, slots=True)
class NodeSpec:
    """What configures a node: from the environment or from the catalog's stored nodes."""

    key: str
    name: str
    url: str
    max_in_flight: int
    db_id: int | None = None
    #: Higher is preferred: lower priorities get requests only while every higher node that
    #: could serve them is full, down or without the model.
    priority: int = 0
    #: HTTPS: ``False`` skips certificate checks for this node; ``ca_bundle``: its CA's PEM.
    tls_verify: bool = True
    ca_bundle: str | None = None
    #: ``ollama``, or ``openai`` for an OpenAI-compatible server (llama.cpp, vLLM, LM Studio,
    #: SGLang, TGI): its ``url`` is the server's root, the API under ``/v1`` (``engines``).
    kind: str = "ollama"
    #: The node's own API key, sent to it as ``Authorization: Bearer`` (never the client's).
    api_key: str | None = field(default=None, repr=False)

    @property
    def header_key(self) -> str | None:
        """The API key if a header can carry it (printable ASCII); a key stored before that rule
        (or sealed by hand) is left out with a warning instead of failing every request."""
        key = self.api_key
        if key and not _HEADER_SAFE.fullmatch(key):
            logger.warning("node %s: its API key holds characters a header cannot carry", self.name)
            return None
        return key or None

    @property
    def connection(self) -> tuple[str, bool, str | None, str, str | None]:
        """What the node's sessions are built from: a change rebuilds them."""
        return (self.url, self.tls_verify, self.ca_bundle, self.kind, self.api_key)


def node_tls(spec: NodeSpec, default: ssl.SSLContext, settings: Settings) -> ssl.SSLContext:
    """The TLS context of ``spec``: the pool's ``default`` unless the node has its own options
    (an unreadable CA file is logged and the default kept: it still verifies)."""
    if spec.tls_verify and spec.ca_bundle is None:
        return default
    bundle = Path(spec.ca_bundle) if spec.ca_bundle else settings.upstream_ca_bundle
    try:
        return tls_context(bundle, verify=spec.tls_verify and settings.upstream_tls_verify)
    except ValueError as exc:
        logger.error("upstream %s: %s; using the default TLS settings", spec.name, exc)
        return default


OPENAI_PREFIX = "openai+"


def kind_and_root(url: str, kind: str = "ollama") -> tuple[str, str]:
    """(kind, root URL) of a configured node URL: ``openai+http://gpu2:8000/v1`` is an
    ``openai`` node at ``http://gpu2:8000`` (OpenAI's ``/v1`` is where the gateway sends)."""
    if url.startswith(OPENAI_PREFIX):
        kind, url = "openai", url.removeprefix(OPENAI_PREFIX)
    url = url.rstrip("/")
    if kind == "openai":
        url = url.removesuffix("/v1")
    return kind, url


def env_specs(settings: Settings) -> list[NodeSpec]:
    urls = settings.ollama_api_base_url
    specs = []
    for i, configured in enumerate(urls, start=1):
        kind, url = kind_and_root(configured)
        name = "default" if len(urls) == 1 else f"node-{i}"
        specs.append(
            NodeSpec(
                key=f"env:{i}",
                name=name,
                url=url,
                max_in_flight=settings.upstream_max_in_flight,
                kind=kind,
                api_key=settings.upstream_api_keys.get(name),
            )
        )
    return specs


class Node:
    """One upstream Ollama server and what the gateway knows about it."""

    __slots__ = (
        "_urls",
        "checked_at",
        "client",
        "failures",
        "healthy",
        "in_flight",
        "last_error",
        "models",
        "open_until",
        "removed",
        "session",
        "speaks_messages",
        "spec",
        "version",
    )

    def __init__(self, spec: NodeSpec, session: aiohttp.ClientSession, client: HttpClient) -> None:
        self.spec = spec
        #: aiohttp: health checks, listings, management, blob uploads.
        self.session = session
        #: The lean client of the hot path (``client``): generation, show, pull...
        self.client = client
        self.in_flight = 0
        self.healthy: bool | None = None  # None: not checked yet
        self.version: str | None = None
        self.models: dict[str, dict[str, Any]] = {}  # normalized name -> /api/tags entry
        self.failures = 0
        self.open_until = 0.0
        self.last_error: str | None = None
        self.checked_at: float | None = None
        self.removed = False
        #: Serves Anthropic's ``/v1/messages`` itself (probed by the health check).
        self.speaks_messages = False
        self._urls: dict[str, URL] = {}

    @property
    def name(self) -> str:
        return self.spec.name

    def url(self, path: str) -> URL:
        """The node's URL for ``path``, parsed once."""
        url = self._urls.get(path)
        if url is None:
            url = URL(self.spec.url + path)
            if len(self._urls) < 64:
                self._urls[path] = url
        return url

    def breaker_open(self, now: float) -> bool:
        return self.open_until > now

    async def close(self) -> None:
        self.client.close()
        await self.session.close()
