"""Pydantic schemas of the catalog: model access rules and stored upstream nodes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    field_validator,
)

from ollama_gateway.core.config import RoleName


class CatalogModelUpdate(BaseModel):
    """Fields of a model's access rule; unset fields keep their value."""

    enabled: StrictBool | None = None
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


def _ipv6_pattern() -> str:
    """Exactly the IPv6 addresses ``ipaddress`` (hence ``urlsplit``) takes: eight groups, or
    fewer around one ``::``, the last two groups possibly a dotted IPv4 address."""
    group = "[0-9A-Fa-f]{1,4}"
    octet = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
    ipv4 = rf"{octet}(\.{octet}){{3}}"
    forms = [rf"({group}:){{7}}{group}", rf"({group}:){{6}}{ipv4}"]
    for left in range(8):
        head = "" if left == 0 else rf"({group}:){{{left - 1}}}{group}"
        forms.append(rf"{head}::(({group}:){{0,{6 - left}}}{group})?" if left < 7 else f"{head}::")
        if left <= 5:
            forms.append(rf"{head}::({group}:){{0,{5 - left}}}{ipv4}")
    return "(" + "|".join(forms) + ")"


_PORT = "(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})"
#: What an upstream URL may look like: http(s), a host (a name or a bracketed IPv6 address), a
#: port 1-65535, a path; no credentials, query or fragment.  Exactly what ``http_url`` takes,
#: so the schema states what the server accepts.
URL_PATTERN = (
    r"^[hH][tT][tT][pP][sS]?://([A-Za-z0-9._~-]+|\[" + _ipv6_pattern() + r"\])(:" + _PORT + ")?"
    r"(/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?$"
)


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
#: Sent as ``Authorization: Bearer <key>``: printable ASCII only (``""`` removes a stored key).
_Secret = Annotated[str, StringConstraints(max_length=500, pattern=r"^[\x21-\x7e]*$")]
_CaBundle = Annotated[str, StringConstraints(min_length=1, max_length=500)]


class UpstreamNodeCreate(_NodeFields):
    model_config = ConfigDict(extra="forbid")

    name: _NodeName
    url: str = Field(max_length=500, pattern=URL_PATTERN, examples=["http://127.0.0.1:11434"])
    enabled: StrictBool = True
    max_in_flight: StrictInt | None = Field(default=None, ge=1, le=100_000)
    priority: StrictInt = Field(default=0, ge=-1000, le=1000, description="Higher is preferred")
    tls_verify: StrictBool = Field(default=True, description="HTTPS: check the node's certificate")
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
    enabled: StrictBool | None = None
    max_in_flight: StrictInt | None = Field(default=None, ge=1, le=100_000)
    priority: StrictInt | None = Field(default=None, ge=-1000, le=1000)
    tls_verify: StrictBool | None = None
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
