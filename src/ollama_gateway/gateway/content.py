"""Content logging on the gateway's side: wires a :class:`ContentCapture` into one request.

:func:`capture` is called by ``dispatch.generation`` only while content logging is on
(``usage.content.content_cap``); it keeps the request body and chains the capture after the
call's own sniffer (streams) or before its token counter (complete bodies), so the answer is
seen exactly as the client receives it.  The exchange carries the capture to its usage event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ollama_gateway.gateway.proxy import UpstreamCall
from ollama_gateway.usage.content import ContentCapture

if TYPE_CHECKING:
    from ollama_gateway.gateway.exchange import Exchange

__all__ = ["capture"]


def capture(ex: Exchange, body: bytes, call: UpstreamCall, cap: int) -> UpstreamCall:
    """``call`` with the answer captured into ``ex.content`` (the prompt is ``body``)."""
    kept = ex.content = ContentCapture(body, cap)
    feed = kept.feed
    if call.stream:
        sniffer = call.sniffer
        if sniffer is None:
            return call._replace(sniffer=feed)

        def chained(chunk: bytes) -> bytes:
            return feed(sniffer(chunk))

        return call._replace(sniffer=chained)
    counts = call.counts

    def counting(data: bytes) -> tuple[int, int]:
        feed(data)
        return counts(data) if counts is not None else (0, 0)

    return call._replace(counts=counting)
