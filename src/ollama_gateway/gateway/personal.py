"""Per-user Ollama hosts (seed 004's ``ollama_host``): a user's generation requests go to their
own Ollama instead of the pool, SSRF-safe.

Off unless an admin enables it (``user_hosts_enabled``) with an allowlist of networks
(``user_hosts_allowlist``); the principal then carries the user's URL (``Principal.ollama_host``)
and :func:`forward` is the only extra step of the request path (one ``None`` check for everyone
else).  The user's URL was checked when saved (``users`` router); here every **connection**
checks again: :class:`GuardedClient` resolves the name, refuses it unless every address passes
``core.netguard`` (never loopback, link-local with 169.254.169.254, or the gateway's own
addresses; otherwise only inside the allowlist) and connects to the address it checked, so a
name re-pointed after the save (DNS rebinding) is refused.  Redirects are never followed: the
lean client does not follow them, and a 3xx answer reaches the client as an error status.
Personal answers bypass the response cache (its keys come from the pool's models).

:class:`PersonalHosts` (``app.state.personal_hosts``) keeps one :class:`Node` per URL in use
(bounded), dropped when the settings change; :meth:`PersonalHosts.test` is the "test
connection" of ``GET /api/status``.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Sequence

import aiohttp
import orjson
from starlette.responses import Response

from ollama_gateway.core.config import Settings
from ollama_gateway.core.netguard import HostRefused, Network, parse_allowlist, resolve_checked
from ollama_gateway.gateway import proxy
from ollama_gateway.gateway.client import ConnectFailed, HttpClient, UpstreamResponse, tls_context
from ollama_gateway.gateway.exchange import Exchange
from ollama_gateway.gateway.nodes import Node, NodeSpec
from ollama_gateway.gateway.proxy import UpstreamCall
from ollama_gateway.gateway.schemas import HostTest
from ollama_gateway.gateway.upstreams import UpstreamPool

_MAX_NODES = 256
_TEST_TIMEOUT = 5.0


class GuardedClient(HttpClient):
    """The lean client, connecting only to addresses the allowlist admits, checked each time."""

    def __init__(
        self, base_url: str, *, settings: Settings, allowlist: Callable[[], Sequence[Network]]
    ) -> None:
        tls = tls_context(settings.upstream_ca_bundle, verify=settings.upstream_tls_verify)
        super().__init__(base_url, connect_timeout=settings.upstream_connect_timeout, tls=tls)
        self._allowlist = allowlist

    async def _connect(self, deadline: float | None = None) -> UpstreamResponse:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(self._connect_timeout):
                checked = await resolve_checked(self._host, self._port, self._allowlist())
        except HostRefused as exc:
            raise ConnectFailed(f"personal Ollama host refused: {exc}") from None
        except TimeoutError:
            raise ConnectFailed("personal Ollama host: name resolution timed out") from None
        address, port = checked[0]
        try:
            async with asyncio.timeout(self._connect_timeout):
                _transport, conn = await loop.create_connection(
                    lambda: UpstreamResponse(self),
                    str(address),
                    port,
                    ssl=self._tls,
                    server_hostname=self._host if self._tls else None,
                )
        except TimeoutError:
            raise ConnectFailed("connect timed out") from None
        except OSError as exc:
            raise ConnectFailed(str(exc) or type(exc).__name__) from None
        return conn


class PersonalHosts:
    """One guarded node per personal URL in use; see the module docstring."""

    def __init__(self, settings: Settings, current: Callable[[], Settings]) -> None:
        self._settings = settings
        self._current = current
        self._nodes: OrderedDict[str, Node] = OrderedDict()
        self._networks: tuple[tuple[str, ...], tuple[Network, ...]] = ((), ())
        self._closing: set[asyncio.Future[None]] = set()

    def allowlist(self) -> tuple[Network, ...]:
        entries = tuple(self._current().user_hosts_allowlist)
        if entries != self._networks[0]:
            self._networks = (entries, parse_allowlist(entries))
        return self._networks[1]

    def node(self, url: str) -> Node:
        node = self._nodes.get(url)
        if node is not None:
            self._nodes.move_to_end(url)
            return node
        spec = NodeSpec(
            key=f"user:{url}", name="personal", url=url.rstrip("/"),
            max_in_flight=self._settings.upstream_max_in_flight,
        )  # fmt: skip
        client = GuardedClient(spec.url, settings=self._settings, allowlist=self.allowlist)
        # never used for personal hosts (management and health checks go to the pool); a
        # session that cannot connect anywhere, so that a mistake cannot bypass the guard
        session = aiohttp.ClientSession(connector=aiohttp.UnixConnector(path="/nonexistent"))
        node = self._nodes[url] = Node(spec, session, client)
        while len(self._nodes) > _MAX_NODES:
            _url, old = self._nodes.popitem(last=False)
            closing = asyncio.ensure_future(old.close())
            self._closing.add(closing)
            closing.add_done_callback(self._closing.discard)
        return node

    async def clear(self) -> None:
        nodes, self._nodes = list(self._nodes.values()), OrderedDict()
        for node in nodes:
            await node.close()

    async def test(self, url: str) -> HostTest:
        """Connect (guarded) and ask ``/api/version``; a redirect is reported, not followed."""
        client = self.node(url).client
        try:
            resp = await client.request(
                b"GET", b"/api/version", None, first_byte_timeout=_TEST_TIMEOUT
            )
            body = await resp.read()
            resp.release()
        except (ConnectionError, TimeoutError) as exc:
            return HostTest(url=url, connected=False, error=str(exc) or type(exc).__name__)
        if 300 <= resp.status < 400:
            error = f"answered a redirect ({resp.status}); redirects are not followed"
            return HostTest(url=url, connected=False, error=error)
        if resp.status != 200:
            return HostTest(url=url, connected=False, error=f"answered HTTP {resp.status}")
        try:
            version = orjson.loads(body).get("version")
        except (orjson.JSONDecodeError, AttributeError):
            return HostTest(url=url, connected=False, error="not an Ollama /api/version answer")
        return HostTest(url=url, connected=True, version=str(version) if version else None)


async def forward(
    hosts: PersonalHosts,
    *,
    url: str,
    ex: Exchange,
    pool: UpstreamPool,
    call: UpstreamCall,
    headers: list[tuple[bytes, bytes]],
) -> Response:
    """``proxy.forward`` to the user's own host (no response cache, no other node)."""
    return await proxy.forward(ex, pool, call._replace(nodes=(hosts.node(url),)), headers)
