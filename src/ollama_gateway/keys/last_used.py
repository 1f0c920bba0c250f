"""``last_used_at`` without a write per request: an in-memory map flushed in batches.

Authentication calls :meth:`LastUsedTracker.note` (a dictionary store); the background task of
``keys.background`` calls :meth:`LastUsedTracker.flush` every ``API_KEY_LAST_USED_FLUSH_SECONDS``
on its own session, and once more at shutdown.  A crash loses at most one interval of
``last_used_at`` updates, which is the accepted trade-off for zero SQL on the hot path.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime

from sqlalchemy import Table, bindparam, update

from ollama_gateway.core.db import Database
from ollama_gateway.keys.models import ApiKey

logger = logging.getLogger(__name__)


class LastUsedTracker:
    def __init__(self) -> None:
        self._pending: dict[int, float] = {}

    def note(self, key_id: int) -> None:
        self._pending[key_id] = time.time()

    def pending(self, key_id: int) -> datetime | None:
        """The not-yet-flushed last use of ``key_id`` (for listings)."""
        at = self._pending.get(key_id)
        return None if at is None else datetime.fromtimestamp(at, UTC)

    async def flush(self, db: Database) -> int:
        """Write the pending times in one batched UPDATE; returns how many keys were written."""
        if not self._pending:
            return 0
        batch, self._pending = self._pending, {}
        table = ApiKey.__table__
        assert isinstance(table, Table)
        stmt = (
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(last_used_at=bindparam("b_at"))
        )
        params = [
            {"b_id": key_id, "b_at": datetime.fromtimestamp(at, UTC)}
            for key_id, at in batch.items()
        ]
        try:
            async with db.session() as session:
                await session.execute(stmt, params)
        except Exception:
            logger.exception("could not record API key last use; will retry")
            for key_id, at in batch.items():
                self._pending.setdefault(key_id, at)
            return 0
        return len(params)
