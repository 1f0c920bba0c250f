"""The browser session: cookie names and how they are set and cleared.

* ``og_session``: the access JWT, HttpOnly, lives as long as the token.
* ``og_refresh``: the refresh token, HttpOnly, sent only to ``/api/auth``.
* ``og_csrf``: readable by the page's script, ``HMAC(secret, session family)``; every unsafe request
  authenticated by cookie must echo it in ``X-CSRF-Token`` (double submit, bound to the session).

All are ``SameSite=Lax`` and ``Secure`` when ``COOKIE_SECURE`` is set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import orjson
from starlette.responses import Response

from ollama_gateway.auth.schemas import TokenPair
from ollama_gateway.core.config import Settings
from ollama_gateway.core.security import csrf_token

if TYPE_CHECKING:
    from ollama_gateway.auth.tokens import IssuedSession

SESSION_COOKIE = "og_session"
REFRESH_COOKIE = "og_refresh"
CSRF_COOKIE = "og_csrf"
CSRF_HEADER = "x-csrf-token"
REFRESH_PATH = "/api/auth"


def set_session_cookies(
    response: Response,
    *,
    settings: Settings,
    access_token: str,
    refresh_token: str,
    family_id: str,
) -> str:
    """Set the three cookies; returns the CSRF token (also given in the JSON body)."""
    csrf = csrf_token(settings.secret_key, family_id)
    access_age = settings.access_token_expire_minutes * 60
    refresh_age = settings.refresh_token_expire_days * 86400
    response.set_cookie(
        SESSION_COOKIE,
        access_token,
        max_age=access_age,
        httponly=True,
        secure=settings.cookie_secure,
        samesite="lax",
        path="/",
    )
    response.set_cookie(
        REFRESH_COOKIE,
        refresh_token,
        max_age=refresh_age,
        httponly=True,
        secure=settings.cookie_secure,
        samesite="lax",
        path=REFRESH_PATH,
    )
    response.set_cookie(
        CSRF_COOKIE,
        csrf,
        max_age=refresh_age,
        httponly=False,
        secure=settings.cookie_secure,
        samesite="lax",
        path="/",
    )
    return csrf


def clear_session_cookies(response: Response, *, settings: Settings) -> None:
    for name, path in ((SESSION_COOKIE, "/"), (REFRESH_COOKIE, REFRESH_PATH), (CSRF_COOKIE, "/")):
        response.delete_cookie(
            name, path=path, secure=settings.cookie_secure, httponly=name != CSRF_COOKIE
        )


def token_response(issued: IssuedSession, *, settings: Settings, with_cookies: bool) -> Response:
    csrf = csrf_token(settings.secret_key, issued.family_id) if with_cookies else None
    body = TokenPair(
        access_token=issued.access_token,
        refresh_token=issued.refresh_token,
        expires_in=issued.expires_in,
        csrf_token=csrf,
    )
    response = Response(
        orjson.dumps(body.model_dump()),
        media_type="application/json",
        headers={"Cache-Control": "no-store"},
    )
    if with_cookies:
        set_session_cookies(
            response,
            settings=settings,
            access_token=issued.access_token,
            refresh_token=issued.refresh_token,
            family_id=issued.family_id,
        )
    return response
