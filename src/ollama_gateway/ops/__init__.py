"""Operations routes: liveness (`/health`) and Prometheus metrics (`/metrics`)."""

from ollama_gateway.ops.router import router

__all__ = ["router"]
