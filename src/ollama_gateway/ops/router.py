"""Operations routes: liveness and readiness probes (no auth) and ``GET /metrics``.

* ``GET /health`` and ``GET /health/live``: the process answers (no details, no auth).
* ``GET /health/ready``: 200 when the database answers, Redis answers (when configured) and at
  least one upstream is healthy, else 503; always 503 once the process is stopping
  (``core.readiness``).  The body names the checks and whether each passed, nothing more: no
  addresses, so it is safe unauthenticated.
* ``GET /metrics``: Prometheus text for admins or the scrape token.
"""

from __future__ import annotations

import hmac
from typing import Literal

from fastapi import APIRouter, Request
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel
from starlette.responses import JSONResponse, PlainTextResponse, Response

from ollama_gateway.auth.deps import authenticate
from ollama_gateway.core.deps import SettingsDep
from ollama_gateway.core.errors import Forbidden, Unauthorized
from ollama_gateway.core.metrics import Metrics
from ollama_gateway.core.openapi import errors
from ollama_gateway.core.permissions import Permission
from ollama_gateway.core.readiness import Readiness

router = APIRouter(tags=["operations"])


class Liveness(BaseModel):
    status: Literal["ok"] = "ok"


class ReadinessReport(BaseModel):
    status: Literal["ready", "not_ready"]
    draining: bool
    checks: dict[str, bool]


@router.get("/health", summary="Liveness probe")
async def health() -> Liveness:
    return Liveness()


@router.get("/health/live", summary="Liveness probe (Kubernetes)")
async def live() -> Liveness:
    return Liveness()


@router.get(
    "/health/ready",
    summary="Readiness probe: database, Redis and an upstream answer",
    responses={503: {"model": ReadinessReport, "description": "not ready, or stopping"}},
)
async def ready(request: Request) -> JSONResponse:
    readiness: Readiness = request.app.state.readiness
    ok, checks = await readiness.report()
    report = ReadinessReport(
        status="ready" if ok else "not_ready", draining=readiness.draining, checks=checks
    )
    return JSONResponse(report.model_dump(), status_code=200 if ok else 503)


def _scrape_token_ok(request: Request, expected: str | None) -> bool:
    """Whether ``Authorization: Bearer <METRICS_TOKEN>`` was sent: the header's raw bytes
    compared in constant time (``hmac.compare_digest`` refuses text with non-ASCII characters,
    which made such a header a 500; as bytes it is just a wrong token)."""
    if not expected:
        return False
    raw = next((value for name, value in request.scope["headers"] if name == b"authorization"), b"")
    scheme, _, token = raw.strip().partition(b" ")
    return scheme.lower() == b"bearer" and hmac.compare_digest(token.strip(), expected.encode())


@router.get(
    "/metrics",
    summary="Prometheus metrics (admin or scrape token)",
    response_class=PlainTextResponse,
    responses={
        200: {"content": {"text/plain": {"schema": {"type": "string"}}}},
        **errors(401, 403),
    },
    openapi_extra={"security": [{"Bearer": []}, {"APIKey": []}]},
)
async def metrics(request: Request, settings: SettingsDep) -> Response:
    if not _scrape_token_ok(request, settings.metrics_token):
        principal = await authenticate(request)
        if principal is None:
            raise Unauthorized()
        if not principal.can(Permission.METRICS_READ):
            raise Forbidden("metrics are for admins")
    registry = request.app.state.metrics
    assert isinstance(registry, Metrics)
    return Response(generate_latest(registry.registry), media_type=CONTENT_TYPE_LATEST)
