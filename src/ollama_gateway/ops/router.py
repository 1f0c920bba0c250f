"""`GET /health` (no auth, no details) and `GET /metrics` (admin or the scrape token)."""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.responses import Response

from ollama_gateway.auth.deps import authenticate
from ollama_gateway.core.deps import SettingsDep
from ollama_gateway.core.errors import Forbidden, Unauthorized
from ollama_gateway.core.metrics import Metrics
from ollama_gateway.core.permissions import Permission

router = APIRouter(tags=["operations"])


@router.get("/health", summary="Liveness probe")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/metrics", summary="Prometheus metrics (admin or scrape token)")
async def metrics(request: Request, settings: SettingsDep) -> Response:
    auth = request.headers.get("authorization", "")
    token = auth.removeprefix("Bearer ").strip()
    scrape_ok = bool(settings.metrics_token) and hmac.compare_digest(
        token, settings.metrics_token or ""
    )
    if not scrape_ok:
        principal = await authenticate(request)
        if principal is None:
            raise Unauthorized()
        if not principal.can(Permission.METRICS_READ):
            raise Forbidden("metrics are for admins")
    registry = request.app.state.metrics
    assert isinstance(registry, Metrics)
    return Response(generate_latest(registry.registry), media_type=CONTENT_TYPE_LATEST)
