"""Test fakes: in-process stand-ins for external services (see ``tests.fakes.ollama``)."""

from .ollama import FakeOllama, FakeOllamaThread, RecordedRequest

__all__ = ["FakeOllama", "FakeOllamaThread", "RecordedRequest"]
