"""A turn's database work: its read, its writes before the stream, checkpoints, and its end.

:class:`TurnStore` (``TurnManager.store``) is what ``chats.turns`` and ``chats.runner`` call:

* :meth:`TurnStore.load`: the owned chat, the owner's settings and the context's messages;
* :meth:`TurnStore.begin`: the question and the pending answer stored, the chat claimed
  (:class:`Conflict` when a turn runs in it, :class:`NotFound` when it is gone);
* :meth:`TurnStore.checkpoint`: the partial text (at most every ``CHAT_CHECKPOINT_SECONDS``);
* :meth:`TurnStore.finish`: the answer's end, the chat released.

The steps are ``chats.steps`` (each written once for both backends; the number of statements
does not depend on the chat's length), run by ``chats.runners`` as plain SQL on connections of
the store's own, not through SQLAlchemy: measured (``bench/turn_floor.py``), a turn's database
work costs a tenth of the CPU that way.  On PostgreSQL the common steps are one statement each
(``steps.pg_load``, ``steps.pg_begin``, the fused ``finish``): one round trip, no transaction
around it.  Timestamps are stored as SQLAlchemy's ``UTCDateTime`` stores them, so the ORM reads
what the store writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from functools import partial
from typing import Any, Literal

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import update
from sqlalchemy.pool import QueuePool

from ollama_gateway.chats import steps
from ollama_gateway.chats.images import Image
from ollama_gateway.chats.models import Chat
from ollama_gateway.chats.runners import PostgresRunner, Runner, SqliteRunner
from ollama_gateway.chats.steps import CURRENT, Begun, ChatRow, Context, Loaded
from ollama_gateway.core.db import Database
from ollama_gateway.core.errors import NotFound

__all__ = ["CURRENT", "Begun", "ChatRow", "Context", "Loaded", "TurnStore", "retitle"]


class TurnStore:
    """A turn's database steps (module docstring), on the application's database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        #: PostgreSQL: the common steps as one statement each (module docstring).
        self._fused = db.engine.dialect.name == "postgresql"
        keep = db.engine.pool.size() if isinstance(db.engine.pool, QueuePool) else 10
        self._runner: Runner = (
            PostgresRunner(db, keep=keep, limit=2 * keep) if self._fused else SqliteRunner(db)
        )

    async def load(
        self, *, chat_id: int, user_id: int, leaf: int | Literal["current"] | None, limit: int
    ) -> Loaded | None:
        """The chat if ``user_id`` owns it, with the owner's settings and the context."""
        load = steps.pg_load if self._fused else steps.load
        loaded: Loaded | None = await self._runner.run(
            partial(load, chat_id, user_id, leaf, limit), write=False, atomic=False
        )
        return loaded

    async def begin(
        self,
        chat: ChatRow,
        *,
        parent_id: int | None,
        content: str | None,
        images: Sequence[Image] = (),
        copy_images_from: int | None = None,
        model: str,
        title: str | None = None,
        context_images: list[int] | None = None,
    ) -> Begun:
        """Store the question (``content``; None: regenerate the stored question ``parent_id``)
        and the pending answer, and claim the chat (:class:`Conflict` if a turn runs in it;
        :class:`NotFound` if it was deleted since it was loaded)."""
        try:
            if self._fused and content is not None and not images and copy_images_from is None:
                script = partial(steps.pg_begin, chat, parent_id=parent_id, content=content,
                                 model=model, title=title,
                                 context_images=context_images or [])  # fmt: skip
                begun: Begun = await self._runner.run(script, atomic=False)
                return begun
            begun = await self._runner.run(
                partial(
                    steps.begin,
                    chat,
                    parent_id=parent_id,
                    content=content,
                    images=images,
                    copy_images_from=copy_images_from,
                    model=model,
                    title=title,
                    context_images=context_images or [],
                )
            )
        except (sqlite3.IntegrityError, asyncpg.IntegrityConstraintViolationError):
            raise NotFound("chat") from None
        return begun

    async def close(self) -> None:
        await self._runner.close()

    async def checkpoint(self, *, message_id: int, content: str) -> None:
        await self._runner.run(partial(steps.checkpoint, message_id, content), atomic=False)

    async def finish(
        self,
        *,
        chat_id: int,
        message_id: int,
        content: str,
        status: str,
        error: str | None,
        figures: dict[str, Any],
    ) -> None:
        """The answer's final state, and the chat released (nothing if the chat was deleted)."""
        await self._runner.run(
            partial(
                steps.finish,
                chat_id=chat_id,
                message_id=message_id,
                content=content,
                status=status,
                error=error,
                figures=figures,
                fused=self._fused,
            ),
            atomic=not self._fused,
        )


async def retitle(db: Database, *, chat_id: int, title: str) -> None:
    """The title model's proposal, unless the user titled the chat meanwhile."""
    async with db.session() as session:
        await session.execute(
            update(Chat).where(Chat.id == chat_id, Chat.titled.is_(False)).values(title=title)
        )
