"""Chats: conversations with a message tree, turns that run on the server, search and export.

Other domains use nothing of it yet; ``main`` mounts ``router`` and enters ``lifespan``.
"""

from ollama_gateway.chats.lifespan import lifespan
from ollama_gateway.chats.router import router

__all__ = ["lifespan", "router"]
