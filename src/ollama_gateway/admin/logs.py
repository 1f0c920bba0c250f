"""``/api/admin/logs``: the request log (filters, keyset pages, CSV export) and one entry with
its logged content.  Every route needs ``admin:logs`` (the admin role)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from starlette.responses import Response, StreamingResponse

from ollama_gateway.admin import request_log
from ollama_gateway.admin.paging import CursorQuery, LimitQuery
from ollama_gateway.admin.schemas import LogDetail, LogPage
from ollama_gateway.auth.deps import require
from ollama_gateway.core.deps import DatabaseDep, SessionDep
from ollama_gateway.core.ids import BigRowId, RowId
from ollama_gateway.core.instants import Instant
from ollama_gateway.core.permissions import Permission
from ollama_gateway.core.principal import Principal

__all__ = ["router"]

router = APIRouter(prefix="/api/admin/logs", tags=["admin: logs"])

LogAdmin = Annotated[Principal, require(Permission.ADMIN_LOGS)]
_TEXT = Query(min_length=1, max_length=200)

_CSV_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "A page of the log (JSON), or every matching entry (`format=csv`)",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
}


@router.get(
    "",
    response_model=LogPage,
    responses=_CSV_DOC,
    summary="The request log, newest first (filters, keyset paging, CSV export)",
)
async def list_logs(
    *,
    admin: LogAdmin,
    session: SessionDep,
    db: DatabaseDep,
    user_id: Annotated[RowId | None, Query()] = None,
    key_id: Annotated[RowId | None, Query()] = None,
    model: Annotated[str | None, _TEXT] = None,
    route: Annotated[str | None, _TEXT] = None,
    status: Annotated[int | None, Query(ge=100, le=599)] = None,
    node: Annotated[str | None, _TEXT] = None,
    since: Annotated[Instant | None, Query(alias="from", description="Inclusive")] = None,
    until: Annotated[Instant | None, Query(alias="to", description="Exclusive")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    format: Literal["json", "csv"] = "json",
) -> Response | LogPage:
    filters = request_log.LogFilters(
        user_id=user_id,
        key_id=key_id,
        model=model,
        route=route,
        status=status,
        node=node,
        since=since,
        until=until,
    )
    if format == "csv":
        return StreamingResponse(
            request_log.csv_rows(db, filters=filters),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="request-log.csv"'},
        )
    items, next_cursor = await request_log.list_page(
        session, filters=filters, limit=limit, cursor=cursor
    )
    return LogPage(items=items, next_cursor=next_cursor)


@router.get(
    "/{record_id}",
    response_model=LogDetail,
    summary="One request, with its prompt and answer if content logging was on",
)
async def read_log(
    record_id: Annotated[BigRowId, Path()], admin: LogAdmin, session: SessionDep
) -> LogDetail:
    return await request_log.detail(session, record_id=record_id)
