"""Request and response schemas of the auth domain (register, login, tokens)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StrictBool, StringConstraints

from ollama_gateway.users.schemas import Email, Password, Username

Login = Annotated[str, StringConstraints(min_length=1, max_length=254, strip_whitespace=True)]
Token = Annotated[str, StringConstraints(min_length=1, max_length=512)]


class RegisterRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: Username
    email: Email
    password: Password


class LoginRequest(BaseModel):
    """JSON login; ``username`` may also be the account's email.  ``remember`` sets cookies."""

    model_config = ConfigDict(extra="ignore")

    username: Login
    password: Password
    remember: StrictBool = False
    set_cookie: StrictBool = False


class RefreshRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refresh_token: Token | None = None


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"  # noqa: S105
    expires_in: int
    #: Present when browser cookies were set: echo it as ``X-CSRF-Token`` on unsafe requests.
    csrf_token: str | None = None
