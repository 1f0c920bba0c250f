"""Schemas of the admin users, keys, request-log and audit routes.

Request models are strict where pydantic's lax mode would be looser than the published schema
(a boolean given as ``0``, an integer given as ``false``): what ``/openapi.json`` refuses, the
route refuses too.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from ollama_gateway.core.config import LimitSet
from ollama_gateway.core.limits import Count
from ollama_gateway.core.permissions import Role
from ollama_gateway.users.schemas import Email, Password, Username

__all__ = [
    "AdminKeyPage",
    "AdminKeyPublic",
    "AdminUserCreate",
    "AdminUserCreated",
    "AdminUserPage",
    "AdminUserPublic",
    "AdminUserUpdate",
    "AuditEntry",
    "AuditPage",
    "GeneratedPassword",
    "LogContent",
    "LogDetail",
    "LogEntry",
    "LogPage",
    "StrictLimits",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- users -----------------------------------------------------------------------------------
class AdminUserPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    email: str
    role: Role
    is_active: bool
    created_at: datetime
    last_login_at: datetime | None
    #: The user's own limit override (only the fields set); ``null``: the role's defaults.
    limits: dict[str, int | None] | None = None
    #: Keys not revoked.
    key_count: int = 0
    #: Requests since midnight UTC.
    requests_today: int = 0


class AdminUserPage(BaseModel):
    items: list[AdminUserPublic]
    next_cursor: str | None
    #: Users matching the filters (all pages).
    total: int


class AdminUserCreate(_Strict):
    username: Username
    email: Email
    role: Role = Role.USER
    #: Absent: a strong password is generated and answered once, in ``password``.
    password: Password | None = None


class AdminUserCreated(AdminUserPublic):
    #: The generated password, shown this once (``null`` when the request set one).
    password: str | None = None


#: A limit as input: ``null`` (unlimited) or a whole number (``core.limits.Count``).
WholeLimit = Count | None


class StrictLimits(LimitSet):
    """A user's own limits; only those sent are stored."""

    model_config = ConfigDict(extra="forbid")

    requests_per_minute: WholeLimit = None
    requests_per_hour: WholeLimit = None
    requests_per_day: WholeLimit = None
    tokens_per_day: WholeLimit = None
    tokens_per_month: WholeLimit = None
    concurrent_streams: WholeLimit = None


class AdminUserUpdate(_Strict):
    """Only the fields sent change; ``limits: null`` removes the user's own limits."""

    role: Role | None = None
    is_active: StrictBool | None = None
    email: Email | None = None
    limits: StrictLimits | None = None


class GeneratedPassword(BaseModel):
    #: The new password, shown this once.
    password: str


# -- keys ------------------------------------------------------------------------------------
class AdminKeyPublic(BaseModel):
    id: int
    user_id: int
    owner: str
    name: str
    prefix: str
    scopes: list[str] | None
    allowed_models: list[str] | None
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None
    revoked: bool
    active: bool


class AdminKeyPage(BaseModel):
    items: list[AdminKeyPublic]
    next_cursor: str | None
    total: int = Field(description="Keys matching the filters (all pages)")


# -- request log -----------------------------------------------------------------------------
class LogEntry(BaseModel):
    """One gateway request, as metered (``usage_records``)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    started_at: datetime
    user_id: int | None
    #: The user's name now (``null`` once the user is deleted).
    username: str | None = None
    key_id: int | None
    model: str | None
    route: str
    #: The node that answered.
    upstream: str | None
    status: int
    latency_ms: float
    ttft_ms: float | None
    prompt_tokens: int
    completion_tokens: int
    cache_hit: bool
    error: str | None
    request_id: str | None


class LogPage(BaseModel):
    items: list[LogEntry]
    next_cursor: str | None


class LogContent(BaseModel):
    prompt: str | None
    response: str | None
    #: Either text was cut to ``LOG_CONTENT_MAX_BYTES``.
    truncated: bool


class LogDetail(LogEntry):
    #: The request's text, when content logging was on for it.
    content: LogContent | None = None


# -- audit -----------------------------------------------------------------------------------
class AuditEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    kind: str
    actor_user_id: int | None
    #: The actor's name now (``null`` for none, or once deleted).
    actor: str | None = None
    target: str | None
    #: The client address of the request that caused the event.
    ip: str | None
    details: dict[str, Any] | None


class AuditPage(BaseModel):
    items: list[AuditEntry]
    next_cursor: str | None
