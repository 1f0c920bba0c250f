"""The gateway's responses: a complete body, or an upstream stream relayed byte for byte.

:class:`RelayResponse` is a pure-ASGI response (cheaper than ``StreamingResponse``, which spawns
a task group per response).  It passes the upstream bytes through undecoded, cut only at line
ends so that the client always receives whole NDJSON lines / SSE lines and an error can be
appended cleanly.  The only parsing is of the final line (Ollama's ``"done": true`` chunk, for
the token counts) or, on SSE, of the chunk carrying ``"usage"`` (see ``openai_compat``).

A stream that ends without its counts (cut by a deadline, an upstream that dies, a client that
leaves) is still charged: one completion token per relayed line (Ollama streams one token per
NDJSON line; on SSE one per ``data:`` event), so that a quota cannot be dodged by hanging up
before the final line.  The prompt's tokens are then unknown and recorded as 0.

Mid-stream failures reach the client in-band, in the family's own shape: a final NDJSON
``{"error": "..."}`` line, or an SSE ``data: {"error": {...}}`` event followed by
``data: [DONE]``.  A client that disconnects cancels the relay (see ``Exchange``); the upstream
connection is then closed, which makes Ollama stop generating.

A relay cancelled otherwise is cut by the server: at shutdown, uvicorn cancels what still runs
after the grace period (``SHUTDOWN_TIMEOUT``).  The stream then ends with the family's in-band
error (a 503, "the gateway is shutting down"), is recorded with it, and logs one WARNING line;
the cancellation ends there, at the top of the request, so that uvicorn does not log it as an
"Exception in ASGI application".
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from ollama_gateway.core.errors import AppError, Family, UpstreamUnavailable, render_body
from ollama_gateway.gateway.client import UpstreamResponse
from ollama_gateway.gateway.errors import describe, translate

if TYPE_CHECKING:
    from ollama_gateway.gateway.exchange import Exchange

logger = logging.getLogger(__name__)

_PROMPT_EVAL = re.compile(rb'"prompt_eval_count":\s*(\d+)')
_EVAL = re.compile(rb'"eval_count":\s*(\d+)')
_DONE = re.compile(rb'"done":\s*true')
_ERROR_LINE = re.compile(rb'^\{\s*"error"\s*:\s*"((?:[^"\\]|\\.)*)"')
_MAX_HELD = 8 * 1024 * 1024  # a single line longer than this is relayed unaligned
_END = {"type": "http.response.body", "body": b"", "more_body": False}

NDJSON = "application/x-ndjson"
SSE = "text/event-stream"

#: Sees each relayed chunk; returns it, possibly altered (the SSE usage chunk).
Sniffer = Callable[[bytes], bytes]


def ollama_counts(data: bytes) -> tuple[int, int]:
    """(prompt, completion) tokens from Ollama's final chunk or JSON body (absent means 0)."""
    prompt = _PROMPT_EVAL.search(data)
    completion = _EVAL.search(data)
    return (
        int(prompt.group(1)) if prompt else 0,
        int(completion.group(1)) if completion else 0,
    )


def last_line(chunk: bytes) -> bytes:
    end = len(chunk) - 1 if chunk.endswith(b"\n") else len(chunk)
    return chunk[chunk.rfind(b"\n", 0, end) + 1 : end]


def error_frame(error: AppError, family: Family, request_id: str, last: bytes) -> bytes:
    """The in-band error for a stream already under way, in the family's own framing."""
    body = render_body(error, family, request_id)
    if family is Family.ANTHROPIC:
        lead = b"" if not last or last.endswith(b"\n\n") else b"\n"
        return lead + b"event: error\ndata: " + body + b"\n\n"
    if family is Family.OPENAI:
        lead = b"" if not last or last.endswith(b"\n\n") else b"\n"
        return lead + b"data: " + body + b"\n\ndata: [DONE]\n\n"
    return body + b"\n"


class BytesResponse(Response):
    """A complete body with a known content type; skips Starlette's header normalisation."""

    def __init__(
        self, body: bytes, status: int, content_type: bytes, extra: list[tuple[bytes, bytes]]
    ) -> None:
        self.status_code = status
        self.body = body
        self.background = None
        self.raw_headers = [
            (b"content-type", content_type),
            (b"content-length", str(len(body)).encode()),
            *extra,
        ]


class RelayResponse(Response):
    """Relays an open upstream response to the client; ends the exchange when done."""

    def __init__(
        self,
        upstream: UpstreamResponse,
        ex: Exchange,
        *,
        headers: list[tuple[bytes, bytes]],
        on_end: Callable[[bool], None],
        sniffer: Sniffer | None = None,
    ) -> None:
        self.status_code = upstream.status
        self.background = None
        self.body = b""
        self.raw_headers = headers
        self._upstream = upstream
        self._ex = ex
        self._on_end = on_end
        self._sniffer = sniffer
        #: Lines (NDJSON) or events (SSE) sent to the client so far.
        self._relayed = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ex = self._ex
        clean = False
        try:
            await send(
                {
                    "type": "http.response.start",
                    "status": self.status_code,
                    "headers": self.raw_headers,
                }
            )
            ex.meter.open(ex, self.relayed)
            clean = await self._pump(send)
            ex.closing = True
            await send(_END)
        except asyncio.CancelledError:
            if not ex.absorb_disconnect():
                await self._cut(send)
        except OSError:  # the server reports a client gone on write
            ex.fail(499, "client disconnected")
        finally:
            if not clean and not ex.completion_tokens and self._relayed > 0:
                ex.completion_tokens = self._relayed  # the counts never came: one per line
            if clean:
                self._upstream.release()
            else:
                self._upstream.close()
            self._on_end(clean)
            await ex.finish()

    def relayed(self) -> int:
        """Lines (NDJSON) or events (SSE) sent so far: the journal's token estimate."""
        return self._relayed

    async def _cut(self, send: Send) -> None:
        """Cancelled by the server (module docstring): the in-band error, recorded, one line."""
        ex = self._ex
        task = asyncio.current_task()
        if task is not None:
            task.uncancel()
        error = UpstreamUnavailable("the gateway is shutting down; the stream was cut")
        ex.fail(error.status, "stream cut: the gateway is shutting down")
        logger.warning(
            "stream %s on %s cut at shutdown after %d lines", ex.request_id, ex.route, self._relayed
        )
        # b"\n": the lead an SSE event needs when the last one may not have ended (harmless else)
        frame = error_frame(error, ex.family, ex.request_id, b"\n")
        try:
            await send({"type": "http.response.body", "body": frame, "more_body": True})
            ex.closing = True
            await send(_END)
        except OSError:
            pass

    async def _pump(self, send: Send) -> bool:
        """Relay until the upstream ends; ``True`` if it ended cleanly."""
        ex = self._ex
        sniffer = self._sniffer
        held = b""
        last = b""
        upstream = self._upstream
        sep = b"\n" if ex.family is Family.OLLAMA else b"\n\n"
        try:
            while (data := await upstream.next_chunk()) is not None:
                chunk = held + data if held else data
                held = b""
                if chunk[-1] != 10:  # cut at the last line end; keep the rest for later
                    cut = chunk.rfind(b"\n") + 1
                    if cut == 0 and len(chunk) < _MAX_HELD:
                        held = chunk
                        continue
                    if cut:
                        held, chunk = chunk[cut:], chunk[:cut]
                if sniffer is not None:
                    chunk = sniffer(chunk)
                    if not chunk:
                        continue
                last = chunk
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
                self._relayed += chunk.count(sep)
        except (ConnectionError, TimeoutError) as exc:
            error = translate(exc)
            ex.fail(error.status, describe(exc, ex.node.name if ex.node else None))
            frame = error_frame(error, ex.family, ex.request_id, last)
            await send({"type": "http.response.body", "body": frame, "more_body": True})
            return False
        if held:
            last = held
            await send({"type": "http.response.body", "body": held, "more_body": True})
        if ex.family is Family.OLLAMA and last:
            self._read_final_line(last_line(last))
        return True

    def _read_final_line(self, line: bytes) -> None:
        ex = self._ex
        if _DONE.search(line):
            ex.prompt_tokens, ex.completion_tokens = ollama_counts(line)
            return
        match = _ERROR_LINE.match(line)
        if match:
            ex.completion_tokens = max(0, self._relayed - 1)  # the lines before the error
            ex.fail(502, "upstream error in stream: " + match.group(1).decode(errors="replace"))
