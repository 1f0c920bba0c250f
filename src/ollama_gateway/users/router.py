"""``/api/auth/me``: the caller's profile, password and settings; ``/api/auth/whoami``.

Everything here acts on the caller only (there is no user id in these paths, so one user cannot
reach another's profile or settings).  Changing the profile, the password or the settings needs
a login session (JWT or cookie, ``auth.deps.LoginPrincipalDep``): an API key may read but not
take over its owner's account or rewrite its system prompt.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from ollama_gateway.auth import audit
from ollama_gateway.auth import service as auth_service
from ollama_gateway.auth.cookies import SESSION_COOKIE, token_response
from ollama_gateway.auth.deps import LoginPrincipalDep, PrincipalDep, client_ip
from ollama_gateway.core import netguard
from ollama_gateway.core.config import Settings
from ollama_gateway.core.deps import SessionDep, SettingsDep
from ollama_gateway.core.errors import Forbidden, ValidationFailed
from ollama_gateway.core.principal import AuthMethod
from ollama_gateway.keys.deps import PrincipalCacheDep
from ollama_gateway.users import service
from ollama_gateway.users.schemas import (
    PasswordChange,
    PrincipalPublic,
    SettingsPublic,
    SettingsUpdate,
    UserPublic,
    UserUpdate,
)

router = APIRouter(prefix="/api/auth", tags=["account"])


@router.get("/whoami", response_model=PrincipalPublic, summary="The authenticated caller")
async def whoami(principal: PrincipalDep) -> PrincipalPublic:
    """Answered from the principal alone: no database query once credentials are cached."""
    return PrincipalPublic.from_principal(principal)


@router.get("/me", response_model=UserPublic, summary="The caller's profile")
async def read_me(principal: PrincipalDep, session: SessionDep) -> UserPublic:
    return UserPublic.model_validate(await service.get(session, user_id=principal.user_id))


@router.patch("/me", response_model=UserPublic, summary="Change the caller's username or email")
async def update_me(
    request: Request, data: UserUpdate, principal: LoginPrincipalDep, session: SessionDep
) -> UserPublic:
    user = await service.get(session, user_id=principal.user_id)
    user = await service.update_profile(
        session, user=user, username=data.username, email=data.email
    )
    audit.record(
        session,
        kind=audit.AuditKind.PROFILE_CHANGE,
        actor_user_id=user.id,
        target=f"user:{user.id}",
        ip=client_ip(request),
        details={"fields": sorted(data.model_fields_set)},
    )
    return UserPublic.model_validate(user)


@router.post(
    "/me/password",
    summary="Change the password; other sessions end, this one gets new tokens",
)
async def change_password(
    *,
    request: Request,
    data: PasswordChange,
    principal: LoginPrincipalDep,
    session: SessionDep,
    settings: SettingsDep,
    cache: PrincipalCacheDep,
) -> Response:
    issued = await auth_service.change_password(
        session,
        principal=principal,
        current_password=data.current_password,
        new_password=data.new_password,
        settings=settings,
        cache=cache,
        ip=client_ip(request),
        user_agent=request.headers.get("user-agent"),
    )
    with_cookies = principal.method is AuthMethod.COOKIE or SESSION_COOKIE in request.cookies
    return token_response(issued, settings=settings, with_cookies=with_cookies)


@router.get("/me/settings", response_model=SettingsPublic, summary="The caller's settings")
async def read_settings(principal: PrincipalDep, session: SessionDep) -> SettingsPublic:
    row = await service.get_user_settings(session, user_id=principal.user_id)
    return SettingsPublic.model_validate(row)


async def _check_host(url: str, settings: Settings) -> None:
    """403 while personal hosts are off; 422 for a URL whose name resolves anywhere refused."""
    if not settings.user_hosts_enabled:
        raise Forbidden("personal Ollama hosts are not enabled on this gateway")
    try:
        await netguard.check_url(url, netguard.parse_allowlist(settings.user_hosts_allowlist))
    except netguard.HostRefused as exc:
        message = f"ollama_host refused: {exc}"
        raise ValidationFailed(message, details={"ollama_host": str(exc)}) from None


@router.put("/me/settings", response_model=SettingsPublic, summary="Replace the caller's settings")
async def write_settings(
    *,
    request: Request,
    data: SettingsUpdate,
    principal: LoginPrincipalDep,
    session: SessionDep,
    settings: SettingsDep,
    cache: PrincipalCacheDep,
) -> SettingsPublic:
    if data.ollama_host is not None:
        await _check_host(data.ollama_host, settings)
    row = await service.put_user_settings(session, user_id=principal.user_id, data=data)
    await session.commit()
    cache.invalidate_user(principal.user_id)  # the host applies from the next request on
    audit.record(
        session,
        kind=audit.AuditKind.SETTINGS_CHANGE,
        actor_user_id=principal.user_id,
        target=f"user:{principal.user_id}",
        ip=client_ip(request),
    )
    return SettingsPublic.model_validate(row)
