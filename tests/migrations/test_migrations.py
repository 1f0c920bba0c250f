"""The migrations, applied in order, create exactly what the models declare (every table,
column, type and index), on SQLite and PostgreSQL, and downgrade cleanly to nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from ollama_gateway.core.db import Base, Database, alembic_config
from ollama_gateway.migrations import models  # registers every table


async def test_the_migrations_match_the_models(
    backend: str, fresh_database_url: Callable[[str], str]
) -> None:
    db = Database(fresh_database_url(backend))
    try:
        await db.migrate()

        def diffs(connection: Connection) -> list[Any]:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "render_as_batch": True,
                    "include_name": models.include_name,
                },
            )
            return list(compare_metadata(context, Base.metadata))

        def tables(connection: Connection) -> set[str]:
            return set(inspect(connection).get_table_names())

        async with db.engine.connect() as conn:
            assert await conn.run_sync(diffs) == []
            assert await conn.run_sync(tables) >= set(Base.metadata.tables)

        def downgrade(connection: Connection) -> None:
            cfg = alembic_config(db.url)
            cfg.attributes["connection"] = connection
            command.downgrade(cfg, "base")

        async with db.engine.begin() as conn:
            await conn.run_sync(downgrade)
        async with db.engine.connect() as conn:
            assert await conn.run_sync(tables) <= {"alembic_version"}
    finally:
        await db.dispose()
