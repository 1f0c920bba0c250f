"""Who is calling: :func:`authenticate` and the typed dependencies built on it.

Credentials, first match wins:

1. ``Authorization: Bearer og-...`` or ``X-API-Key: og-...``: an API key, resolved through
   ``keys.cache`` (zero SQL once cached; a miss reads the key and its owner on a short session).
2. ``Authorization: Bearer <jwt>``: an access token (``sub`` user id, ``role``, ``tv`` token
   version, ``sid`` session family); the user's state comes from the same cache, and a token
   of a logged-out (revoked) session family is refused like one of an old token version.
3. The ``og_session`` cookie (browser): as 2., and unsafe methods need ``X-CSRF-Token``.

No credentials: ``None`` (``PrincipalDep`` answers 401).  Present but bad credentials always
answer 401 with the reason (invalid, expired, revoked, deactivated account: the same 401 for a
deactivated user's key and token); a bad CSRF token answers 403.  Nothing is written on failure.

``require(Permission.X)`` is a ``Depends`` usable both as ``Annotated[Principal, require(...)]``
and in ``dependencies=[require(...)]``; ``require(..., login=True)`` (and
:data:`LoginPrincipalDep`) also refuses API keys: managing the account and its keys needs a
login session (access token or cookie), so a key cannot mint keys that outlive its revocation
or take over its owner's account.  A key's scopes narrow its permissions
(``core.permissions.permissions_for``), so every ``require`` enforces them.

The security classes below are declared only so that ``/docs`` offers OAuth2 password, Bearer
and API-key "Authorize" (``auto_error=False``).
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, Any, cast

from fastapi import Depends, Request
from fastapi.params import Depends as DependsParam
from fastapi.security import (
    APIKeyCookie,
    APIKeyHeader,
    HTTPAuthorizationCredentials,
    HTTPBearer,
    OAuth2PasswordBearer,
)

from ollama_gateway.auth.cookies import CSRF_HEADER, SESSION_COOKIE
from ollama_gateway.core.config import Settings
from ollama_gateway.core.db import Database
from ollama_gateway.core.errors import Forbidden, Unauthorized
from ollama_gateway.core.openapi import raises
from ollama_gateway.core.permissions import Permission, permissions_for
from ollama_gateway.core.principal import AuthMethod, Principal
from ollama_gateway.core.security import (
    TokenError,
    csrf_valid,
    looks_like_api_key,
    sha256_hex,
)

if TYPE_CHECKING:
    from ollama_gateway.keys.cache import PrincipalCache, UserState
    from ollama_gateway.keys.last_used import LastUsedTracker

ACCESS_TOKEN_TYPE = "access"  # noqa: S105 (the JWT "type" claim)
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_UNSET = object()

oauth2_scheme = OAuth2PasswordBearer(
    tokenUrl="/api/auth/login", auto_error=False, scheme_name="OAuth2Password"
)
bearer_scheme = HTTPBearer(auto_error=False, scheme_name="Bearer")
api_key_scheme = APIKeyHeader(name="X-API-Key", auto_error=False, scheme_name="APIKey")
cookie_scheme = APIKeyCookie(name=SESSION_COOKIE, auto_error=False, scheme_name="SessionCookie")


async def authenticate(request: Request) -> Principal | None:
    """The caller of ``request`` (memoised per request); ``None`` without credentials."""
    state = request.scope.setdefault("state", {})
    cached = state.get("principal", _UNSET)
    if cached is not _UNSET:
        return cast(Principal | None, cached)
    principal = await _authenticate(request)
    state["principal"] = principal
    return principal


def _credential_headers(request: Request) -> tuple[str | None, str | None]:
    """The first ``Authorization`` and ``X-API-Key`` values, as ``request.headers.get`` gives
    them, from the raw headers (no ``Headers`` object on the gateway's hot path): a dict of
    them (built in C) when no name repeats, else one pass."""
    raw = request.scope["headers"]
    headers = dict(raw)
    if len(headers) == len(raw):
        authorization, api_key = headers.get(b"authorization"), headers.get(b"x-api-key")
        return (
            authorization.decode("latin-1") if authorization is not None else None,
            api_key.decode("latin-1") if api_key is not None else None,
        )
    authorization = api_key = None
    for name, value in raw:
        if name == b"authorization":
            if authorization is None:
                authorization = value.decode("latin-1")
        elif name == b"x-api-key" and api_key is None:
            api_key = value.decode("latin-1")
    return authorization, api_key


async def _authenticate(request: Request) -> Principal | None:
    header, api_key = _credential_headers(request)
    if header:
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise Unauthorized("Authorization header must be 'Bearer <token>'")
        if looks_like_api_key(token):
            return await _from_api_key(request, token)
        return await _from_access_token(request, token, AuthMethod.JWT)
    if api_key:
        return await _from_api_key(request, api_key.strip())
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        return await _from_access_token(request, cookie, AuthMethod.COOKIE)
    return None


def client_ip(request: Request) -> str | None:
    """The client address (``--proxy-headers`` makes uvicorn put the forwarded one here)."""
    return request.client.host if request.client else None


def _state(request: Request) -> tuple[Settings, Database, PrincipalCache]:
    app_state = request.app.state
    return app_state.settings, app_state.db, app_state.principal_cache


async def _from_api_key(request: Request, key: str) -> Principal:
    settings, db, cache = _state(request)
    key_hash = sha256_hex(key)
    entry = cache.get_key(key_hash)
    if entry is not None:
        principal, expires = entry.principal, entry.key_expires_at
    elif cache.is_unknown(key_hash):
        raise Unauthorized("invalid API key")
    else:
        from ollama_gateway.keys import service as keys_service

        generation = cache.generation
        try:
            async with db.sessionmaker() as session:
                principal, expires = await keys_service.load_principal(
                    session, key_hash=key_hash, settings=settings
                )
        except keys_service.UnknownKey:
            cache.put_unknown(key_hash)
            raise
        cache.put_key(key_hash, principal, key_expires_at=expires, generation=generation)
    assert principal.key_id is not None
    if expires is not None and time.time() >= expires:
        cache.invalidate_key(principal.key_id, publish=False)
        raise Unauthorized("API key has expired")
    tracker: LastUsedTracker = request.app.state.key_usage
    tracker.note(principal.key_id)
    return principal


async def user_state(request: Request, user_id: int) -> UserState | None:
    """The cached state of ``user_id`` (loaded on a miss); ``None`` if the user is gone."""
    settings, db, cache = _state(request)
    state = cache.get_user(user_id)
    if state is None:
        from ollama_gateway.auth import tokens
        from ollama_gateway.users import service as users_service

        generation = cache.generation
        async with db.sessionmaker() as session:
            state = await users_service.load_state(session, user_id=user_id, settings=settings)
            if state is not None:
                revoked = await tokens.revoked_families(session, user_id=user_id, settings=settings)
                state = replace(state, revoked_sessions=revoked)
        if state is not None:
            cache.put_user(state, generation=generation)
    return state


async def _from_access_token(request: Request, token: str, method: AuthMethod) -> Principal:
    settings = request.app.state.settings
    try:
        claims = request.app.state.access_tokens.claims(token)
        user_id = int(claims["sub"])
    except TokenError as exc:
        raise Unauthorized(f"access token rejected: {exc}") from None
    except (TypeError, ValueError):
        raise Unauthorized("access token rejected: invalid subject") from None
    if method is AuthMethod.COOKIE and request.method not in _SAFE_METHODS:
        sid = str(claims.get("sid", ""))
        if not sid or not csrf_valid(settings.secret_key, sid, request.headers.get(CSRF_HEADER)):
            raise Forbidden(
                "missing or invalid CSRF token (send the og_csrf cookie as X-CSRF-Token)"
            )
    request.scope["state"]["session_family"] = claims.get("sid")
    state = await user_state(request, user_id)
    if state is None:
        raise Unauthorized("access token rejected: user no longer exists")
    if not state.is_active:
        raise Unauthorized("account is deactivated")
    if claims.get("tv") != state.token_version or claims.get("sid") in state.revoked_sessions:
        raise Unauthorized("session has been revoked; log in again")
    return Principal(
        user_id=state.user_id,
        username=state.username,
        role=state.role,
        permissions=permissions_for(state.role),
        method=method,
        user_limits=state.limits,
        ollama_host=state.ollama_host,
    )


async def get_optional_principal(
    request: Request,
    _oauth2: Annotated[str | None, Depends(oauth2_scheme)],
    _bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
    _api_key: Annotated[str | None, Depends(api_key_scheme)],
    _cookie: Annotated[str | None, Depends(cookie_scheme)],
) -> Principal | None:
    return await authenticate(request)


async def get_principal(
    principal: Annotated[Principal | None, Depends(get_optional_principal)],
) -> Principal:
    if principal is None:
        raise Unauthorized("Not authenticated: send a Bearer token, an X-API-Key or log in")
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]
OptionalPrincipalDep = Annotated[Principal | None, Depends(get_optional_principal)]


def login_only(principal: Principal) -> Principal:
    """403 for a caller authenticated with an API key (see the module docstring)."""
    if principal.method is AuthMethod.API_KEY:
        raise Forbidden("this needs a login session (access token or cookie), not an API key")
    return principal


def demand(principal: Principal, *permissions: Permission, login: bool = False) -> Principal:
    """``principal`` if it holds every one of ``permissions`` (and, with ``login``, is not an
    API key), else 403: :func:`require`'s check, for a handler outside FastAPI's dependencies
    (the gateway's fast lane)."""
    missing = [p.value for p in permissions if not principal.can(p)]
    if missing:
        raise Forbidden(f"requires the {', '.join(missing)} permission", details=missing)
    return login_only(principal) if login else principal


def require(*permissions: Permission, login: bool = False) -> Any:
    """A dependency that answers 403 unless the caller holds every one of ``permissions``
    (and, with ``login``, is not an API key: :func:`login_only`)."""
    needed = tuple(permissions)

    @raises(403)
    async def _require(principal: PrincipalDep) -> Principal:
        return demand(principal, *needed, login=login)

    dependency: DependsParam = Depends(_require)
    return dependency


#: The caller, on a login session only (403 for an API key).
LoginPrincipalDep = Annotated[Principal, require(login=True)]
