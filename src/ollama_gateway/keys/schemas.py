"""Request and response schemas of API keys.  The secret appears only in :class:`ApiKeyCreated`."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ollama_gateway.core.config import LimitSet
from ollama_gateway.core.limits import Count
from ollama_gateway.core.permissions import Permission

KeyName = Annotated[str, StringConstraints(min_length=1, max_length=100, strip_whitespace=True)]
Description = Annotated[str, StringConstraints(max_length=1000)]
ModelName = Annotated[str, StringConstraints(min_length=1, max_length=200)]


#: A limit as input: ``null`` (unlimited) or a count (0: none allowed).
Limit = Count | None


class LimitsIn(LimitSet):
    """A :class:`LimitSet` as input: only the fields sent are stored; none may be negative
    (stated as ``minimum: 0`` in the schema, not checked after it)."""

    model_config = ConfigDict(extra="forbid")

    requests_per_minute: Limit = None
    requests_per_hour: Limit = None
    requests_per_day: Limit = None
    tokens_per_day: Limit = None
    tokens_per_month: Limit = None
    concurrent_streams: Limit = None


class _KeyFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: Description | None = None
    expires_at: datetime | None = None
    #: ``null``: every model the owner may use.
    allowed_models: list[ModelName] | None = Field(default=None, max_length=200)
    #: ``null``: the owner's permissions; otherwise a subset of the key scopes.
    scopes: list[Permission] | None = Field(default=None, max_length=20)
    limits: LimitsIn | None = None


class ApiKeyCreate(_KeyFields):
    name: KeyName


class ApiKeyUpdate(_KeyFields):
    """Only the fields sent change; ``null`` clears an optional field (e.g. removes the expiry)."""

    name: KeyName | None = None


class ApiKeyPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    description: str | None
    prefix: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None
    allowed_models: list[str] | None
    scopes: list[str] | None
    limits: dict[str, int | None] | None
    active: bool = True


class ApiKeyCreated(ApiKeyPublic):
    #: The secret, shown this once.
    key: str


class ApiKeyPage(BaseModel):
    items: list[ApiKeyPublic]
    total: int
