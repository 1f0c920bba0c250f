"""The first admin and the operator's account commands (``cli.py`` and ``auth.lifespan``).

There is no default password anywhere: the first admin gets ``ADMIN_PASSWORD`` or a generated one,
which the caller prints once.  :func:`ensure_admin` is idempotent and safe when several workers
start together: the unique username makes all but one insert fail, and the losers return ``None``.
"""

from __future__ import annotations

import logging

from ollama_gateway.auth import audit, tokens
from ollama_gateway.core.config import Settings
from ollama_gateway.core.db import Database
from ollama_gateway.core.errors import Conflict, NotFound
from ollama_gateway.core.permissions import Role
from ollama_gateway.core.security import generate_password
from ollama_gateway.users import service as users_service

logger = logging.getLogger(__name__)


async def ensure_admin(db: Database, settings: Settings) -> str | None:
    """Create the first admin if no active admin exists.

    Returns the generated password (for the caller to print once), or ``None`` when an admin
    existed, another worker created it, or the password came from ``ADMIN_PASSWORD``.
    """
    async with db.session() as session:
        if await users_service.count_active_admins(session) > 0:
            return None
    generated = None if settings.admin_password else generate_password()
    password = settings.admin_password or generated
    assert password is not None
    try:
        async with db.session() as session:
            existing = await users_service.find_by_login(session, login=settings.admin_username)
            if existing is not None:
                logger.warning(
                    "no active admin, and the username %r is taken by a non-admin account; "
                    "create one with `ollama-gateway create-admin`",
                    settings.admin_username,
                )
                return None
            user = await users_service.create(
                session,
                username=settings.admin_username,
                email=settings.admin_email,
                password=password,
                role=Role.ADMIN,
                settings=settings,
                check_policy=generated is None,
            )
            audit.record(
                session,
                kind=audit.AuditKind.ADMIN_CREATED,
                actor_user_id=None,
                target=f"user:{user.id}",
                details={"generated_password": generated is not None},
            )
    except Conflict:  # another worker created it first
        return None
    logger.warning("first admin %r created", settings.admin_username)
    return generated


async def create_admin(
    db: Database, settings: Settings, *, username: str, email: str, password: str | None
) -> str | None:
    """Create an admin account; returns the password if one was generated."""
    generated = None if password else generate_password()
    async with db.session() as session:
        user = await users_service.create(
            session,
            username=username,
            email=email,
            password=password or generated or "",
            role=Role.ADMIN,
            settings=settings,
        )
        audit.record(
            session,
            kind=audit.AuditKind.ADMIN_CREATED,
            actor_user_id=None,
            target=f"user:{user.id}",
            details={"via": "cli"},
        )
    return generated


async def reset_password(
    db: Database, settings: Settings, *, username: str, password: str | None
) -> str | None:
    """Set a user's password and revoke all their sessions; returns it if generated.

    Running servers learn of it at once through Redis when ``REDIS_URL`` is set (the user's
    cached state is invalidated); without Redis, at their next look for changed accounts
    (``PRINCIPAL_SYNC_SECONDS``, ``keys.sync``).  Refresh tokens stop working at once either way.
    """
    from ollama_gateway.keys.broadcast import channel_for, publish_once
    from ollama_gateway.keys.cache import PrincipalCache

    generated = None if password else generate_password()
    async with db.session() as session:
        user = await users_service.find_by_login(session, login=username)
        if user is None:
            raise NotFound("user")
        await tokens.revoke_all(session, user_id=user.id)
        audit.record(
            session,
            kind=audit.AuditKind.PASSWORD_RESET,
            actor_user_id=None,
            target=f"user:{user.id}",
            details={"via": "cli"},
        )
        await users_service.set_password(
            session,
            user=user,
            password=password or generated or "",
            settings=settings,
            cache=PrincipalCache(ttl_seconds=0),
        )
        user_id = user.id
    if settings.redis_url:
        channel = channel_for(settings.redis_key_prefix)
        await publish_once(settings.redis_url, "user", user_id, channel=channel)
    return generated


def print_generated_password(username: str, password: str) -> None:
    """Show a generated password once on the console (like ``cli.py`` does)."""
    bar = "=" * 64
    print(
        f"\n{bar}\n First admin created: username '{username}'\n"
        f" Generated password (shown once, change it after login): {password}\n{bar}\n",
        flush=True,
    )
