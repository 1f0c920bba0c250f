"""Background work repeated at an interval, for the lifespans: :func:`periodic`.

Several domains keep something fresh in the background (the catalog's reload, the API keys'
last-used flush, the account poll): wait ``interval``, run ``action``, log a failure and go on.
:func:`periodic` runs that loop as a task for as long as its context is open, then cancels and
awaits it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable

__all__ = ["periodic"]


@contextlib.asynccontextmanager
async def periodic(
    interval: float,
    action: Callable[[], Awaitable[object]],
    *,
    logger: logging.Logger,
    failure: str,
    log_interval: float = 0.0,
) -> AsyncIterator[None]:
    """Run ``action`` every ``interval`` seconds while the context is open.

    A failing run is logged as ``failure`` with its traceback (at most once per
    ``log_interval`` seconds) and the next run comes at the next interval.
    """

    async def repeat() -> None:
        last_log = -log_interval
        while True:
            await asyncio.sleep(interval)
            try:
                await action()
            except Exception:
                now = time.monotonic()
                if now - last_log >= log_interval:
                    last_log = now
                    logger.warning(failure, exc_info=True)

    task = asyncio.create_task(repeat())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
