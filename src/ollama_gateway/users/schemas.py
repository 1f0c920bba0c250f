"""Request and response schemas of the users domain (profile and settings).

Every string has a length bound so overlong input is a 422, never a database error.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime
from typing import Annotated, Any, Literal

from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)

from ollama_gateway.catalog.schemas import URL_PATTERN
from ollama_gateway.core.principal import Principal

Username = Annotated[
    str, StringConstraints(min_length=3, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
]


_HOSTNAME = re.compile(r"([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z]{2,63}")


def _email(value: str) -> str:
    """An address as ``format: email`` means it: local and special-use domains
    (``admin@localhost``, the first admin's default; ``.test``) are addresses too, and
    deliverability is not checked."""
    local, _at, domain = value.rpartition("@")
    special = domain.lower().rsplit(".", 1)[-1] in SPECIAL_USE_DOMAIN_NAMES
    if special and not _HOSTNAME.fullmatch(domain):
        raise ValueError("value is not a valid email address: invalid domain")
    try:
        checked = validate_email(
            f"{local}@example.com" if special else value,
            check_deliverability=False,
            globally_deliverable=False,
            allow_quoted_local=True,
            allow_domain_literal=True,
        )
    except EmailNotValidError as exc:
        raise ValueError(f"value is not a valid email address: {exc}") from None
    if special:
        return f"{checked.local_part}@{domain.lower()}"
    return str(checked.normalized)


Email = Annotated[
    str,
    StringConstraints(max_length=254),
    AfterValidator(_email),
    WithJsonSchema({"type": "string", "format": "email", "maxLength": 254}),
]
Password = Annotated[str, StringConstraints(min_length=1, max_length=256)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class UserPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    email: str
    role: str
    is_active: bool
    created_at: datetime
    last_login_at: datetime | None


class UserUpdate(_Strict):
    """``PATCH /api/auth/me``: the fields a user may change about themself."""

    username: Username | None = None
    email: Email | None = None


class PasswordChange(_Strict):
    current_password: Password
    new_password: Password


class SettingsPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    default_model: str | None = None
    system_prompt: str | None = None
    theme: str | None = None
    extra: dict[str, Any] | None = None
    ollama_host: str | None = Field(
        default=None, description="The caller's own Ollama (used while an admin allows it)"
    )


#: Bounds of the settings' free-form ``extra``: deeper or larger is a 422 (a 300-deep object
#: was a 500 when stored, the JSON encoders' recursion limits).
MAX_EXTRA_DEPTH = 10
MAX_EXTRA_BYTES = 16_384


def _storable_extra(value: dict[str, Any]) -> dict[str, Any]:
    """``value`` if it is JSON every database stores: bounded depth and size, finite numbers
    (``json.loads`` accepts ``NaN`` and ``Infinity``, which PostgreSQL's JSON refuses)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_EXTRA_DEPTH:
            raise ValueError(f"nested deeper than {MAX_EXTRA_DEPTH} levels")
        for child in node.values() if isinstance(node, dict) else node:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1))
            elif isinstance(child, float) and not math.isfinite(child):
                raise ValueError("numbers must be finite (no NaN or Infinity)")
    size = len(json.dumps(value, separators=(",", ":")).encode())
    if size > MAX_EXTRA_BYTES:
        raise ValueError(f"{size} bytes as JSON, over the {MAX_EXTRA_BYTES}-byte limit")
    return value


class SettingsUpdate(_Strict):
    """``PUT /api/auth/me/settings``: replaces the settings (absent fields become empty)."""

    default_model: Annotated[str, StringConstraints(max_length=200)] | None = None
    system_prompt: Annotated[str, StringConstraints(max_length=20_000)] | None = None
    theme: Literal["light", "dark", "system"] | None = None
    extra: Annotated[dict[str, Any], AfterValidator(_storable_extra)] | None = Field(
        default=None,
        max_length=50,
        description=f"Free-form preferences: JSON nested at most {MAX_EXTRA_DEPTH} levels, "
        f"at most {MAX_EXTRA_BYTES} bytes as compact JSON, no NaN or Infinity",
    )
    ollama_host: Annotated[str, StringConstraints(max_length=500, pattern=URL_PATTERN)] | None = (
        Field(
            default=None,
            description="Your own Ollama URL for your generation requests. Only when an admin "
            "allows personal hosts (403 otherwise), and only addresses inside the allowed "
            "networks: loopback, link-local and the gateway's own addresses are refused (422)",
            examples=["http://192.168.1.100:11434"],
        )
    )


class PrincipalPublic(BaseModel):
    """The caller as authentication sees it (``GET /api/auth/whoami``)."""

    user_id: int
    username: str
    role: str
    method: str
    key_id: int | None
    permissions: list[str]
    allowed_models: list[str] | None

    @classmethod
    def from_principal(cls, principal: Principal) -> PrincipalPublic:
        return cls(
            user_id=principal.user_id,
            username=principal.username,
            role=principal.role.value,
            method=principal.method.value,
            key_id=principal.key_id,
            permissions=sorted(p.value for p in principal.permissions),
            allowed_models=(
                sorted(principal.allowed_models) if principal.allowed_models is not None else None
            ),
        )
