"""Consuming an upstream generation inside the gateway: the seam for server-owned work.

:func:`consume` is what a caller that is not an HTTP relay (the chats' turns) uses instead of
returning ``proxy.forward``'s response to a client.  It goes through exactly the same path:
:func:`proxy.forward` (node choice, slots, retries, deadline, and whatever translation that path
does for a node), the same :class:`RelayResponse` (line framing, in-band error line, token
counts, one line per token when the counts never come), and the same :class:`Exchange` ending
(usage record, metrics, admission settled).  Only the destination differs: the relayed chunks
(whole lines) go to ``sink`` instead of an ASGI ``send``.

The hot path is not touched: the relay is driven with a ``send`` that hands chunks over.  To
stop the work, cancel the task running :func:`consume` (after ``ex.fail(...)`` to say why):
the upstream connection is closed, which makes Ollama stop generating.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from starlette.types import Message

from ollama_gateway.core.errors import UpstreamError
from ollama_gateway.gateway.exchange import Exchange
from ollama_gateway.gateway.proxy import UpstreamCall, forward
from ollama_gateway.gateway.streaming import RelayResponse
from ollama_gateway.gateway.upstreams import UpstreamPool

_SCOPE = {"type": "http"}

#: Gets each relayed chunk: whole NDJSON lines (or SSE events) as the client would.
Sink = Callable[[bytes], None]


async def _never() -> Message:
    await asyncio.Future()  # the relay never reads from its client
    raise AssertionError("unreachable")


async def consume(ex: Exchange, pool: UpstreamPool, call: UpstreamCall, sink: Sink) -> None:
    """Run ``call`` upstream and feed its answer to ``sink``; ``ex`` is finished on return.

    A streamed 200 answer is relayed chunk by chunk (mid-stream failures arrive as the
    family's in-band error line, as a client would see them); a complete 200 body is given
    whole.  Before any byte: an upstream failure or a non-200 answer raises
    :class:`UpstreamError` (its message is the upstream's ``error`` text when there is one).
    """
    try:
        response = await forward(ex, pool, call, [])
    except BaseException as exc:
        ex.fail_with(exc)
        await ex.finish()
        raise
    if isinstance(response, RelayResponse):

        async def send(message: Message) -> None:
            if message["type"] == "http.response.body":
                body = message.get("body")
                if body:
                    sink(body)

        await response(_SCOPE, _never, send)
        return
    await ex.finish()
    if response.status_code != 200:
        raise UpstreamError(ex.error or f"upstream answered {response.status_code}")
    sink(bytes(response.body))
