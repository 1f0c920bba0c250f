"""Deterministic content of the fake Ollama server.

This module owns everything the fake *generates*: the reply text for a prompt, how a reply is
split into streamed pieces, the token counts and durations reported in the final chunk, the
embedding vectors, the timestamps and the ``keep_alive`` parsing. Everything is a pure function of
its inputs so tests can compute the expected values themselves.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
import struct
import time
from functools import lru_cache
from typing import Any, Final

import orjson

#: Tokens added to every prompt's word count (stands in for the chat template / BOS tokens).
PROMPT_OVERHEAD: Final = 10
#: Tokens added per embedded input (BOS/EOS).
EMBED_OVERHEAD_PER_INPUT: Final = 2
#: Fixed durations, in nanoseconds, reported in final chunks.
LOAD_DURATION_NS: Final = 1_000_000
PROMPT_EVAL_NS_PER_TOKEN: Final = 50_000
EVAL_NS_PER_TOKEN: Final = 1_000_000
OVERHEAD_NS: Final = 500_000
#: ``expires_at`` reported by /api/ps for a model kept loaded forever (negative keep_alive).
FOREVER: Final = "2262-04-11T23:47:16.854775807Z"
#: Default keep_alive in seconds.
DEFAULT_KEEP_ALIVE: Final = 300.0

_TOKEN_RE: Final = re.compile(r"\s*\S+\s*|\s+")
_DURATION_RE: Final = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")
_UNIT_SECONDS: Final = {
    "ns": 1e-9,
    "us": 1e-6,
    "µs": 1e-6,
    "ms": 1e-3,
    "s": 1.0,
    "m": 60.0,
    "h": 3600.0,
}


def words(text: str) -> int:
    """Number of whitespace separated words: the fake's notion of a token."""
    return len(text.split())


def prompt_eval_count(texts: list[str]) -> int:
    """``prompt_eval_count`` of a generate/chat request whose prompt parts are ``texts``.

    For /api/generate the parts are ``[system, prompt]``; for /api/chat (and /v1 chat) they are
    the contents of all messages.
    """
    return sum(words(t) for t in texts) + PROMPT_OVERHEAD


def embed_eval_count(inputs: list[str]) -> int:
    """``prompt_eval_count`` of an /api/embed request."""
    return sum(words(t) + EMBED_OVERHEAD_PER_INPUT for t in inputs)


def reply_text(source: str, json_format: bool = False) -> str:
    """The full answer for a prompt: ``"Echo: " + source`` (or a JSON object if format is set)."""
    if json_format:
        return orjson.dumps({"echo": source}).decode()
    return "Echo: " + source


def split_reply(text: str, pieces: int) -> list[str]:
    """Split ``text`` into exactly ``pieces`` contiguous, non-overlapping parts.

    Parts are groups of whole words (each word keeps its trailing whitespace) when the text has
    at least ``pieces`` words, else even slices of characters. Concatenating the parts gives back
    ``text``; a part is empty only if the text is shorter than the number of pieces.
    """
    n = max(1, pieces)
    tokens = _TOKEN_RE.findall(text)
    if len(tokens) >= n:
        count = len(tokens)
        return ["".join(tokens[i * count // n : (i + 1) * count // n]) for i in range(n)]
    size = len(text)
    return [text[i * size // n : (i + 1) * size // n] for i in range(n)]


def plan_reply(text: str, pieces: int, num_predict: int | None) -> tuple[list[str], str]:
    """The streamed pieces of a reply and its ``done_reason``, honouring ``num_predict``.

    Every piece counts as one generated token, so ``eval_count == len(parts)``. A non-negative
    ``num_predict`` smaller than the number of pieces truncates the reply (``"length"``).
    """
    parts = split_reply(text, pieces)
    if num_predict is not None and 0 <= num_predict < len(parts):
        return parts[:num_predict], "length"
    return parts, "stop"


def metrics(prompt_tokens: int, eval_tokens: int) -> dict[str, int]:
    """The metric fields of a final chunk, in Ollama's field order."""
    prompt_ns = prompt_tokens * PROMPT_EVAL_NS_PER_TOKEN
    eval_ns = eval_tokens * EVAL_NS_PER_TOKEN
    return {
        "total_duration": LOAD_DURATION_NS + prompt_ns + eval_ns + OVERHEAD_NS,
        "load_duration": LOAD_DURATION_NS,
        "prompt_eval_count": prompt_tokens,
        "prompt_eval_duration": prompt_ns,
        "eval_count": eval_tokens,
        "eval_duration": eval_ns,
    }


def context_tokens(count: int) -> list[int]:
    """The deprecated ``context`` array of /api/generate: ``count`` fake token ids."""
    return list(range(1, count + 1))


@lru_cache(maxsize=4096)
def _vector(text: str, dim: int) -> tuple[float, ...]:
    raw = b""
    counter = 0
    seed = text.encode()
    while len(raw) < dim * 2:
        raw += hashlib.blake2b(seed + counter.to_bytes(4, "little"), digest_size=64).digest()
        counter += 1
    values = [
        (int.from_bytes(raw[i * 2 : i * 2 + 2], "little") / 32767.5) - 1.0 for i in range(dim)
    ]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return tuple(round(v / norm, 6) for v in values)


def embedding(text: str, dim: int) -> list[float]:
    """A deterministic, L2-normalised embedding of ``text`` with ``dim`` dimensions."""
    return list(_vector(text, dim))


def embedding_base64(vector: list[float]) -> str:
    """OpenAI ``encoding_format: "base64"``: little-endian float32 bytes, base64 encoded."""
    return base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()


def rfc3339(ns: int | None = None) -> str:
    """A UTC timestamp the way Go marshals ``time.Time`` (RFC 3339 with nanoseconds)."""
    if ns is None:
        ns = time.time_ns()
    sec, frac = divmod(ns, 1_000_000_000)
    base = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec))
    fraction = f"{frac:09d}".rstrip("0")
    return f"{base}.{fraction}Z" if fraction else f"{base}Z"


def parse_keep_alive(value: Any) -> float:
    """``keep_alive`` in seconds: a number of seconds or a Go duration string such as ``"5m"``.

    Negative means forever (``math.inf``). Raises ``ValueError`` with Go's message when invalid.
    """
    if value is None:
        return DEFAULT_KEEP_ALIVE
    if isinstance(value, bool):
        raise ValueError("json: cannot unmarshal bool into Go value of type api.Duration")
    if isinstance(value, int | float):
        return math.inf if value < 0 else float(value)
    if not isinstance(value, str):
        raise ValueError("invalid keep_alive")
    text = value.strip()
    sign = -1.0 if text.startswith("-") else 1.0
    body = text.lstrip("+-")
    if body == "0":
        return 0.0
    pos = 0
    total = 0.0
    for match in _DURATION_RE.finditer(body):
        if match.start() != pos:
            break
        total += float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
        pos = match.end()
    if pos != len(body) or not body:
        raise ValueError(f'time: invalid duration "{value}"')
    return math.inf if sign < 0 else total
