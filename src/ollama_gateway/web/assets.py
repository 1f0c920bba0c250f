"""The portal's build output on disk and how a file of it is answered.

``STATIC_ROOT`` is where Vite writes (``web/vite.config.ts``); every answer carries
:data:`SECURITY_HEADERS`.  See ``web.router`` for which path gets which cache policy.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import Request
from starlette.responses import FileResponse, HTMLResponse, Response

STATIC_ROOT = Path(__file__).parent / "static"

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=3600"
NO_CACHE = "no-cache"

_NOT_BUILT = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Ollama Gateway</title>"
    "</head><body><h1>Ollama Gateway</h1><p>The portal's assets are not built. Run "
    "<code>scripts/setup</code> (it runs <code>npm ci &amp;&amp; npm run build</code> in "
    "<code>web/</code>), then reload.</p><p>API documentation: <a href='/docs'>/docs</a></p>"
    "</body></html>"
)


def resolve(relative: str) -> Path | None:
    """The built file at ``relative``, or ``None``; never a path outside the build."""
    if not relative or "\x00" in relative:
        return None
    root = STATIC_ROOT.resolve()
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    if candidate.relative_to(root).parts[0] == ".vite":  # the build manifest stays private
        return None
    return candidate


def file_response(request: Request, path: Path, cache: str) -> Response:
    headers = {**SECURITY_HEADERS, "Cache-Control": cache, "Vary": "Accept-Encoding"}
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if media_type.startswith("text/") or media_type.endswith(("javascript", "json", "svg+xml")):
        media_type += "; charset=utf-8"
    packed = path.with_name(path.name + ".gz")
    if "gzip" in request.headers.get("accept-encoding", "") and packed.is_file():
        headers["Content-Encoding"] = "gzip"
        return FileResponse(packed, media_type=media_type, headers=headers)
    return FileResponse(path, media_type=media_type, headers=headers)


def index_response(request: Request) -> Response:
    index = STATIC_ROOT / "index.html"
    if not index.is_file():
        headers = {**SECURITY_HEADERS, "Cache-Control": NO_CACHE}
        return HTMLResponse(_NOT_BUILT, status_code=503, headers=headers)
    return file_response(request, index, NO_CACHE)
