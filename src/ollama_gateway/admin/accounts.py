"""Account administration: list, create, change, delete and reset users (``admin.users``).

Keyword-only async functions, session first.  Every change that affects authentication (role,
active flag, limits, password, deletion) commits and *then* invalidates the principal cache
(``keys.cache``), which with ``REDIS_URL`` reaches every process at once (``keys.broadcast``)
and without it within ``PRINCIPAL_SYNC_SECONDS`` (``keys.sync``, which polls ``users.updated_at``
and the deletions in the audit trail): the user's very next request, JWT or key, sees it.

Two guards keep the gateway administrable: the last active admin cannot be demoted, deactivated
or deleted (409), and an admin cannot deactivate or delete themself (409).  The count of active
admins is read with ``FOR UPDATE`` on PostgreSQL, so two concurrent demotions cannot both pass;
SQLite serialises writers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.admin.paging import decode_cursor, encode_cursor
from ollama_gateway.admin.schemas import AdminUserCreate, AdminUserPublic, AdminUserUpdate
from ollama_gateway.auth import audit, tokens
from ollama_gateway.core.config import Settings
from ollama_gateway.core.db import utcnow
from ollama_gateway.core.errors import Conflict
from ollama_gateway.core.permissions import Role
from ollama_gateway.core.security import generate_password
from ollama_gateway.keys.cache import PrincipalCache
from ollama_gateway.keys.models import ApiKey
from ollama_gateway.usage.models import UsageRecord
from ollama_gateway.users import service as users_service
from ollama_gateway.users.models import User


@dataclass(frozen=True)
class Actor:
    """The admin making a change, and from where (for the audit trail)."""

    user_id: int
    ip: str | None = None


@dataclass(frozen=True)
class UserFilters:
    q: str | None = None
    role: Role | None = None
    active: bool | None = None


def _conditions(filters: UserFilters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if filters.q:
        pattern = f"%{_escape_like(filters.q.lower())}%"
        where.append(
            or_(
                func.lower(User.username).like(pattern, escape="\\"),
                func.lower(User.email).like(pattern, escape="\\"),
            )
        )
    if filters.role is not None:
        where.append(User.role == filters.role.value)
    if filters.active is not None:
        where.append(User.is_active.is_(filters.active))
    return where


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def list_users(
    session: AsyncSession, *, filters: UserFilters, limit: int, cursor: str | None
) -> tuple[list[AdminUserPublic], str | None, int]:
    """A page of users by id, the next page's cursor and the total matching the filters.

    Three statements per page whatever its size: the page, the total, and one grouped count
    each of keys and of today's requests for the users on the page.
    """
    where = _conditions(filters)
    stmt = select(User).where(*where).order_by(User.id).limit(limit + 1)
    if cursor is not None:
        (after,) = decode_cursor(cursor, int)
        stmt = stmt.where(User.id > after)
    users = list((await session.execute(stmt)).scalars())
    more = len(users) > limit
    users = users[:limit]
    total = int(await session.scalar(select(func.count()).select_from(User).where(*where)) or 0)
    items = await describe(session, users=users)
    next_cursor = encode_cursor(users[-1].id) if more and users else None
    return items, next_cursor, total


async def describe(session: AsyncSession, *, users: list[User]) -> list[AdminUserPublic]:
    """The public view of ``users`` with their key counts and today's requests (two queries)."""
    if not users:
        return []
    ids = [user.id for user in users]
    keys: dict[int | None, int] = {
        row[0]: row[1]
        for row in await session.execute(
            select(ApiKey.user_id, func.count())
            .where(ApiKey.user_id.in_(ids), ApiKey.revoked_at.is_(None))
            .group_by(ApiKey.user_id)
        )
    }
    now = utcnow()
    midnight = datetime.combine(now.date(), time.min, tzinfo=now.tzinfo)
    today: dict[int | None, int] = {
        row[0]: row[1]
        for row in await session.execute(
            select(UsageRecord.user_id, func.count())
            .where(UsageRecord.user_id.in_(ids), UsageRecord.started_at >= midnight)
            .group_by(UsageRecord.user_id)
        )
    }
    items = []
    for user in users:
        item = AdminUserPublic.model_validate(user)
        item.key_count = int(keys.get(user.id, 0))
        item.requests_today = int(today.get(user.id, 0))
        items.append(item)
    return items


async def get(session: AsyncSession, *, user_id: int) -> AdminUserPublic:
    user = await users_service.get(session, user_id=user_id)
    return (await describe(session, users=[user]))[0]


async def create(
    session: AsyncSession, *, data: AdminUserCreate, actor: Actor, settings: Settings
) -> tuple[User, str | None]:
    """A new account; returns it and the generated password (``None`` when one was given)."""
    generated = None if data.password is not None else generate_password()
    user = await users_service.create(
        session,
        username=data.username,
        email=str(data.email),
        password=data.password or generated or "",
        role=data.role,
        settings=settings,
    )
    audit.record(
        session,
        kind=audit.AuditKind.USER_CREATED,
        actor_user_id=actor.user_id,
        target=f"user:{user.id}",
        ip=actor.ip,
        details={"username": user.username, "role": user.role, "generated": generated is not None},
    )
    await session.commit()
    return user, generated


async def _guard_admins(session: AsyncSession, *, user: User, change: str) -> None:
    """409 when ``change`` would leave no active admin (``user`` is an active admin)."""
    if user.role != Role.ADMIN.value or not user.is_active:
        return
    stmt = (
        select(User.id)
        .where(User.role == Role.ADMIN.value, User.is_active.is_(True))
        .with_for_update()
    )
    if len((await session.execute(stmt)).all()) <= 1:
        raise Conflict(f"the last active admin cannot be {change}", details={"user_id": user.id})


async def update(
    session: AsyncSession,
    *,
    user_id: int,
    data: AdminUserUpdate,
    actor: Actor,
    cache: PrincipalCache,
) -> User:
    """Change role, active flag, email and limits (only the fields sent); audited."""
    user = await users_service.get(session, user_id=user_id)
    sent = data.model_fields_set
    role = data.role if "role" in sent else None
    active = data.is_active if "is_active" in sent else None
    if active is False and user.id == actor.user_id and user.is_active:
        raise Conflict("an admin cannot deactivate themselves")
    if role is not None and role is not Role.ADMIN:
        await _guard_admins(session, user=user, change="demoted")
    if active is False:
        await _guard_admins(session, user=user, change="deactivated")
    events: list[tuple[audit.AuditKind, dict[str, object]]] = []
    if role is not None and role.value != user.role:
        events.append((audit.AuditKind.ROLE_CHANGE, {"from": user.role, "to": role.value}))
        user.role = role.value
    if active is not None and active != user.is_active:
        kind = audit.AuditKind.USER_ACTIVATED if active else audit.AuditKind.USER_DEACTIVATED
        events.append((kind, {}))
        user.is_active = active
    if "email" in sent and data.email is not None and str(data.email).lower() != user.email:
        await users_service.update_profile(session, user=user, username=None, email=str(data.email))
        events.append((audit.AuditKind.USER_UPDATED, {"fields": ["email"]}))
    if "limits" in sent:
        user.limits = data.limits.model_dump(exclude_unset=True) if data.limits else None
        events.append((audit.AuditKind.LIMITS_CHANGE, {"limits": user.limits}))
    for kind, details in events:
        audit.record(
            session,
            kind=kind,
            actor_user_id=actor.user_id,
            target=f"user:{user.id}",
            ip=actor.ip,
            details=details or None,
        )
    await session.commit()
    cache.invalidate_user(user.id)
    return user


async def delete(
    session: AsyncSession, *, user_id: int, actor: Actor, cache: PrincipalCache
) -> None:
    """Delete the account: its keys, sessions, settings and chats go with it (foreign keys
    ``ON DELETE CASCADE``); its usage records stay for accounting (they carry no foreign key)."""
    user = await users_service.get(session, user_id=user_id)
    if user.id == actor.user_id:
        raise Conflict("an admin cannot delete themselves")
    await _guard_admins(session, user=user, change="deleted")
    keys = await session.scalar(
        select(func.count()).select_from(ApiKey).where(ApiKey.user_id == user.id)
    )
    audit.record(
        session,
        kind=audit.AuditKind.USER_DELETED,
        actor_user_id=actor.user_id,
        target=f"user:{user.id}",
        ip=actor.ip,
        details={"user_id": user.id, "username": user.username, "keys": int(keys or 0)},
    )
    await session.delete(user)
    await session.commit()
    cache.invalidate_user(user_id)


async def reset_password(
    session: AsyncSession,
    *,
    user_id: int,
    actor: Actor,
    settings: Settings,
    cache: PrincipalCache,
) -> str:
    """A generated password (returned once); every session and access token of the user ends."""
    user = await users_service.get(session, user_id=user_id)
    password = generate_password()
    await tokens.revoke_all(session, user_id=user.id)
    audit.record(
        session,
        kind=audit.AuditKind.PASSWORD_RESET,
        actor_user_id=actor.user_id,
        target=f"user:{user.id}",
        ip=actor.ip,
        details={"via": "admin"},
    )
    await users_service.set_password(
        session, user=user, password=password, settings=settings, cache=cache
    )
    return password
