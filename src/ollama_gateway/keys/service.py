"""API keys: create (secret shown once), list, update, revoke, and resolve a key to a Principal.

Keys are stored as ``sha256`` plus a display prefix (``core.security.generate_api_key``).
:func:`load_principal` is the cache-miss path of authentication; every change that affects a
key's principal commits and then calls ``cache.invalidate_key`` so it applies on the next request.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.auth import audit
from ollama_gateway.core.config import LimitSet, Settings
from ollama_gateway.core.db import utcnow
from ollama_gateway.core.errors import NotFound, Unauthorized, ValidationFailed
from ollama_gateway.core.permissions import KEY_SCOPES, Permission, Role, permissions_for
from ollama_gateway.core.principal import AuthMethod, Principal
from ollama_gateway.core.security import generate_api_key
from ollama_gateway.keys.cache import PrincipalCache
from ollama_gateway.keys.models import ApiKey
from ollama_gateway.keys.schemas import ApiKeyCreate, ApiKeyPublic, ApiKeyUpdate
from ollama_gateway.users import service as users_service

MAX_KEYS_PER_USER = 100


class UnknownKey(Unauthorized):
    """The secret matches no key at all (as opposed to a revoked or expired one)."""


async def load_principal(
    session: AsyncSession, *, key_hash: str, settings: Settings
) -> tuple[Principal, float | None]:
    """The principal of a key and the key's expiry (epoch seconds); 401 with the reason."""
    key = (
        await session.execute(select(ApiKey).where(ApiKey.key_hash == key_hash))
    ).scalar_one_or_none()
    if key is None:
        raise UnknownKey("invalid API key")
    if key.revoked_at is not None:
        raise Unauthorized("API key has been revoked")
    if key.expires_at is not None and key.expires_at <= utcnow():
        raise Unauthorized("API key has expired")
    user = await users_service.get(session, user_id=key.user_id)
    if not user.is_active:
        raise Unauthorized("account is deactivated")
    role = Role(user.role)
    scopes = frozenset(Permission(s) for s in key.scopes) if key.scopes is not None else None
    principal = Principal(
        user_id=user.id,
        username=user.username,
        role=role,
        permissions=permissions_for(role, scopes),
        method=AuthMethod.API_KEY,
        key_id=key.id,
        allowed_models=frozenset(key.allowed_models) if key.allowed_models is not None else None,
        user_limits=users_service.effective_limits(user, settings),
        key_limits=LimitSet.model_validate(key.limits) if key.limits is not None else None,
        ollama_host=await users_service.personal_host(session, user_id=user.id, settings=settings),
    )
    expires = key.expires_at.timestamp() if key.expires_at is not None else None
    return principal, expires


def _check_scopes(scopes: list[Permission] | None, owner: Principal) -> None:
    if scopes is None:
        return
    bad = sorted(s.value for s in scopes if s not in KEY_SCOPES or not owner.can(s))
    if bad:
        allowed = sorted(p.value for p in KEY_SCOPES if owner.can(p))
        raise ValidationFailed(
            f"scopes not allowed for this key: {', '.join(bad)}",
            details={"invalid_scopes": bad, "allowed_scopes": allowed},
        )


def _check_expiry(expires_at: datetime | None) -> None:
    if expires_at is not None and (expires_at.tzinfo is None or expires_at <= utcnow()):
        raise ValidationFailed(
            "expires_at must be a future time with a timezone", details={"field": "expires_at"}
        )


def to_public(key: ApiKey, last_used: datetime | None = None) -> ApiKeyPublic:
    public = ApiKeyPublic.model_validate(key)
    if last_used is not None and (public.last_used_at is None or last_used > public.last_used_at):
        public.last_used_at = last_used
    now = utcnow()
    public.active = key.revoked_at is None and (key.expires_at is None or key.expires_at > now)
    return public


async def create(
    session: AsyncSession, *, owner: Principal, data: ApiKeyCreate, ip: str | None = None
) -> tuple[ApiKey, str]:
    """A new key for ``owner``; returns the row and the secret (to show once)."""
    _check_scopes(data.scopes, owner)
    _check_expiry(data.expires_at)
    count = await session.scalar(
        select(func.count())
        .select_from(ApiKey)
        .where(ApiKey.user_id == owner.user_id, ApiKey.revoked_at.is_(None))
    )
    if (count or 0) >= MAX_KEYS_PER_USER:
        raise ValidationFailed(f"at most {MAX_KEYS_PER_USER} active keys per user")
    new = generate_api_key()
    key = ApiKey(
        user_id=owner.user_id,
        name=data.name,
        description=data.description,
        prefix=new.prefix,
        key_hash=new.key_hash,
        expires_at=data.expires_at,
        allowed_models=data.allowed_models,
        scopes=[s.value for s in data.scopes] if data.scopes is not None else None,
        limits=data.limits.model_dump(exclude_unset=True) if data.limits is not None else None,
    )
    session.add(key)
    await session.flush()
    audit.record(
        session,
        kind=audit.AuditKind.KEY_CREATED,
        actor_user_id=owner.user_id,
        target=f"api_key:{key.id}",
        ip=ip,
        details={"name": key.name, "prefix": key.prefix},
    )
    return key, new.key


async def list_for_user(session: AsyncSession, *, user_id: int) -> list[ApiKey]:
    stmt = select(ApiKey).where(ApiKey.user_id == user_id).order_by(ApiKey.id)
    return list((await session.execute(stmt)).scalars())


async def get_owned(session: AsyncSession, *, key_id: int, user_id: int | None) -> ApiKey:
    """The key ``key_id`` if it belongs to ``user_id`` (any owner when ``None``); 404 otherwise."""
    key = await session.get(ApiKey, key_id)
    if key is None or (user_id is not None and key.user_id != user_id):
        raise NotFound("API key")
    return key


async def update(
    session: AsyncSession,
    *,
    owner: Principal,
    key_id: int,
    data: ApiKeyUpdate,
    cache: PrincipalCache,
    ip: str | None = None,
) -> ApiKey:
    key = await get_owned(session, key_id=key_id, user_id=owner.user_id)
    if key.revoked_at is not None:
        raise ValidationFailed("a revoked key cannot be changed")
    sent = data.model_fields_set
    if "scopes" in sent:
        _check_scopes(data.scopes, owner)
        key.scopes = [s.value for s in data.scopes] if data.scopes is not None else None
    if "expires_at" in sent:
        _check_expiry(data.expires_at)
        key.expires_at = data.expires_at
    if "name" in sent:
        if data.name is None:
            raise ValidationFailed("name cannot be null", details={"field": "name"})
        key.name = data.name
    if "description" in sent:
        key.description = data.description
    if "allowed_models" in sent:
        key.allowed_models = data.allowed_models
    if "limits" in sent:
        key.limits = data.limits.model_dump(exclude_unset=True) if data.limits else None
    audit.record(
        session,
        kind=audit.AuditKind.KEY_UPDATED,
        actor_user_id=owner.user_id,
        target=f"api_key:{key.id}",
        ip=ip,
        details={"fields": sorted(sent)},
    )
    await session.commit()
    cache.invalidate_key(key.id)
    return key


async def revoke(
    session: AsyncSession,
    *,
    key_id: int,
    owner_id: int | None,
    actor_user_id: int,
    cache: PrincipalCache,
    ip: str | None = None,
) -> ApiKey:
    """Revoke a key (``owner_id=None``: an admin revoking anyone's); next request gets 401."""
    key = await get_owned(session, key_id=key_id, user_id=owner_id)
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        audit.record(
            session,
            kind=audit.AuditKind.KEY_REVOKED,
            actor_user_id=actor_user_id,
            target=f"api_key:{key.id}",
            ip=ip,
            details={"owner_id": key.user_id, "prefix": key.prefix},
        )
        await session.commit()
    cache.invalidate_key(key.id)
    return key
