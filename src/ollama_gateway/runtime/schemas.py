"""Schemas of the runtime settings: what ``GET|PATCH /api/admin/settings`` show and take.

``RuntimeOverrides`` is also the validator of stored values: a row the database holds is applied
only if it passes the same checks a ``PATCH`` does.
"""

from __future__ import annotations

import ipaddress
from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    field_validator,
)

from ollama_gateway.core.config import LimitSet, RoleName
from ollama_gateway.core.limits import Count
from ollama_gateway.core.netguard import always_refused_network

#: Roles self-registration may hand out (never ``admin``).
DefaultRole = Literal["developer", "user", "read-only"]
#: Roles whose default limits the admin API sets (``RATE_LIMIT_ROLE_OVERRIDES`` may hold admin's).
LimitedRole = Literal["developer", "user", "read-only"]
#: One network of the personal-host allowlist (checked further: a real CIDR, not loopback...).
_Network = Annotated[
    str, StringConstraints(min_length=2, max_length=49, pattern=r"^[0-9A-Fa-f:.]+(/[0-9]{1,3})?$")
]
ModelName = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
_Days = Annotated[StrictInt, Field(ge=1, le=36_500)]
_Count = Count


class RoleLimits(BaseModel):
    """Default limits of one role; a field left out keeps the global ``RATE_LIMIT_*`` value,
    ``null`` means unlimited, ``0`` means none allowed."""

    model_config = ConfigDict(extra="forbid")

    requests_per_minute: _Count | None = None
    requests_per_hour: _Count | None = None
    requests_per_day: _Count | None = None
    tokens_per_day: _Count | None = None
    tokens_per_month: _Count | None = None
    concurrent_streams: _Count | None = None


def _check_networks(value: list[str] | None) -> list[str] | None:
    if value is None:
        return None
    networks = []
    for item in value:
        try:
            network = ipaddress.ip_network(item.strip(), strict=False)
        except ValueError:
            raise ValueError(f"{item!r} is not a network (CIDR such as 10.0.0.0/8)") from None
        if always_refused_network(network):
            raise ValueError(
                f"{network} is loopback, link-local or otherwise never reachable by personal "
                "hosts (those addresses are refused whatever the allowlist says)"
            )
        networks.append(str(network))
    return networks


class RuntimeOverrides(BaseModel):
    """The settings an admin may change at run time, under their ``Settings`` names.

    Unset fields keep their current value.
    """

    model_config = ConfigDict(extra="forbid")

    registration_open: StrictBool | None = None
    default_role: DefaultRole | None = None
    rate_limit_role_overrides: dict[RoleName, RoleLimits] | None = None  # the env may limit admins
    log_content: StrictBool | None = None
    usage_retention_days: _Days | None = None
    audit_retention_days: _Days | None = None
    default_model: ModelName | None = None
    user_hosts_enabled: StrictBool | None = None
    user_hosts_allowlist: list[_Network] | None = Field(default=None, max_length=100)

    @field_validator("user_hosts_allowlist")
    @classmethod
    def _networks(cls, value: list[str] | None) -> list[str] | None:
        return _check_networks(value)


class RuntimeSettingsUpdate(BaseModel):
    """``PATCH /api/admin/settings``: fields left out (or null) keep their value; names listed in
    ``reset`` go back to the environment's value.  ``role_limits`` replaces the defaults of the
    roles it names (roles not named keep theirs)."""

    model_config = ConfigDict(extra="forbid")

    registration_open: StrictBool | None = None
    default_role: DefaultRole | None = None
    role_limits: dict[LimitedRole, RoleLimits] | None = Field(
        default=None,
        description="Default limits of these roles (admins are not limited from here: an "
        "operator must not lock the operators out)",
    )
    log_content: StrictBool | None = None
    usage_retention_days: _Days | None = None
    audit_retention_days: _Days | None = None
    default_model: ModelName | None = None
    user_hosts_enabled: StrictBool | None = None
    user_hosts_allowlist: list[_Network] | None = Field(
        default=None, max_length=100, examples=[["10.0.0.0/8", "192.168.1.0/24"]]
    )
    reset: list[SettingName] = Field(default_factory=list, max_length=20)

    @field_validator("user_hosts_allowlist")
    @classmethod
    def _networks(cls, value: list[str] | None) -> list[str] | None:
        return _check_networks(value)


SettingName = Literal[
    "registration_open",
    "default_role",
    "role_limits",
    "log_content",
    "usage_retention_days",
    "audit_retention_days",
    "default_model",
    "user_hosts_enabled",
    "user_hosts_allowlist",
]
RuntimeSettingsUpdate.model_rebuild()


class RuntimeSettingsPublic(BaseModel):
    """The effective values (environment, overridden by what an admin stored)."""

    registration_open: bool
    default_role: RoleName
    role_limits: dict[RoleName, LimitSet] = Field(
        description="Effective default limits of each role (null: unlimited)"
    )
    log_content: bool
    usage_retention_days: int
    audit_retention_days: int
    default_model: str | None
    user_hosts_enabled: bool
    user_hosts_allowlist: list[str]
    overridden: list[SettingName] = Field(
        description="Settings whose value comes from the database, not the environment"
    )
    updated_at: datetime | None
