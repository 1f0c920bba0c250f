"""Schemas of ``/api/admin/upstreams``: a node's configuration with its live state."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field


class NodeHealth(BaseModel):
    """What this process's upstream pool knows of the node right now."""

    healthy: bool | None = Field(description="null: not checked yet")
    version: str | None
    models: list[str]
    in_flight: int
    max_in_flight: int
    breaker_open: bool
    last_error: str | None
    checked_at: datetime | None


class UpstreamAdminPublic(BaseModel):
    """A node: stored (``id`` set, editable) or from ``OLLAMA_API_BASE_URL`` (``id`` null)."""

    id: int | None
    source: Literal["database", "environment"]
    name: str
    url: str
    enabled: bool
    max_in_flight: int | None
    priority: int
    tls_verify: bool
    ca_bundle: str | None
    kind: str
    has_api_key: bool = Field(description="Whether a secret is stored (it is never returned)")
    created_at: datetime | None
    updated_at: datetime | None
    status: NodeHealth | None = Field(description="null while the node is disabled")
