"""Engines other than Ollama behind the gateway: translation between Ollama's API, OpenAI's and
Anthropic's Messages API (pure functions and stream re-framers, no I/O).

``chat``: Ollama chat/generate requests and complete answers <-> OpenAI chat completions;
``stream``: OpenAI SSE -> Ollama NDJSON; ``embed``: embeddings; ``listing``: ``/v1/models`` ->
``/api/tags``, ``/api/show``, ``/api/ps``; ``anthropic`` and ``anthropic_stream``: the Messages
API over OpenAI chat completions; ``adapt``: for the node a call goes to, what to send and how
to turn the answer back.
"""

from ollama_gateway.gateway.engines import (
    adapt,
    anthropic,
    anthropic_stream,
    chat,
    embed,
    listing,
    stream,
)

__all__ = ["adapt", "anthropic", "anthropic_stream", "chat", "embed", "listing", "stream"]
