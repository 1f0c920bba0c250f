"""Sessions: short-lived access JWTs and rotating, single-use refresh tokens.

One login starts a *family* (``family_id``, also the access token's ``sid`` claim and the key of
the CSRF token).  Refreshing marks the presented token used and issues the next one of the same
family; presenting a used token again means it was stolen or replayed, so the whole family is
revoked.  Access tokens carry ``tv`` (the user's ``token_version``): bumping it ends every
access token of the user on their next request.  Revoking a family (logout, reuse) ends its
access tokens too: the user's cached state lists the families revoked within an access token's
lifetime (:func:`revoked_families`), and the service that revokes invalidates that state after
committing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.auth import audit
from ollama_gateway.auth.deps import ACCESS_TOKEN_TYPE
from ollama_gateway.auth.models import RefreshToken
from ollama_gateway.core.config import Settings
from ollama_gateway.core.db import utcnow
from ollama_gateway.core.errors import Unauthorized
from ollama_gateway.core.security import encode_jwt, new_opaque_token, sha256_hex
from ollama_gateway.users import service as users_service
from ollama_gateway.users.models import User


class ReuseDetected(Unauthorized):
    """A used refresh token came back: its family has been revoked (and committed)."""

    def __init__(self, user_id: int) -> None:
        super().__init__("refresh token reuse detected: this session has been revoked")
        self.user_id = user_id


@dataclass(frozen=True)
class IssuedSession:
    access_token: str
    refresh_token: str
    expires_in: int
    family_id: str


def access_token_for(user: User, *, settings: Settings, family_id: str) -> str:
    return encode_jwt(
        secret=settings.secret_key,
        subject=str(user.id),
        token_type=ACCESS_TOKEN_TYPE,
        ttl_seconds=settings.access_token_expire_minutes * 60,
        claims={"role": user.role, "tv": user.token_version, "sid": family_id},
    )


async def issue(
    session: AsyncSession,
    *,
    user: User,
    settings: Settings,
    family_id: str | None = None,
    ip: str | None = None,
    user_agent: str | None = None,
) -> IssuedSession:
    """A new access token and refresh token (a new family unless ``family_id`` is given)."""
    family = family_id or uuid.uuid4().hex
    refresh, refresh_hash = new_opaque_token()
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=family,
            token_hash=refresh_hash,
            expires_at=utcnow() + timedelta(days=settings.refresh_token_expire_days),
            user_agent=user_agent[:300] if user_agent else None,
            ip=ip[:64] if ip else None,
        )
    )
    await session.flush()
    return IssuedSession(
        access_token=access_token_for(user, settings=settings, family_id=family),
        refresh_token=refresh,
        expires_in=settings.access_token_expire_minutes * 60,
        family_id=family,
    )


async def rotate(
    session: AsyncSession,
    *,
    refresh_token: str,
    settings: Settings,
    ip: str | None = None,
    user_agent: str | None = None,
) -> IssuedSession:
    """Exchange a refresh token for the next pair; reuse revokes the family (and commits)."""
    row = (
        await session.execute(
            select(RefreshToken).where(RefreshToken.token_hash == sha256_hex(refresh_token))
        )
    ).scalar_one_or_none()
    now = utcnow()
    if row is None:
        raise Unauthorized("invalid refresh token")
    if row.revoked_at is not None:
        raise Unauthorized("refresh token has been revoked")
    if row.used_at is not None:
        await revoke_family(session, family_id=row.family_id)
        audit.record(
            session,
            kind=audit.AuditKind.REFRESH_REUSE,
            actor_user_id=row.user_id,
            target=f"user:{row.user_id}",
            ip=ip,
            details={"family_id": row.family_id},
        )
        await session.commit()
        raise ReuseDetected(row.user_id)
    if row.expires_at <= now:
        raise Unauthorized("refresh token has expired")
    user = await users_service.get(session, user_id=row.user_id)
    if not user.is_active:
        raise Unauthorized("account is deactivated")
    claimed = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.id == row.id, RefreshToken.used_at.is_(None))
        .values(used_at=now)
    )
    if getattr(claimed, "rowcount", 1) != 1:  # a concurrent refresh won the race
        raise Unauthorized("refresh token already used")
    return await issue(
        session, user=user, settings=settings, family_id=row.family_id, ip=ip, user_agent=user_agent
    )


async def revoked_families(
    session: AsyncSession, *, user_id: int, settings: Settings
) -> frozenset[str]:
    """``user_id``'s session families revoked within an access token's lifetime (whose access
    tokens may still be unexpired; older ones' have all expired)."""
    since = utcnow() - timedelta(minutes=settings.access_token_expire_minutes)
    stmt = (
        select(RefreshToken.family_id)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at >= since)
        .distinct()
    )
    return frozenset((await session.execute(stmt)).scalars())


async def family_of(session: AsyncSession, *, refresh_token: str) -> RefreshToken | None:
    stmt = select(RefreshToken).where(RefreshToken.token_hash == sha256_hex(refresh_token))
    return (await session.execute(stmt)).scalar_one_or_none()


async def revoke_family(session: AsyncSession, *, family_id: str) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


async def revoke_all(
    session: AsyncSession, *, user_id: int, except_family: str | None = None
) -> None:
    """Revoke every refresh token of ``user_id`` (optionally keeping one family)."""
    stmt = (
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    if except_family is not None:
        stmt = stmt.where(RefreshToken.family_id != except_family)
    await session.execute(stmt)
