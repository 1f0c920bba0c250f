"""Alembic environment: runs on the connection handed over by ``Database.migrate``.

The models of every domain are imported here so autogenerate sees the whole schema.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from ollama_gateway.core.db import Base
from ollama_gateway.migrations import models  # registers every table

config = context.config
target_metadata = Base.metadata


def _configure(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=models.include_name,
    )


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    # Offline CLI use (`alembic revision --autogenerate`) with a synchronous driver URL.
    url = config.get_main_option("sqlalchemy.url") or ""
    url = url.replace("+aiosqlite", "").replace("+asyncpg", "+psycopg")
    config.set_main_option("sqlalchemy.url", url)
    engine = engine_from_config(
        config.get_section(config.config_ini_section) or {}, poolclass=pool.NullPool, url=url
    )
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()
        conn.commit()


run_migrations()
