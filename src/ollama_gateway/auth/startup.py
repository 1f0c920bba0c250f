"""The auth domain's lifespan: the login throttle and the first admin.

``cli.py serve`` creates the first admin before the workers start; this does it again so that
``create_app`` alone (tests, ``uvicorn --factory``) also gets one.  A generated password is printed
once on the console, never logged.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI

from ollama_gateway.auth import bootstrap
from ollama_gateway.auth.throttle import MemoryThrottle
from ollama_gateway.core.config import Settings
from ollama_gateway.ratelimit.throttle import LimiterThrottle


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI, settings: Settings) -> AsyncIterator[None]:
    # The shared limiter (Redis when configured) when it is running, else the in-process log.
    limiter = getattr(app.state, "limiter", None)
    app.state.auth_throttle = LimiterThrottle(limiter) if limiter is not None else MemoryThrottle()
    password = await bootstrap.ensure_admin(app.state.db, settings)
    if password:
        bootstrap.print_generated_password(settings.admin_username, password)
    yield
