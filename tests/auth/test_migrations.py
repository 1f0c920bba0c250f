"""Migration 0001 (accounts) creates exactly what the models declare, on SQLite and PostgreSQL,
and downgrades cleanly."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from ollama_gateway.core.db import Base, Database, alembic_config
from ollama_gateway.migrations import models  # noqa: F401  (registers every table)

ACCOUNT_TABLES = {"users", "user_settings", "refresh_tokens", "api_keys", "audit_events"}


def _table_of(diff: Any) -> str | None:
    item = diff[0] if isinstance(diff, list) else diff
    for part in item[1:]:
        name = getattr(part, "name", None) if not isinstance(part, str) else None
        table = getattr(part, "table", None)
        if table is not None and getattr(table, "name", None):
            return str(table.name)
        if name in ACCOUNT_TABLES:
            return str(name)
        if isinstance(part, str) and part in ACCOUNT_TABLES:
            return part
    return None


async def test_migration_0001_matches_the_models(
    backend: str, fresh_database_url: Callable[[str], str]
) -> None:
    db = Database(fresh_database_url(backend))
    try:
        await db.migrate("0001_accounts")

        def diffs(connection: Connection) -> list[Any]:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            return [d for d in compare_metadata(context, Base.metadata)
                    if _table_of(d) in ACCOUNT_TABLES]  # fmt: skip

        def tables(connection: Connection) -> set[str]:
            return set(inspect(connection).get_table_names())

        async with db.engine.connect() as conn:
            assert await conn.run_sync(diffs) == []
            assert await conn.run_sync(tables) >= ACCOUNT_TABLES

        def downgrade(connection: Connection) -> None:
            cfg = alembic_config(db.url)
            cfg.attributes["connection"] = connection
            command.downgrade(cfg, "base")

        async with db.engine.begin() as conn:
            await conn.run_sync(downgrade)
        async with db.engine.connect() as conn:
            assert not (ACCOUNT_TABLES & await conn.run_sync(tables))
    finally:
        await db.dispose()
