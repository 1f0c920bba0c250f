"""A cached response and its replay.

An :class:`Entry` is the exact bytes the upstream sent for one complete, successful response,
with its status and media type, stored per stream mode.  Replaying it therefore gives the client
the same shape as a miss did: a JSON body with ``Content-Length`` for a non-streamed request, or
chunked NDJSON / SSE (whole lines, ``Content-Type`` unchanged) for a streamed one.  The stored
token counts (``prompt_eval_count``, ``usage``...) are part of the replayed body; the gateway
records the hit itself with zero upstream tokens.
"""

from __future__ import annotations

from dataclasses import dataclass

import orjson
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Entry:
    status: int
    media_type: str
    stream: bool
    body: bytes

    def encode(self) -> bytes:
        head = orjson.dumps({"s": self.status, "m": self.media_type, "t": self.stream})
        return head + b"\n" + self.body

    @classmethod
    def decode(cls, data: bytes) -> Entry:
        head, _, body = data.partition(b"\n")
        meta = orjson.loads(head)
        return cls(int(meta["s"]), str(meta["m"]), bool(meta["t"]), body)

    def response(self, headers: list[tuple[bytes, bytes]] | None = None) -> Response:
        """The replay, with extra raw headers (lower-case names)."""
        return ReplayResponse(self, headers or [])


def _pieces(body: bytes) -> list[bytes]:
    """The body cut at line ends into pieces of about ``_CHUNK`` bytes."""
    pieces: list[bytes] = []
    start = 0
    while start < len(body):
        end = body.find(b"\n", min(start + _CHUNK, len(body)) - 1)
        end = len(body) if end < 0 else end + 1
        pieces.append(body[start:end])
        start = end
    return pieces


class ReplayResponse(Response):
    """Sends a cached entry: all at once, or chunked along line ends when it was a stream.

    The headers are built here, not by ``Response.__init__``, so that the stored media type is
    sent verbatim (Starlette would append a charset to ``text/event-stream``).
    """

    def __init__(self, entry: Entry, headers: list[tuple[bytes, bytes]]) -> None:
        self.entry = entry
        self.status_code = entry.status
        self.background = None
        self.body = entry.body
        raw = [(b"content-type", entry.media_type.encode("latin-1")), *headers]
        if not entry.stream:
            raw.append((b"content-length", str(len(entry.body)).encode("latin-1")))
        self.raw_headers = raw

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        if not self.entry.stream:
            await send({"type": "http.response.body", "body": self.body, "more_body": False})
            return
        for piece in _pieces(self.entry.body):
            await send({"type": "http.response.body", "body": piece, "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})
