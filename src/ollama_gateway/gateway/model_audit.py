"""The audit trail of model management through the gateway: pull, push, create, copy, delete.

``manage`` calls :func:`record` once per operation, after the upstream answered (for a pulled
stream: once its progress starts flowing), with the nodes it went to and the status.  The event
is written on a short session of its own (``auth.audit.write``); a failure to write it is
logged and does not fail the operation that already happened.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request

from ollama_gateway.auth import audit
from ollama_gateway.auth.deps import client_ip
from ollama_gateway.core.principal import Principal

__all__ = ["record"]

logger = logging.getLogger(__name__)

_KINDS = {
    "/api/pull": audit.AuditKind.MODEL_PULL,
    "/api/push": audit.AuditKind.MODEL_PUSH,
    "/api/create": audit.AuditKind.MODEL_CREATE,
    "/api/copy": audit.AuditKind.MODEL_COPY,
    "/api/delete": audit.AuditKind.MODEL_DELETE,
}


def _name(payload: dict[str, Any], *fields: str) -> str | None:
    for field in fields:
        value = payload.get(field)
        if isinstance(value, str) and value:
            return value[:200]
    return None


async def record(
    request: Request,
    principal: Principal,
    route: str,
    payload: dict[str, Any],
    *,
    nodes: list[str],
    status: int,
) -> None:
    kind = _KINDS.get(route)
    if kind is None:
        return
    if route == "/api/copy":
        model = _name(payload, "destination")
        details: dict[str, Any] = {"source": _name(payload, "source")}
    else:
        model = _name(payload, "model", "name")
        details = {}
        if route == "/api/create" and _name(payload, "from"):
            details["from"] = _name(payload, "from")
    details.update(nodes=nodes, status=status, key_id=principal.key_id)
    try:
        await audit.write(
            request.app.state.db,
            kind=kind,
            actor_user_id=principal.user_id,
            target=f"model:{model}" if model else None,
            ip=client_ip(request),
            details=details,
        )
    except Exception:
        logger.warning("could not audit %s of %s", route, model, exc_info=True)
