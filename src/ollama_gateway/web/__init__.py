"""The web portal's server side: serves the built single-page app under ``/ui/`` with its
security headers (CSP and friends), and sends browsers asking ``/`` for HTML there.
"""

from ollama_gateway.web.router import router

__all__ = ["router"]
