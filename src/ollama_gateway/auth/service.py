"""Account flows: register, login, refresh, logout, password change.

Keyword-only async functions.  ``login`` and ``refresh`` take the :class:`Database` rather than a
session because they must commit a record (failed login, reuse-revocation) and still answer 401.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.auth import audit, tokens
from ollama_gateway.auth.tokens import IssuedSession
from ollama_gateway.core.config import Settings
from ollama_gateway.core.db import Database, utcnow
from ollama_gateway.core.errors import Forbidden, Unauthorized, ValidationFailed
from ollama_gateway.core.principal import Principal
from ollama_gateway.core.security import (
    csrf_valid,
    hash_password,
    password_needs_rehash,
    verify_password,
)
from ollama_gateway.keys.cache import PrincipalCache
from ollama_gateway.users import service as users_service
from ollama_gateway.users.models import User


async def register(
    session: AsyncSession,
    *,
    username: str,
    email: str,
    password: str,
    settings: Settings,
    ip: str | None = None,
) -> User:
    if not settings.registration_open:
        raise Forbidden("registration is closed; ask an administrator for an account")
    user = await users_service.create(
        session,
        username=username,
        email=email,
        password=password,
        role=settings.default_role,
        settings=settings,
    )
    audit.record(
        session,
        kind=audit.AuditKind.REGISTER,
        actor_user_id=user.id,
        target=f"user:{user.id}",
        ip=ip,
        details={"role": user.role},
    )
    return user


async def login(
    db: Database,
    *,
    login: str,
    password: str,
    settings: Settings,
    ip: str | None = None,
    user_agent: str | None = None,
) -> IssuedSession:
    """Check the password (timing-safe for unknown users) and start a session family."""
    async with db.session() as session:
        user = await users_service.find_by_login(session, login=login)
        valid = verify_password(password, user.password_hash if user else None)
        if user is None or not valid or not user.is_active:
            reason = "unknown user" if user is None else "bad password" if not valid else "inactive"
            audit.record(
                session,
                kind=audit.AuditKind.LOGIN_FAILED,
                actor_user_id=user.id if user else None,
                target=f"login:{login[:100]}",
                ip=ip,
                details={"reason": reason},
            )
            await session.commit()
            if user is not None and valid:
                raise Unauthorized("account is deactivated")
            raise Unauthorized("invalid username or password")
        if password_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.last_login_at = utcnow()
        issued = await tokens.issue(
            session, user=user, settings=settings, ip=ip, user_agent=user_agent
        )
        audit.record(
            session,
            kind=audit.AuditKind.LOGIN,
            actor_user_id=user.id,
            target=f"user:{user.id}",
            ip=ip,
            details={"family_id": issued.family_id},
        )
    return issued


async def refresh(
    db: Database,
    *,
    refresh_token: str,
    settings: Settings,
    csrf: str | None = None,
    require_csrf: bool = False,
    ip: str | None = None,
    user_agent: str | None = None,
    cache: PrincipalCache,
) -> IssuedSession:
    """Rotate a refresh token; a cookie-borne token also needs the session's CSRF token.

    On reuse the family is revoked, and with it (through ``cache``) its access tokens.
    """
    async with db.session() as session:
        if require_csrf:
            row = await tokens.family_of(session, refresh_token=refresh_token)
            if row is None:
                raise Unauthorized("invalid refresh token")
            if not csrf_valid(settings.secret_key, row.family_id, csrf):
                raise Forbidden("missing or invalid CSRF token")
        try:
            return await tokens.rotate(
                session,
                refresh_token=refresh_token,
                settings=settings,
                ip=ip,
                user_agent=user_agent,
            )
        except tokens.ReuseDetected as exc:
            cache.invalidate_user(exc.user_id)
            raise


async def logout(
    session: AsyncSession,
    *,
    refresh_token: str | None,
    principal: Principal | None,
    family_id: str | None = None,
    ip: str | None = None,
    cache: PrincipalCache,
) -> None:
    """Revoke the session family of ``refresh_token`` (or ``family_id``); idempotent.

    Commits, then (through ``cache``) ends the family's access tokens on their next request.
    """
    user_id = principal.user_id if principal else None
    if refresh_token:
        row = await tokens.family_of(session, refresh_token=refresh_token)
        if row is not None and (principal is None or row.user_id == principal.user_id):
            family_id, user_id = row.family_id, row.user_id
    if family_id is None:
        return
    await tokens.revoke_family(session, family_id=family_id)
    audit.record(
        session,
        kind=audit.AuditKind.LOGOUT,
        actor_user_id=principal.user_id if principal else None,
        target=f"session:{family_id}",
        ip=ip,
    )
    await session.commit()
    if user_id is not None:
        cache.invalidate_user(user_id)


async def change_password(
    session: AsyncSession,
    *,
    principal: Principal,
    current_password: str,
    new_password: str,
    settings: Settings,
    cache: PrincipalCache,
    ip: str | None = None,
    user_agent: str | None = None,
) -> IssuedSession:
    """Change the caller's password, end every other session, and start a fresh one.

    ``token_version`` is bumped (every access token, including the caller's, stops working) and
    every refresh token is revoked; the caller continues with the new pair returned here.
    """
    user = await users_service.get(session, user_id=principal.user_id)
    if not verify_password(current_password, user.password_hash):
        raise ValidationFailed(
            "current password is incorrect", details={"field": "current_password"}
        )
    if current_password == new_password:
        raise ValidationFailed("the new password must differ from the current one")
    await tokens.revoke_all(session, user_id=user.id)
    audit.record(
        session,
        kind=audit.AuditKind.PASSWORD_CHANGE,
        actor_user_id=user.id,
        target=f"user:{user.id}",
        ip=ip,
    )
    await users_service.set_password(
        session, user=user, password=new_password, settings=settings, cache=cache
    )
    issued = await tokens.issue(session, user=user, settings=settings, ip=ip, user_agent=user_agent)
    await session.commit()
    return issued
