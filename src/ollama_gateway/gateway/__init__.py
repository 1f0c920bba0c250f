"""The gateway: Ollama- and OpenAI-compatible routes, the upstream pool, the streaming relay.

Other domains use ``app.state.gateway`` (:class:`Gateway`: ``pool``, ``meter``), the seam
``proxy.forward`` with :class:`UpstreamCall` (the response cache and the chats wrap it), and
``UpstreamPool.model_digest`` (a cache key part).  ``lifespan`` builds them.  Work that runs
on the server rather than as a relay (chat turns) builds an :class:`Exchange` and reads the
upstream answer through :func:`consume` (``turns``), the same path as a relayed request.
"""

from ollama_gateway.gateway.dispatch import Gateway
from ollama_gateway.gateway.exchange import Exchange
from ollama_gateway.gateway.fastlane import FastLane, LaneApp
from ollama_gateway.gateway.lifespan import lifespan
from ollama_gateway.gateway.proxy import UpstreamCall, forward
from ollama_gateway.gateway.router import router
from ollama_gateway.gateway.turns import consume
from ollama_gateway.gateway.upstreams import UpstreamPool

__all__ = [
    "Exchange",
    "FastLane",
    "Gateway",
    "LaneApp",
    "UpstreamCall",
    "UpstreamPool",
    "consume",
    "forward",
    "lifespan",
    "router",
]
