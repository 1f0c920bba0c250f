"""``/api/admin/users``: list, create, read, change, delete users and reset their passwords.

Thin handlers over ``admin.accounts``; every route needs ``admin:users`` (the admin role).  A
generated password is answered once (create without ``password``, reset-password) and stored
only as its hash.  ``/api/admin/users/{id}/limits`` lives in ``ratelimit.router``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, status

from ollama_gateway.admin import accounts
from ollama_gateway.admin.paging import CursorQuery, LimitQuery
from ollama_gateway.admin.schemas import (
    AdminUserCreate,
    AdminUserCreated,
    AdminUserPage,
    AdminUserPublic,
    AdminUserUpdate,
    GeneratedPassword,
)
from ollama_gateway.auth.deps import client_ip, require
from ollama_gateway.core.deps import SessionDep, SettingsDep
from ollama_gateway.core.ids import RowId
from ollama_gateway.core.openapi import errors
from ollama_gateway.core.permissions import Permission, Role
from ollama_gateway.core.principal import Principal
from ollama_gateway.keys.deps import PrincipalCacheDep

__all__ = ["router"]

router = APIRouter(prefix="/api/admin/users", tags=["admin: users"])

UserAdmin = Annotated[Principal, require(Permission.ADMIN_USERS)]
UserId = Annotated[RowId, Path(description="User id")]


def _actor(request: Request, admin: Principal) -> accounts.Actor:
    return accounts.Actor(user_id=admin.user_id, ip=client_ip(request))


@router.get("", response_model=AdminUserPage, summary="List users")
async def list_users(
    *,
    admin: UserAdmin,
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=100, description="In username or email")] = None,
    role: Role | None = None,
    active: bool | None = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> AdminUserPage:
    filters = accounts.UserFilters(q=q, role=role, active=active)
    items, next_cursor, total = await accounts.list_users(
        session, filters=filters, limit=limit, cursor=cursor
    )
    return AdminUserPage(items=items, next_cursor=next_cursor, total=total)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=AdminUserCreated,
    responses=errors(409),
    summary="Create a user (a generated password is answered once)",
)
async def create_user(
    request: Request,
    data: AdminUserCreate,
    admin: UserAdmin,
    session: SessionDep,
    settings: SettingsDep,
) -> AdminUserCreated:
    user, generated = await accounts.create(
        session, data=data, actor=_actor(request, admin), settings=settings
    )
    public = await accounts.describe(session, users=[user])
    return AdminUserCreated(**public[0].model_dump(), password=generated)


@router.get("/{user_id}", response_model=AdminUserPublic, summary="One user")
async def read_user(user_id: UserId, admin: UserAdmin, session: SessionDep) -> AdminUserPublic:
    return await accounts.get(session, user_id=user_id)


@router.patch(
    "/{user_id}",
    response_model=AdminUserPublic,
    responses=errors(409),
    summary="Change a user's role, active flag, email or limits (applies on their next request)",
)
async def update_user(
    *,
    request: Request,
    user_id: UserId,
    data: AdminUserUpdate,
    admin: UserAdmin,
    session: SessionDep,
    cache: PrincipalCacheDep,
) -> AdminUserPublic:
    user = await accounts.update(
        session, user_id=user_id, data=data, actor=_actor(request, admin), cache=cache
    )
    return (await accounts.describe(session, users=[user]))[0]


@router.delete(
    "/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=errors(409),
    summary="Delete a user: their keys, sessions and chats go; usage records stay",
)
async def delete_user(
    request: Request,
    user_id: UserId,
    admin: UserAdmin,
    session: SessionDep,
    cache: PrincipalCacheDep,
) -> None:
    await accounts.delete(session, user_id=user_id, actor=_actor(request, admin), cache=cache)


@router.post(
    "/{user_id}/reset-password",
    response_model=GeneratedPassword,
    summary="Set a generated password (answered once) and end the user's sessions",
)
async def reset_password(
    *,
    request: Request,
    user_id: UserId,
    admin: UserAdmin,
    session: SessionDep,
    settings: SettingsDep,
    cache: PrincipalCacheDep,
) -> GeneratedPassword:
    password = await accounts.reset_password(
        session, user_id=user_id, actor=_actor(request, admin), settings=settings, cache=cache
    )
    return GeneratedPassword(password=password)
