"""``GET|PATCH /api/admin/settings``: the run-time settings (``runtime``), admins only.

A change is stored, audited (``system_settings_change`` with the values before and after),
applied to this process at once and announced to the others (within a second).
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from ollama_gateway.admin.deps import FeedDep, RuntimeDep
from ollama_gateway.auth.deps import PrincipalDep, client_ip, require
from ollama_gateway.core.deps import SessionDep
from ollama_gateway.core.permissions import Permission
from ollama_gateway.runtime import service
from ollama_gateway.runtime.schemas import RuntimeSettingsPublic, RuntimeSettingsUpdate

router = APIRouter(prefix="/api/admin", dependencies=[require(Permission.ADMIN_SYSTEM)])


@router.get(
    "/settings",
    response_model=RuntimeSettingsPublic,
    summary="The effective run-time settings (environment overridden by stored values)",
)
async def read_settings(runtime: RuntimeDep) -> RuntimeSettingsPublic:
    return service.public(runtime)


@router.patch(
    "/settings",
    response_model=RuntimeSettingsPublic,
    summary="Change run-time settings (applied on every process within a second)",
)
async def update_settings(
    *,
    request: Request,
    data: RuntimeSettingsUpdate,
    principal: PrincipalDep,
    session: SessionDep,
    runtime: RuntimeDep,
    feed: FeedDep,
) -> RuntimeSettingsPublic:
    result = await service.update(
        session, runtime=runtime, data=data, actor_user_id=principal.user_id, ip=client_ip(request)
    )
    await feed.announce("settings")
    return result
