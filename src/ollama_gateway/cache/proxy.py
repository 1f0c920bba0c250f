"""The response cache around the gateway's ``proxy.forward``: the one call the gateway makes.

``gateway.dispatch.generation`` calls :func:`forward` where it would call ``proxy.forward``
(after authorisation, the model check and admission, so a hit is still a counted request):

- cache off, request not cacheable, or ``bypass``: ``proxy.forward`` as if the cache did not
  exist (plus ``X-Ollama-Gateway-Cache: bypass`` when the client asked);
- hit: the stored response is replayed in the form of the original (see ``entry.py``), the
  exchange is marked ``cache_hit`` with zero tokens, no node is chosen and nothing goes upstream;
- miss: ``proxy.forward`` with a capture chained after the relay's own sniffer (so it stores what
  the client received); a complete body is stored at once, a stream when the exchange ends
  cleanly.  The end of a stream is observed through the admission's ``settle``, the hook the
  exchange calls exactly once when it is over; the wrapper settles first, then stores.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request
from starlette.responses import Response

from ollama_gateway.cache import policy
from ollama_gateway.cache.service import Capture, Lookup, ResponseCache
from ollama_gateway.core.admission import Admission
from ollama_gateway.gateway import proxy
from ollama_gateway.gateway.exchange import Exchange
from ollama_gateway.gateway.proxy import UpstreamCall
from ollama_gateway.gateway.streaming import RelayResponse
from ollama_gateway.gateway.upstreams import UpstreamPool

RawHeaders = list[tuple[bytes, bytes]]


def forward(
    ex: Exchange,
    pool: UpstreamPool,
    call: UpstreamCall,
    headers: RawHeaders,
    *,
    request: Request,
    payload: dict[str, Any],
) -> Awaitable[Response]:
    """``proxy.forward``, answered from or filling the response cache (module docstring).

    With the cache off this is ``proxy.forward``'s own coroutine (no coroutine of its own).
    """
    cache: ResponseCache | None = getattr(request.app.state, "cache", None)
    if cache is None:
        return proxy.forward(ex, pool, call, headers)
    return _forward(cache, ex, pool, call, headers, request=request, payload=payload)


async def _forward(
    cache: ResponseCache,
    ex: Exchange,
    pool: UpstreamPool,
    call: UpstreamCall,
    headers: RawHeaders,
    *,
    request: Request,
    payload: dict[str, Any],
) -> Response:
    lookup = await cache.lookup(
        route=ex.route,
        body=payload,
        headers=_policy_headers(request),
        digest=pool.model_digest(ex.model) if ex.model else None,
        stream=ex.stream,
    )
    headers = headers + [(k.lower().encode(), v.encode()) for k, v in lookup.headers.items()]
    if lookup.hit is not None:
        ex.cache_hit = True
        ex.status = lookup.hit.status
        ex.mark_first_byte()
        return lookup.response(headers)
    capture = lookup.capture
    if capture is None:
        return await proxy.forward(ex, pool, call, headers)
    call = call._replace(sniffer=_chain(call.sniffer, capture))
    response = await proxy.forward(ex, pool, call, headers)
    media_type = _media_type(response)
    if isinstance(response, RelayResponse):
        if ex.admission is not None:
            ex.admission = _StoreAfterSettle(ex.admission, ex, lookup, media_type)
    elif ex.status == 200 and ex.error is None:
        await lookup.commit(status=ex.status, media_type=media_type, body=bytes(response.body))
    return response


#: The request headers ``policy.mode`` reads.
_POLICY_HEADERS = frozenset((policy.HEADER.lower().encode(), b"cache-control"))


def _policy_headers(request: Request) -> dict[str, str]:
    """The first value of each header the policy reads, from one pass over the raw headers.

    What ``request.headers`` would answer for them (case-insensitive, first one wins), without
    the four full header scans its ``get`` costs (measured ~200 opcodes per request).
    """
    found: dict[str, str] = {}
    for name, value in request.scope["headers"]:
        if name in _POLICY_HEADERS:
            found.setdefault(name.decode("latin-1"), value.decode("latin-1"))
    return found


def _chain(sniffer: Callable[[bytes], bytes] | None, capture: Capture) -> Callable[[bytes], bytes]:
    if sniffer is None:
        return capture.feed

    def chained(chunk: bytes) -> bytes:
        return capture.feed(sniffer(chunk))

    return chained


def _media_type(response: Response) -> str:
    for name, value in response.raw_headers:
        if name == b"content-type":
            return value.decode("latin-1")
    return "application/json"


class _StoreAfterSettle:
    """The exchange's admission, whose settle also stores the stream once it ended cleanly."""

    __slots__ = ("_ex", "_inner", "_lookup", "_media_type", "headers")

    def __init__(self, inner: Admission, ex: Exchange, lookup: Lookup, media_type: str) -> None:
        self.headers = inner.headers
        self._inner = inner
        self._ex = ex
        self._lookup = lookup
        self._media_type = media_type

    async def settle(self, *, prompt_tokens: int, completion_tokens: int) -> None:
        try:
            await self._inner.settle(
                prompt_tokens=prompt_tokens, completion_tokens=completion_tokens
            )
        finally:
            ex = self._ex
            if ex.status == 200 and ex.error is None and not ex.disconnected:
                await self._lookup.commit(status=200, media_type=self._media_type)
