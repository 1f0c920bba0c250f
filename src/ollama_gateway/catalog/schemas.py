"""Pydantic schemas of the catalog: model access rules and stored upstream nodes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ollama_gateway.core.config import RoleName


class CatalogModelUpdate(BaseModel):
    """Fields of a model's access rule; unset fields keep their value."""

    enabled: bool | None = None
    allowed_roles: list[RoleName] | None = Field(
        default=None, description="Roles that may use the model; null for every role"
    )
    description: str | None = Field(default=None, max_length=1000)


class CatalogModelPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    name: str
    enabled: bool
    allowed_roles: list[str] | None
    description: str | None
    updated_at: datetime


class _NodeFields(BaseModel):
    @field_validator("url", check_fields=False)
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None:
            return value
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")) or len(value.split("://", 1)[1]) == 0:
            raise ValueError("must be an http:// or https:// URL")
        return value


class UpstreamNodeCreate(_NodeFields):
    name: str = Field(min_length=1, max_length=100)
    url: str = Field(max_length=500, examples=["http://127.0.0.1:11434"])
    enabled: bool = True
    max_in_flight: int | None = Field(default=None, ge=1, le=100_000)


class UpstreamNodeUpdate(_NodeFields):
    name: str | None = Field(default=None, min_length=1, max_length=100)
    url: str | None = Field(default=None, max_length=500)
    enabled: bool | None = None
    max_in_flight: int | None = Field(default=None, ge=1, le=100_000)


class UpstreamNodePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    url: str
    enabled: bool
    max_in_flight: int | None
    created_at: datetime
    updated_at: datetime
