"""Chats: conversations with a message tree, turns that run on the server, search and export.

Other domains use nothing of it; ``main`` mounts ``router``, enters ``lifespan`` and lists
``LANE_ROUTES`` (the turn route on the gateway's fast lane).
"""

from ollama_gateway.chats.lifespan import lifespan
from ollama_gateway.chats.messaging import LANE_ROUTES
from ollama_gateway.chats.router import router

__all__ = ["LANE_ROUTES", "lifespan", "router"]
