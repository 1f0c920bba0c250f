"""Retention: usage records older than ``USAGE_RETENTION_DAYS`` (90) and audit events older than
``AUDIT_RETENTION_DAYS`` (365) are deleted by a background job (``admin.lifespan``).

Deleting a year of records at once would hold the database's write lock (SQLite) or bloat one
transaction (PostgreSQL) for as long as it takes, stalling the usage writer: the job deletes in
batches of :data:`BATCH` rows by primary key, one short transaction each, with a pause between
them.  The usage rollups (hourly aggregates in their own table) are kept: totals and charts
over old periods stay right.  A record's logged content goes with it (``ON DELETE CASCADE``).
The limits are read from ``app.state.settings`` at each run, so a change made in the admin
settings applies at the next run.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select

from ollama_gateway.auth.models import AuditEvent
from ollama_gateway.core.db import Database, utcnow
from ollama_gateway.usage.models import UsageRecord

logger = logging.getLogger(__name__)

BATCH = 1000
#: Seconds between two batches: room for the usage writer and other writers.
PAUSE = 0.05


@dataclass(frozen=True)
class Purged:
    usage_records: int
    audit_events: int


async def _purge(db: Database, table: Any, time_column: Any, cutoff: datetime) -> int:
    """Delete the rows older than ``cutoff``, a batch at a time; how many went."""
    total = 0
    while True:
        oldest = select(table.id).where(time_column < cutoff).order_by(table.id).limit(BATCH)
        async with db.session() as session:
            result = await session.execute(delete(table).where(table.id.in_(oldest)))
        count = int(getattr(result, "rowcount", 0) or 0)
        total += count
        if count < BATCH:
            return total
        await asyncio.sleep(PAUSE)


async def purge(
    db: Database, *, usage_days: int, audit_days: int, now: datetime | None = None
) -> Purged:
    """One retention run."""
    now = now or utcnow()
    usage = await _purge(db, UsageRecord, UsageRecord.started_at, now - timedelta(days=usage_days))
    audit = await _purge(db, AuditEvent, AuditEvent.at, now - timedelta(days=audit_days))
    if usage or audit:
        logger.info("retention: deleted %d usage records and %d audit events", usage, audit)
    return Purged(usage_records=usage, audit_events=audit)
