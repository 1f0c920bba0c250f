"""Runtime settings persistence: load the stored overrides, change them (audited), and the
cheap fingerprint the other processes poll.

``update`` commits the rows and the audit event together, applies the result to this process's
:class:`RuntimeSettings` at once; the caller then announces it on the change feed so the other
processes reload within a second.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.auth import audit
from ollama_gateway.core.config import Settings
from ollama_gateway.runtime.models import RuntimeSetting
from ollama_gateway.runtime.schemas import RuntimeSettingsPublic, RuntimeSettingsUpdate
from ollama_gateway.runtime.store import RuntimeSettings

#: API name -> ``Settings`` name, where they differ.
_STORED_AS = {"role_limits": "rate_limit_role_overrides"}
_ROLES = ("admin", "developer", "user", "read-only")


async def load(session: AsyncSession) -> tuple[dict[str, Any], datetime | None]:
    """Every stored override by name, and when the newest was written."""
    rows = (await session.scalars(select(RuntimeSetting))).all()
    newest = max((row.updated_at for row in rows), default=None)
    return {row.name: row.value for row in rows}, newest


async def fingerprint(session: AsyncSession) -> object:
    """Changes whenever a setting is written or reset (one indexed aggregate query)."""
    row = (
        await session.execute(
            select(func.count(), func.max(RuntimeSetting.updated_at)).select_from(RuntimeSetting)
        )
    ).one()
    return (row[0], row[1])


async def reload(session: AsyncSession, *, runtime: RuntimeSettings) -> bool:
    values, newest = await load(session)
    return await runtime.apply(values, updated_at=newest)


def _changes(data: RuntimeSettingsUpdate, current: Settings) -> dict[str, Any]:
    """The rows to write, by ``Settings`` name, as JSON."""
    changes: dict[str, Any] = {}
    for name, value in data.model_dump(exclude={"reset", "role_limits"}).items():
        if value is not None:
            changes[name] = value
    if data.role_limits is not None:
        merged = {
            role: limits.model_dump(exclude_unset=True)
            for role, limits in current.rate_limit_role_overrides.items()
        }
        for role, limits in data.role_limits.items():
            merged[role] = limits.model_dump(exclude_unset=True)
        changes["rate_limit_role_overrides"] = merged
    return changes


async def update(
    session: AsyncSession,
    *,
    runtime: RuntimeSettings,
    data: RuntimeSettingsUpdate,
    actor_user_id: int,
    ip: str | None,
) -> RuntimeSettingsPublic:
    """Store the changes and resets, audit them, apply them to this process."""
    changes = _changes(data, runtime.current)
    resets = sorted({_STORED_AS.get(name, name) for name in data.reset} - set(changes))
    if resets:
        await session.execute(delete(RuntimeSetting).where(RuntimeSetting.name.in_(resets)))
    for name, value in changes.items():
        row = await session.get(RuntimeSetting, name)
        if row is None:
            session.add(RuntimeSetting(name=name, value=value, updated_by=actor_user_id))
        else:
            row.value = value
            row.updated_by = actor_user_id
    before = {name: _json(getattr(runtime.current, name)) for name in (*changes, *resets)}
    audit.record(
        session,
        kind=audit.AuditKind.SYSTEM_SETTINGS_CHANGE,
        actor_user_id=actor_user_id,
        target="settings",
        ip=ip,
        details={"set": changes, "reset": resets, "before": before},
    )
    await session.commit()
    await reload(session, runtime=runtime)
    return public(runtime)


def _json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    dump = getattr(value, "model_dump", None)
    return dump(exclude_unset=True) if dump is not None else value


def public(runtime: RuntimeSettings) -> RuntimeSettingsPublic:
    current = runtime.current
    stored = set(runtime.overrides)
    api_names = {v: k for k, v in _STORED_AS.items()}
    return RuntimeSettingsPublic(
        registration_open=current.registration_open,
        default_role=current.default_role,
        role_limits={role: current.role_limits(role) for role in _ROLES},
        log_content=current.log_content,
        usage_retention_days=current.usage_retention_days,
        audit_retention_days=current.audit_retention_days,
        default_model=getattr(current, "default_model", None),
        user_hosts_enabled=current.user_hosts_enabled,
        user_hosts_allowlist=list(current.user_hosts_allowlist),
        overridden=sorted(api_names.get(name, name) for name in stored),
        updated_at=runtime.updated_at,
    )
