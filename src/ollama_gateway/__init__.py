"""Ollama Gateway: a multi-user gateway and chat portal in front of Ollama servers."""

__version__ = "0.1.0"
