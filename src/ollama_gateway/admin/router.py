"""``/api/admin`` routes: includes each admin module's router; every route needs the admin role."""

from __future__ import annotations

from fastapi import APIRouter

from ollama_gateway.admin import (
    audit,
    catalog,
    keys,
    logs,
    query,
    settings,
    telemetry,
    upstreams,
    users,
)

router = APIRouter(tags=["admin"])
router.include_router(users.router)
router.include_router(keys.router)
router.include_router(logs.router)
router.include_router(audit.router)
router.include_router(settings.router)
router.include_router(telemetry.router)
router.include_router(upstreams.router)
router.include_router(query.router)
router.include_router(catalog.router)
