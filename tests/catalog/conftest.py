"""The catalog's gateway tests use the gateway's fixtures (fake Ollama, private gateways)."""

from tests.gateway.conftest import _fresh_fake, fake, make_gateway

__all__ = ["_fresh_fake", "fake", "make_gateway"]
