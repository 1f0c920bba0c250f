"""The holder of the live catalog snapshot (``app.state.catalog``) and its hot reload.

``reload`` rebuilds the snapshot on a short session of its own and, when the stored nodes
changed, tells the subscribers (the upstream pool) so they apply the new list in place.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from ollama_gateway.catalog.snapshot import CatalogSnapshot
from ollama_gateway.core.db import Database

logger = logging.getLogger(__name__)

Listener = Callable[[CatalogSnapshot], Awaitable[None]]


class CatalogStore:
    def __init__(self, db: Database) -> None:
        self._db = db
        self.snapshot = CatalogSnapshot()
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` with the new snapshot whenever the stored nodes change."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    async def reload(self) -> CatalogSnapshot:
        from ollama_gateway.catalog import service

        async with self._db.sessionmaker() as session:
            fresh = await service.load_snapshot(session)
        return await self.publish(fresh)

    async def publish(self, fresh: CatalogSnapshot) -> CatalogSnapshot:
        old = self.snapshot
        if fresh.models == old.models and fresh.nodes == old.nodes:
            return old
        snapshot = CatalogSnapshot(models=fresh.models, nodes=fresh.nodes, version=old.version + 1)
        self.snapshot = snapshot
        if snapshot.nodes != old.nodes:
            for listener in list(self._listeners):
                try:
                    await listener(snapshot)
                except Exception:
                    logger.exception("catalog listener failed")
        return snapshot
