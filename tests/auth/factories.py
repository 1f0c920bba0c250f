"""Factories of the auth domain: tokens for a user, and ready-made actors of every role.

``await make_actor(app, "developer")`` gives a user of that role with a password, an API key and
a fresh login session (access and refresh token), plus the headers to use each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import FastAPI

from ollama_gateway.auth import tokens
from ollama_gateway.auth.tokens import IssuedSession
from ollama_gateway.core.config import Settings
from ollama_gateway.users.models import User
from tests.keys.factories import make_key
from tests.users.factories import DEFAULT_PASSWORD, database, make_user

ROLES = ("admin", "developer", "user", "read-only")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def issue_tokens(app: FastAPI, user: User) -> IssuedSession:
    settings: Settings = app.state.settings
    async with database(app).session() as session:
        fresh = await session.get(User, user.id)
        assert fresh is not None
        return await tokens.issue(session, user=fresh, settings=settings)


@dataclass
class Actor:
    role: str
    user_id: int = 0
    username: str = "nobody"
    password: str = DEFAULT_PASSWORD
    access_token: str = ""
    refresh_token: str = "not-a-refresh-token"
    key: str = ""
    key_id: int = 0
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def anonymous(self) -> bool:
        return self.user_id == 0


async def make_actor(app: FastAPI, role: str) -> Actor:
    """A user of ``role`` (``"anonymous"``: no user, no credentials)."""
    if role == "anonymous":
        return Actor(role=role)
    user = await make_user(app, role=role)
    key, key_id = await make_key(app, user.id)
    issued = await issue_tokens(app, user)
    return Actor(
        role=role,
        user_id=user.id,
        username=user.username,
        access_token=issued.access_token,
        refresh_token=issued.refresh_token,
        key=key,
        key_id=key_id,
        headers=bearer(issued.access_token),
    )
