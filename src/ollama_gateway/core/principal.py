"""Who is calling: the frozen :class:`Principal` every authenticated request carries.

Built by the auth domain (from a JWT, a cookie session or a cached API key) and read by every other
domain; pure data so the hot path never touches the ORM to answer "may this caller do X".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ollama_gateway.core.config import LimitSet
from ollama_gateway.core.permissions import Permission, Role


class AuthMethod(StrEnum):
    API_KEY = "api_key"
    JWT = "jwt"
    COOKIE = "cookie"


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: int
    username: str
    role: Role
    permissions: frozenset[Permission]
    method: AuthMethod
    key_id: int | None = None
    #: ``None`` means every model the role may use; otherwise only these (the key's list).
    allowed_models: frozenset[str] | None = None
    #: Effective per-user limits (role defaults merged with the user's overrides).
    user_limits: LimitSet = field(default_factory=LimitSet)
    #: The key's own limits, applied on top of the user's; ``None`` when not using a key.
    key_limits: LimitSet | None = None
    #: The user's own Ollama URL (seed 004) while an admin allows personal hosts; their
    #: generation requests go there (``gateway.personal``) instead of the pool.
    ollama_host: str | None = None

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN
