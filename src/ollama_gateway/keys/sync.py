"""The database poll that keeps the principal cache true to changes made elsewhere.

Changes made through this server invalidate its cache at once (and, with ``REDIS_URL``, other
servers' through ``keys.broadcast``).  What no message reaches: ``ollama-gateway
reset-password`` or other account changes made without Redis, another worker of a server run
without Redis, a message published while Redis was down.  Every ``PRINCIPAL_SYNC_SECONDS`` this
task asks the database for users whose ``updated_at`` moved and drops them (and their keys)
from the cache, so such a change applies within that time instead of the cache TTL.

``updated_at`` is written by whichever process made the change, with its own clock: each look
goes back ``OVERLAP`` seconds before the newest change already seen, so a writer whose clock is a
little behind is not missed; a change already handled is not handled twice.  The poll is one
indexed query off the request path; ``keys.background`` runs :meth:`UserSync.look` with
``core.periodic`` (a failing look is logged at most once a minute and retried at the next
interval).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ollama_gateway.core.db import Database, utcnow
from ollama_gateway.keys.cache import PrincipalCache
from ollama_gateway.users import service as users_service

OVERLAP = timedelta(seconds=5)


class UserSync:
    """Invalidates the cached state of users changed in the database since the last look."""

    def __init__(self, cache: PrincipalCache, db: Database) -> None:
        self._cache = cache
        self._db = db
        #: Nothing cached can predate the server's start: changes before it are irrelevant.
        self._newest: datetime = utcnow()
        #: Changes seen within the overlap window: user id -> its ``updated_at``.
        self._seen: dict[int, datetime] = {}

    async def look(self) -> int:
        """One look; the number of users invalidated."""
        async with self._db.sessionmaker() as session:
            rows = await users_service.changed_since(session, since=self._newest - OVERLAP)
        dropped = 0
        for user_id, updated_at in rows:
            if self._seen.get(user_id) != updated_at:
                self._seen[user_id] = updated_at
                self._cache.invalidate_user(user_id, publish=False)
                dropped += 1
            self._newest = max(self._newest, updated_at)
        horizon = self._newest - OVERLAP
        self._seen = {uid: at for uid, at in self._seen.items() if at > horizon}
        return dropped
