"""Forwarding one request upstream: node choice with retries, then a complete body or a relay.

:func:`forward` is the seam the response cache wraps: it takes the request's parsed facts (an
:class:`UpstreamCall` plus the :class:`Exchange`) and returns a Starlette response, either a
:class:`BytesResponse` (complete body, token counts already on the exchange) or a
:class:`RelayResponse` (open stream; it finishes the exchange itself when the stream ends).

Retries: a connect failure (or a stale keep-alive connection closed under us) or an Ollama 503
("server busy") before the first byte is retried on another node of the same candidate tier
(nodes holding the model), never on a node that would merely answer "model not found".
A call may carry a total ``deadline`` (generation: ``REQUEST_TIMEOUT`` from the request's start):
it bounds the wait for a node slot, the connect, the first byte and every body read (the lean
client folds it into the timers it already runs); before the response starts, passing it is a
504 in the family's shape, during a relayed stream an in-band error (``streaming``).
Upstream statuses and bodies pass through unchanged (Ollama's own ``{"error": ...}`` on
``/api``, its OpenAI-shaped errors on ``/v1``).  The client's credentials are never forwarded:
the upstream gets only ``Content-Type`` (and ``Host`` from the node URL, which a loopback-bound
Ollama accepts).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from starlette.responses import Response

from ollama_gateway.core.errors import UpstreamError
from ollama_gateway.gateway.client import UpstreamResponse
from ollama_gateway.gateway.engines.adapt import MESSAGES, OLLAMA, Adapted, adapt
from ollama_gateway.gateway.errors import describe, is_retryable, translate
from ollama_gateway.gateway.streaming import BytesResponse, RelayResponse, Sniffer
from ollama_gateway.gateway.upstreams import Node, UpstreamPool

if TYPE_CHECKING:
    from ollama_gateway.gateway.exchange import Exchange

_JSON = b"application/json; charset=utf-8"
_MAX_ERROR_TEXT = 300

Counter = Callable[[bytes], tuple[int, int]]


class UpstreamCall(NamedTuple):
    """What to send upstream and how to treat the answer.

    A named tuple (immutable, built in one step; a frozen dataclass sets each field through
    ``object.__setattr__``: ~60 Python opcodes more per request).  Change one with ``_replace``.
    """

    method: bytes
    path: bytes
    body: bytes | None = None
    #: Takes one of the node's ``max_in_flight`` slots for the whole exchange (generation).
    slot: bool = False
    #: Relay a 200 answer as a stream instead of reading it whole.
    stream: bool = False
    #: Reads token counts from a complete 200 body.
    counts: Counter | None = None
    #: Seen by the relay for each chunk (the SSE usage chunk).
    sniffer: Sniffer | None = None
    #: Send to exactly these nodes in this order (management routes); default: pool's choice.
    nodes: tuple[Node, ...] | None = None
    #: Called with the node once the exchange with it is over (management: refresh its tags).
    after: Callable[[Node], None] | None = None
    #: Event-loop time by which the whole exchange must be over; ``None``: no total limit.
    deadline: float | None = None


async def forward(
    ex: Exchange, pool: UpstreamPool, call: UpstreamCall, headers: list[tuple[bytes, bytes]]
) -> Response:
    """Send ``call`` upstream; the response to give the client (see the module docstring)."""
    resp, node, adapted = await _send(ex, pool, call)
    ex.status = status = resp.status
    ctype = resp.content_type or _JSON
    resp.idle_timeout = pool.idle_timeout
    if call.stream and status == 200:
        ex.mark_first_byte()
        sniffer = call.sniffer
        if adapted is not None:
            ctype = adapted.content_type or ctype
            sniffer = _chained(adapted.reframe, sniffer)
        return RelayResponse(
            resp,
            ex,
            headers=[(b"content-type", ctype), *headers],
            on_end=_ender(pool, node, call),
            sniffer=sniffer,
        )
    try:
        body = await resp.read()
    except BaseException as exc:
        resp.close()
        _release(pool, node, call)
        if isinstance(exc, Exception):
            raise _failure(ex, exc) from None
        raise
    resp.release()
    _release(pool, node, call)
    if adapted is not None:  # an error is JSON even when a stream was asked for
        body = _reshaped(adapted, status, body)
        ctype = (adapted.content_type or _JSON) if status == 200 else _JSON
    if status == 200:
        if call.counts is not None:
            ex.prompt_tokens, ex.completion_tokens = call.counts(body)
    elif status >= 400:
        ex.error = body[:_MAX_ERROR_TEXT].decode(errors="replace")
    return BytesResponse(body, status, ctype, headers)


def _chained(first: Sniffer | None, then: Sniffer | None) -> Sniffer | None:
    if first is None or then is None:
        return first or then
    return lambda chunk: then(first(chunk))


def _reshaped(adapted: Adapted, status: int, body: bytes) -> bytes:
    """A complete answer of a translated call in the client's shape (the node's text when it
    cannot be read as what it should be)."""
    reshape = adapted.reshape if status == 200 else adapted.reshape_error
    if reshape is None:
        return body
    try:
        return reshape(body)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        error = adapted.reshape_error
        return error(body) if error is not None and error is not reshape else body


async def _send(
    ex: Exchange, pool: UpstreamPool, call: UpstreamCall
) -> tuple[UpstreamResponse, Node, Adapted | None]:
    """The upstream's response head, retrying another node where that is safe; a node that is
    not an Ollama gets the call as ``engines.adapt`` says."""
    tier = list(call.nodes) if call.nodes is not None else pool.candidates(ex.model)
    tried: list[Node] = []
    while True:
        remaining = [node for node in tier if node not in tried] if tried else tier
        if call.slot:
            node = await pool.acquire(ex.model, among=remaining, deadline=call.deadline)
        else:
            node = pool.pick(ex.model, among=remaining)
        ex.node = node
        path, body, adapted = call.path, call.body, None
        if node.spec.kind != OLLAMA or path == MESSAGES:
            try:
                adapted = adapt(node.spec.kind, node.speaks_messages, path, body, call.stream)
            except BaseException:
                _release(pool, node, call)
                raise
            if adapted is not None:
                path, body = adapted.path, adapted.body
        try:
            resp = await node.client.request(
                call.method,
                path,
                body,
                first_byte_timeout=pool.first_byte_timeout,
                deadline=call.deadline,
            )
        except BaseException as exc:
            _release(pool, node, call)
            if not isinstance(exc, Exception):
                raise
            if is_retryable(exc):
                pool.record_failure(node, describe(exc, node.name))
                tried.append(node)
                if len(tried) < len(tier):
                    continue
            raise _failure(ex, exc) from None
        if node.failures:
            pool.record_success(node)
        if resp.status == 503 and len(tried) + 1 < len(tier):
            resp.close()
            _release(pool, node, call)
            tried.append(node)
            continue
        return resp, node, adapted


def _failure(ex: Exchange, exc: Exception) -> UpstreamError:
    """The client-facing error; the detailed one (node, cause) goes to the usage record only."""
    error = translate(exc)
    ex.fail(error.status, describe(exc, ex.node.name if ex.node is not None else None))
    return error


def _release(pool: UpstreamPool, node: Node, call: UpstreamCall) -> None:
    if call.slot:
        pool.release(node)
    if call.after is not None:
        call.after(node)


def _ender(pool: UpstreamPool, node: Node, call: UpstreamCall) -> Callable[[bool], None]:
    def on_end(clean: bool) -> None:
        _release(pool, node, call)

    return on_end
