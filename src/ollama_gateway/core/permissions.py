"""Roles and permissions: pure data, the one place where roles are defined.

A principal's effective permissions are its role's, narrowed by an API key's scopes when the
request is authenticated with a key.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    DEVELOPER = "developer"
    USER = "user"
    READ_ONLY = "read-only"


class Permission(StrEnum):
    GENERATE = "generate"  # /api/generate, /api/chat, /api/embed*, /v1 completions
    CHATS_WRITE = "chats:write"  # create chats and send messages in the portal
    CHATS_READ = "chats:read"  # read own chats
    MODELS_VIEW = "models:view"
    MODELS_MANAGE = "models:manage"  # pull, copy, create, push
    MODELS_DELETE = "models:delete"
    API_KEYS = "api_keys"  # own API keys
    USAGE_READ = "usage:read"  # own usage
    ANALYTICS_READ = "analytics:read"  # own analytics
    ADMIN_USERS = "admin:users"
    ADMIN_KEYS = "admin:keys"
    ADMIN_LOGS = "admin:logs"
    ADMIN_SYSTEM = "admin:system"  # upstreams, model catalog, settings, query, cache flush
    METRICS_READ = "metrics:read"


_READ_ONLY = frozenset({Permission.MODELS_VIEW, Permission.CHATS_READ, Permission.USAGE_READ})
_USER = _READ_ONLY | {Permission.GENERATE, Permission.CHATS_WRITE}
_DEVELOPER = _USER | {Permission.API_KEYS, Permission.ANALYTICS_READ, Permission.MODELS_MANAGE}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.DEVELOPER: frozenset(_DEVELOPER),
    Role.USER: frozenset(_USER),
    Role.READ_ONLY: _READ_ONLY,
}

#: Scopes a key may be narrowed to (a subset of the owner's permissions).
KEY_SCOPES: frozenset[Permission] = frozenset(
    {
        Permission.GENERATE,
        Permission.MODELS_VIEW,
        Permission.MODELS_MANAGE,
        Permission.MODELS_DELETE,
        Permission.USAGE_READ,
    }
)


def permissions_for(
    role: Role, scopes: frozenset[Permission] | None = None
) -> frozenset[Permission]:
    granted = ROLE_PERMISSIONS[role]
    return granted if scopes is None else granted & scopes
