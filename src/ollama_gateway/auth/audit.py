"""The audit trail: who did what to which account or key, from where.

Written by the account services (auth, users, keys) and the admin domain in the caller's
session (:func:`record`), so an event commits with the change it describes; actions with no
session to commit with use :func:`write` (its own short session).  Read by the admin domain
(``admin.audit``).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.auth.models import AuditEvent
from ollama_gateway.core.db import Database


class AuditKind(StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    REGISTER = "register"
    REFRESH_REUSE = "refresh_reuse"
    PASSWORD_CHANGE = "password_change"  # noqa: S105
    PASSWORD_RESET = "password_reset"  # noqa: S105
    PROFILE_CHANGE = "profile_change"
    SETTINGS_CHANGE = "settings_change"
    ROLE_CHANGE = "role_change"
    LIMITS_CHANGE = "limits_change"
    USER_CREATED = "user_created"
    USER_DEACTIVATED = "user_deactivated"
    USER_ACTIVATED = "user_activated"
    USER_DELETED = "user_deleted"
    KEY_CREATED = "key_created"
    KEY_UPDATED = "key_updated"
    KEY_REVOKED = "key_revoked"
    ADMIN_CREATED = "admin_created"
    USER_UPDATED = "user_updated"  # an admin changed a user's email
    SESSIONS_ENDED = "sessions_ended"
    # the operator's actions (written by the admin domain and the gateway's model management)
    SYSTEM_SETTINGS_CHANGE = "system_settings_change"
    UPSTREAM_CREATED = "upstream_created"
    UPSTREAM_UPDATED = "upstream_updated"
    UPSTREAM_DELETED = "upstream_deleted"
    MODEL_PULL = "model_pull"
    MODEL_PUSH = "model_push"
    MODEL_DELETE = "model_delete"
    MODEL_COPY = "model_copy"
    MODEL_CREATE = "model_create"
    MODEL_CATALOG_CHANGE = "model_catalog_change"
    QUERY = "query"
    CACHE_FLUSH = "cache_flush"


def record(
    session: AsyncSession,
    *,
    kind: AuditKind,
    actor_user_id: int | None,
    target: str | None = None,
    ip: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an event to ``session`` (it commits with the surrounding change)."""
    event = AuditEvent(
        kind=kind.value,
        actor_user_id=actor_user_id,
        target=target[:200] if target else None,
        ip=ip[:64] if ip else None,
        details=details,
    )
    session.add(event)
    return event


async def write(
    db: Database,
    *,
    kind: AuditKind,
    actor_user_id: int | None,
    target: str | None = None,
    ip: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Write one event on a short session of its own and commit it.

    For actions that have no session of their own to commit with: a query-console statement
    (run on a read-only connection), a model pull relayed by the gateway.
    """
    async with db.session() as session:
        record(
            session,
            kind=kind,
            actor_user_id=actor_user_id,
            target=target,
            ip=ip,
            details=details,
        )


async def list_events(
    session: AsyncSession,
    *,
    kinds: list[str] | None = None,
    actor_user_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[AuditEvent]:
    """Newest first, filtered; for the admin domain."""
    stmt = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if kinds:
        stmt = stmt.where(AuditEvent.kind.in_(kinds))
    if actor_user_id is not None:
        stmt = stmt.where(AuditEvent.actor_user_id == actor_user_id)
    if since is not None:
        stmt = stmt.where(AuditEvent.at >= since)
    if until is not None:
        stmt = stmt.where(AuditEvent.at < until)
    result = await session.execute(stmt.limit(min(limit, 1000)).offset(offset))
    return list(result.scalars())
