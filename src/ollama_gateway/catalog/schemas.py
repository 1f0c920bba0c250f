"""Pydantic schemas of the catalog: model access rules and stored upstream nodes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

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
        return None if value is None else http_url(value)


#: What an upstream URL may look like: http(s), a host, a port, a path; no credentials, query
#: or fragment (the schema says so too, so clients learn it from the OpenAPI document).
URL_PATTERN = r"^[hH][tT][tT][pP][sS]?://([A-Za-z0-9._~-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?$"


def http_url(value: str) -> str:
    """``value`` as an upstream base URL (trailing ``/`` dropped), or ``ValueError``."""
    value = value.strip().rstrip("/")
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise ValueError("must be an http:// or https:// URL with a valid port") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http:// or https:// URL")
    if parts.username is not None or parts.query or parts.fragment or port == 0:
        raise ValueError("must not carry credentials, a query or a fragment")
    return value


NodeKind = Literal["ollama", "openai"]
_NodeName = Annotated[
    str, StringConstraints(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
]
_Secret = Annotated[str, StringConstraints(max_length=500)]
_CaBundle = Annotated[str, StringConstraints(min_length=1, max_length=500)]


class UpstreamNodeCreate(_NodeFields):
    model_config = ConfigDict(extra="forbid")

    name: _NodeName
    url: str = Field(max_length=500, pattern=URL_PATTERN, examples=["http://127.0.0.1:11434"])
    enabled: bool = True
    max_in_flight: int | None = Field(default=None, ge=1, le=100_000)
    priority: int = Field(default=0, ge=-1000, le=1000, description="Higher is preferred")
    tls_verify: bool = Field(default=True, description="HTTPS: check the node's certificate")
    ca_bundle: _CaBundle | None = Field(
        default=None, description="HTTPS: PEM file on the gateway of the CA signing the node"
    )
    kind: NodeKind = "ollama"
    api_key: _Secret | None = Field(
        default=None, description="Secret sent to engines that need one; never shown again"
    )


class UpstreamNodeUpdate(_NodeFields):
    """Unset fields keep their value; ``api_key: ""`` removes the stored secret."""

    model_config = ConfigDict(extra="forbid")

    name: _NodeName | None = None
    url: str | None = Field(default=None, max_length=500, pattern=URL_PATTERN)
    enabled: bool | None = None
    max_in_flight: int | None = Field(default=None, ge=1, le=100_000)
    priority: int | None = Field(default=None, ge=-1000, le=1000)
    tls_verify: bool | None = None
    ca_bundle: _CaBundle | None = None
    kind: NodeKind | None = None
    api_key: _Secret | None = None


class UpstreamNodePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    url: str
    enabled: bool
    max_in_flight: int | None
    priority: int
    tls_verify: bool
    ca_bundle: str | None
    kind: str
    has_api_key: bool = Field(description="Whether a secret is stored (it is never returned)")
    created_at: datetime
    updated_at: datetime
