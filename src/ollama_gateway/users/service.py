"""Accounts: create, find, update, password, settings, and the cached :class:`UserState`.

Keyword-only async functions, session first.  Changes that affect authentication (role, active
flag, limits, password, deletion) commit and then invalidate the principal cache, so they take
effect on the user's very next request; see ``keys.cache``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.core.config import LimitSet, Settings
from ollama_gateway.core.errors import Conflict, NotFound, ValidationFailed
from ollama_gateway.core.permissions import Role
from ollama_gateway.core.security import PasswordPolicy, hash_password, password_problems
from ollama_gateway.keys.cache import PrincipalCache, UserState
from ollama_gateway.users.models import User, UserSettings
from ollama_gateway.users.schemas import SettingsUpdate


def password_policy(settings: Settings) -> PasswordPolicy:
    return PasswordPolicy(
        min_length=settings.password_min_length,
        require_uppercase=settings.password_require_uppercase,
        require_lowercase=settings.password_require_lowercase,
        require_digits=settings.password_require_digits,
        require_special=settings.password_require_special,
    )


def check_password(password: str, settings: Settings) -> None:
    """Raise 422 listing what the password lacks under the configured policy."""
    problems = password_problems(password, password_policy(settings))
    if problems:
        raise ValidationFailed(
            "password does not meet the policy: needs " + ", ".join(problems),
            details={"password": problems},
        )


def effective_limits(user: User, settings: Settings) -> LimitSet:
    override = LimitSet.model_validate(user.limits) if user.limits else None
    return settings.role_limits(user.role).merged(override)


def state_of(user: User, settings: Settings, *, ollama_host: str | None = None) -> UserState:
    return UserState(
        user_id=user.id,
        username=user.username,
        role=Role(user.role),
        is_active=user.is_active,
        token_version=user.token_version,
        limits=effective_limits(user, settings),
        ollama_host=ollama_host,
    )


async def personal_host(session: AsyncSession, *, user_id: int, settings: Settings) -> str | None:
    """The user's own Ollama URL, or ``None`` while an admin does not allow personal hosts."""
    if not settings.user_hosts_enabled:
        return None
    stmt = select(UserSettings.ollama_host).where(UserSettings.user_id == user_id)
    return await session.scalar(stmt)


async def load_state(
    session: AsyncSession, *, user_id: int, settings: Settings
) -> UserState | None:
    user = await session.get(User, user_id)
    if user is None:
        return None
    host = await personal_host(session, user_id=user_id, settings=settings)
    return state_of(user, settings, ollama_host=host)


async def changed_since(session: AsyncSession, *, since: datetime) -> list[tuple[int, datetime]]:
    """``(id, updated_at)`` of the users changed after ``since``, and ``(id, deleted at)`` of
    those deleted since then (for ``keys.sync``).

    A deleted user has no row left to show a new ``updated_at``: the deletion is read from the
    audit trail (``user_deleted`` events, written in the deleting transaction, indexed on
    ``(kind, at)``).
    """
    from ollama_gateway.auth.models import AuditEvent

    stmt = select(User.id, User.updated_at).where(User.updated_at > since)
    changed = [(row[0], row[1]) for row in await session.execute(stmt)]
    deleted = select(AuditEvent.target, AuditEvent.at).where(
        AuditEvent.kind == "user_deleted", AuditEvent.at > since
    )
    for target, at in await session.execute(deleted):
        kind, _, ident = (target or "").partition(":")
        if kind == "user" and ident.isdigit():
            changed.append((int(ident), at))
    return changed


async def get(session: AsyncSession, *, user_id: int) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise NotFound("user")
    return user


async def find_by_login(session: AsyncSession, *, login: str) -> User | None:
    """The user whose username or email (case-insensitive) is ``login``."""
    lowered = login.strip().lower()
    stmt = select(User).where(
        or_(func.lower(User.username) == lowered, func.lower(User.email) == lowered)
    )
    return (await session.execute(stmt.limit(1))).scalar_one_or_none()


async def _ensure_unique(
    session: AsyncSession, *, username: str | None, email: str | None, exclude_id: int | None
) -> None:
    for column, value, label in (
        (User.username, username, "username"),
        (User.email, email, "email"),
    ):
        if value is None:
            continue
        stmt = select(User.id).where(func.lower(column) == value.lower())
        if exclude_id is not None:
            stmt = stmt.where(User.id != exclude_id)
        if (await session.execute(stmt.limit(1))).first() is not None:
            raise Conflict(f"{label} is already taken", details={"field": label})


async def create(
    session: AsyncSession,
    *,
    username: str,
    email: str,
    password: str,
    role: Role | str,
    settings: Settings,
    check_policy: bool = True,
) -> User:
    if check_policy:
        check_password(password, settings)
    await _ensure_unique(session, username=username, email=email, exclude_id=None)
    user = User(
        username=username,
        email=email.lower(),
        password_hash=hash_password(password),
        role=Role(role).value,
        is_active=True,
        token_version=0,
    )
    session.add(user)
    await session.flush()
    return user


async def update_profile(
    session: AsyncSession, *, user: User, username: str | None, email: str | None
) -> User:
    """Change the username and/or email; 409 if another account holds either."""
    email = email.lower() if email is not None else None
    await _ensure_unique(session, username=username, email=email, exclude_id=user.id)
    if username is not None:
        user.username = username
    if email is not None:
        user.email = email
    await session.flush()
    return user


async def set_password(
    session: AsyncSession, *, user: User, password: str, settings: Settings, cache: PrincipalCache
) -> None:
    """Set a new password and bump ``token_version`` (every access token stops working).

    Commits, then invalidates the cached user state; refresh tokens are the auth domain's to revoke.
    """
    check_password(password, settings)
    user.password_hash = hash_password(password)
    user.token_version += 1
    await session.commit()
    cache.invalidate_user(user.id)


async def update_account(
    session: AsyncSession,
    *,
    user_id: int,
    cache: PrincipalCache,
    role: Role | None = None,
    is_active: bool | None = None,
    limits: LimitSet | None = None,
    clear_limits: bool = False,
) -> User:
    """Admin changes to role, active flag and limits; effective on the user's next request."""
    user = await get(session, user_id=user_id)
    if role is not None:
        user.role = role.value
    if is_active is not None:
        user.is_active = is_active
    if clear_limits:
        user.limits = None
    elif limits is not None:
        user.limits = limits.model_dump(exclude_unset=True)
    await session.commit()
    cache.invalidate_user(user.id)
    return user


async def delete(session: AsyncSession, *, user_id: int, cache: PrincipalCache) -> None:
    user = await get(session, user_id=user_id)
    await session.delete(user)
    await session.commit()
    cache.invalidate_user(user_id)


async def get_user_settings(session: AsyncSession, *, user_id: int) -> UserSettings:
    row = await session.get(UserSettings, user_id)
    return row if row is not None else UserSettings(user_id=user_id)


async def put_user_settings(
    session: AsyncSession, *, user_id: int, data: SettingsUpdate
) -> UserSettings:
    row = await session.get(UserSettings, user_id)
    if row is None:
        row = UserSettings(user_id=user_id)
        session.add(row)
    values: dict[str, Any] = data.model_dump()
    for name, value in values.items():
        setattr(row, name, value)
    await session.flush()
    return row


async def count_active_admins(session: AsyncSession) -> int:
    stmt = (
        select(func.count())
        .select_from(User)
        .where(User.role == Role.ADMIN.value, User.is_active.is_(True))
    )
    return int((await session.execute(stmt)).scalar_one())
