"""``GET /api/admin/audit``: the audit trail, newest first, with filters and keyset paging.

It lists what ``auth.audit`` records: logins and failed logins (with the client address),
logouts, registrations, password changes and resets, role and status changes, keys created and
revoked, settings changes, model pulls, deletes, copies and creates, upstream changes and every
query-console statement.  Needs ``admin:logs`` (the admin role).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ollama_gateway.admin import audit_log
from ollama_gateway.admin.paging import CursorQuery, LimitQuery
from ollama_gateway.admin.schemas import AuditPage
from ollama_gateway.auth.audit import AuditKind
from ollama_gateway.auth.deps import require
from ollama_gateway.core.deps import SessionDep
from ollama_gateway.core.ids import RowId
from ollama_gateway.core.instants import Instant
from ollama_gateway.core.permissions import Permission
from ollama_gateway.core.principal import Principal

__all__ = ["router"]

router = APIRouter(prefix="/api/admin/audit", tags=["admin: audit"])

AuditAdmin = Annotated[Principal, require(Permission.ADMIN_LOGS)]


@router.get(
    "",
    response_model=AuditPage,
    summary="The audit trail, newest first (filters, keyset paging)",
)
async def list_audit(
    *,
    admin: AuditAdmin,
    session: SessionDep,
    kind: Annotated[list[AuditKind] | None, Query(max_length=40, description="Any of")] = None,
    actor_user_id: Annotated[RowId | None, Query()] = None,
    target: Annotated[
        str | None, Query(min_length=1, max_length=200, description="e.g. `user:12`")
    ] = None,
    since: Annotated[Instant | None, Query(alias="from", description="Inclusive")] = None,
    until: Annotated[Instant | None, Query(alias="to", description="Exclusive")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> AuditPage:
    filters = audit_log.AuditFilters(
        kinds=tuple(k.value for k in kind or ()),
        actor_user_id=actor_user_id,
        target=target,
        since=since,
        until=until,
    )
    items, next_cursor = await audit_log.list_page(
        session, filters=filters, limit=limit, cursor=cursor
    )
    return AuditPage(items=items, next_cursor=next_cursor)
