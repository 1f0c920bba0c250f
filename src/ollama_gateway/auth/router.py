"""``/api/auth``: register, login (form or JSON), refresh, logout.

Login answers ``access_token``, ``refresh_token``, ``token_type`` and ``expires_in``; with
``?cookie=true`` (or JSON ``remember``/``set_cookie``) it also sets the browser cookies of
``auth.cookies`` and returns the CSRF token.  Login and register are throttled per client IP and
(login) per username: ``RATE_LIMIT_AUTH_PER_MINUTE`` attempts, then 429 with ``Retry-After``.
"""

from __future__ import annotations

from typing import Annotated, Any, cast

import orjson
from fastapi import APIRouter, Body, Query, Request, status
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.responses import Response

from ollama_gateway.auth import service
from ollama_gateway.auth.cookies import (
    CSRF_HEADER,
    REFRESH_COOKIE,
    clear_session_cookies,
    token_response,
)
from ollama_gateway.auth.deps import authenticate, client_ip
from ollama_gateway.auth.schemas import LoginRequest, RefreshRequest, RegisterRequest, TokenPair
from ollama_gateway.auth.throttle import AuthThrottle
from ollama_gateway.core.config import Settings
from ollama_gateway.core.deps import DatabaseDep, SessionDep, SettingsDep
from ollama_gateway.core.errors import RateLimited, Unauthorized
from ollama_gateway.core.openapi import errors
from ollama_gateway.users.schemas import UserPublic

router = APIRouter(prefix="/api/auth", tags=["account"])

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
_LOGIN_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": LoginRequest.model_json_schema()},
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "required": ["username", "password"],
                    "properties": {
                        "username": {"type": "string", "description": "username or email"},
                        "password": {"type": "string", "format": "password"},
                    },
                }
            },
        },
    }
}


async def _throttle(request: Request, settings: Settings, *keys: str) -> None:
    throttle = cast(AuthThrottle, request.app.state.auth_throttle)
    waits = [
        wait
        for key in keys
        if (wait := await throttle.hit(key, limit=settings.rate_limit_auth_per_minute, window=60))
    ]
    if waits:
        retry = int(max(waits))
        raise RateLimited(
            "too many attempts; try again later",
            retry_after=retry,
            details={"retry_after": retry},
        )


async def _login_data(request: Request) -> LoginRequest:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in _FORM_TYPES:
        form = await request.form()
        raw: Any = {k: form.get(k) for k in ("username", "password") if k in form}
    else:
        try:
            raw = orjson.loads(await request.body())
        except orjson.JSONDecodeError:
            raise RequestValidationError(
                [{"type": "json_invalid", "loc": ("body",), "msg": "Malformed JSON body"}]
            ) from None
    try:
        return LoginRequest.model_validate(raw)
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
        raise RequestValidationError(errors) from None


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=UserPublic,
    responses=errors(403, 429),
    summary="Create an account (when registration is open)",
)
async def register(
    request: Request, data: RegisterRequest, session: SessionDep, settings: SettingsDep
) -> UserPublic:
    ip = client_ip(request)
    await _throttle(request, settings, f"register:ip:{ip}")
    user = await service.register(
        session,
        username=data.username,
        email=str(data.email),
        password=data.password,
        settings=settings,
        ip=ip,
    )
    return UserPublic.model_validate(user)


@router.post(
    "/login",
    response_model=TokenPair,
    openapi_extra=_LOGIN_BODY,
    responses=errors(401, 429),
    summary="Log in with username (or email) and password, as a form or JSON",
)
async def login(
    request: Request,
    db: DatabaseDep,
    settings: SettingsDep,
    cookie: Annotated[bool, Query(description="also set the browser session cookies")] = False,
) -> Response:
    data = await _login_data(request)
    ip = client_ip(request)
    await _throttle(request, settings, f"login:ip:{ip}", f"login:user:{data.username.lower()}")
    issued = await service.login(
        db,
        login=data.username,
        password=data.password,
        settings=settings,
        ip=ip,
        user_agent=request.headers.get("user-agent"),
    )
    with_cookies = cookie or data.remember or data.set_cookie
    return token_response(issued, settings=settings, with_cookies=with_cookies)


@router.post(
    "/refresh",
    response_model=TokenPair,
    responses=errors(401, 403),
    summary="Rotate a refresh token (403: a cookie's refresh without its CSRF token)",
)
async def refresh(
    request: Request,
    db: DatabaseDep,
    settings: SettingsDep,
    data: Annotated[RefreshRequest | None, Body()] = None,
) -> Response:
    token = data.refresh_token if data else None
    from_cookie = token is None
    token = token or request.cookies.get(REFRESH_COOKIE)
    if not token:
        raise Unauthorized("no refresh token given")
    issued = await service.refresh(
        db,
        refresh_token=token,
        settings=settings,
        csrf=request.headers.get(CSRF_HEADER),
        require_csrf=from_cookie,
        ip=client_ip(request),
        user_agent=request.headers.get("user-agent"),
        cache=request.app.state.principal_cache,
    )
    return token_response(issued, settings=settings, with_cookies=from_cookie)


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=errors(403),
    summary="Revoke this session's refresh tokens and clear the cookies",
)
async def logout(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    data: Annotated[RefreshRequest | None, Body()] = None,
) -> Response:
    try:  # an expired access token must not prevent logging out
        principal = await authenticate(request)
    except Unauthorized:
        principal = None
    token = (data.refresh_token if data else None) or request.cookies.get(REFRESH_COOKIE)
    await service.logout(
        session,
        refresh_token=token,
        principal=principal,
        family_id=request.scope.get("state", {}).get("session_family") if principal else None,
        ip=client_ip(request),
        cache=request.app.state.principal_cache,
    )
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_session_cookies(response, settings=settings)
    return response
