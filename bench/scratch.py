"""What the large-data benchmarks (``chat_search.py``, ``usage_data.py``) share.

Their common options (``--backend``, ``--repeat``, ``--seed``, ``--postgres``), one run per
chosen backend, and :func:`scratch_database`: a work directory and an empty database of the
backend (a SQLite file in it, or a PostgreSQL database created next to ``--postgres``), removed
and dropped at the end whatever happens.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg


@dataclass(frozen=True)
class Scratch:
    backend: str
    workdir: Path
    url: str  # SQLAlchemy's URL of the database
    sqlite_path: Path | None  # the SQLite file, on SQLite
    dsn: str | None  # asyncpg's DSN, on PostgreSQL
    pg_name: str | None  # the PostgreSQL database's name


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--postgres",
        default="postgresql://postgres@127.0.0.1:5432/test",
        help="a database of the server to create the benchmark's database from",
    )


def run_backends(
    args: argparse.Namespace,
    run_backend: Callable[[str, argparse.Namespace], Awaitable[dict[str, Any]]],
) -> list[dict[str, Any]]:
    """``run_backend`` for each backend ``--backend`` names, one after the other."""
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]

    async def run_all() -> list[dict[str, Any]]:
        return [await run_backend(backend, args) for backend in backends]

    return asyncio.run(run_all())


@asynccontextmanager
async def scratch_database(backend: str, admin_dsn: str, prefix: str) -> AsyncIterator[Scratch]:
    workdir = Path(tempfile.mkdtemp(prefix=f"og-{prefix}-bench-{backend}-"))
    try:
        if backend == "sqlite":
            path = workdir / "gateway.db"
            yield Scratch(backend, workdir, f"sqlite+aiosqlite:///{path}", path, None, None)
            return
        pg_name = f"og_{prefix}_bench_{uuid.uuid4().hex[:8]}"
        admin = await asyncpg.connect(admin_dsn)
        await admin.execute(f'CREATE DATABASE "{pg_name}"')
        await admin.close()
        dsn = f"{admin_dsn.rsplit('/', 1)[0]}/{pg_name}"
        url = dsn.replace("postgresql://", "postgresql+asyncpg://")
        try:
            yield Scratch(backend, workdir, url, None, dsn, pg_name)
        finally:
            admin = await asyncpg.connect(admin_dsn)
            await admin.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
            await admin.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
