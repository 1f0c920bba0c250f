"""Routes serving the portal's built assets under ``/ui/``.

The single-page app is built once by Vite (``web/``, ``npm run build``) into ``web/static/`` of
this package, so the wheel carries it and no Node process runs at serving time:

* ``/ui/assets/*``: content-hashed files, cached for a year (``immutable``); a ``.gz`` twin
  written by the build is sent to clients that accept gzip.  A missing asset is a 404, never the
  app's page (a stale tab must not parse HTML as JavaScript).
* other files at the top of the build (``favicon.svg``): cached for an hour.
* anything else under ``/ui/`` is a client route (``/ui/chat/12``): ``index.html``, never cached,
  so a deploy is picked up on the next load.

Every answer carries the strict headers of :data:`SECURITY_HEADERS`: the CSP allows scripts,
styles and connections from this origin only (no inline script, no ``eval``), images also from
``data:`` and ``blob:`` (attachments previewed before upload), and no framing.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from ollama_gateway.core.errors import NotFound
from ollama_gateway.web import assets

router = APIRouter(include_in_schema=False)
UI_PREFIX = "/ui/"


@router.api_route("/ui", methods=["GET", "HEAD"])
async def ui_root() -> Response:
    return RedirectResponse(UI_PREFIX, status_code=308)


@router.api_route("/ui/{path:path}", methods=["GET", "HEAD"])
async def ui(request: Request, path: str) -> Response:
    """A built file, or the app's page for a client route."""
    if path.startswith("assets/"):
        found = assets.resolve(path)
        if found is None:
            raise NotFound("asset")
        return assets.file_response(request, found, assets.IMMUTABLE)
    found = assets.resolve(path) if path and path != "index.html" else None
    if found is not None:
        return assets.file_response(request, found, assets.SHORT)
    return assets.index_response(request)
