"""The limit readout for a principal (own state) and for any user (admins).

Reading a user's limits for an admin touches the database (the user's role and override, their
keys' limits); the caller's own readout does not (the principal already carries its limits).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.core.config import LimitSet, Settings
from ollama_gateway.core.principal import Principal
from ollama_gateway.keys import service as keys_service
from ollama_gateway.ratelimit.limiter import Limiter, unlimited_state
from ollama_gateway.ratelimit.schemas import LimitState
from ollama_gateway.users import service as users_service


async def own_state(*, limiter: Limiter, principal: Principal, settings: Settings) -> LimitState:
    if not settings.rate_limit_enabled:
        return unlimited_state(principal.user_id, principal.key_id)
    return await limiter.state(principal)


async def user_state(
    session: AsyncSession, *, limiter: Limiter, user_id: int, settings: Settings
) -> LimitState:
    """A user's limits, their keys' own limits, and the use of each."""
    user = await users_service.get(session, user_id=user_id)
    if not settings.rate_limit_enabled:
        return unlimited_state(user.id, None)
    keys = [
        (key.id, LimitSet.model_validate(key.limits))
        for key in await keys_service.list_for_user(session, user_id=user.id)
        if key.limits and key.revoked_at is None
    ]
    return await limiter.state_of(user.id, users_service.effective_limits(user, settings), keys)
