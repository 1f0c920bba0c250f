"""SQLite through ``core.sqlite_driver``: the results SQLAlchemy sees, and one hand-off to the
connection's thread per statement."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import text

from ollama_gateway.core.db import Database
from ollama_gateway.core.errors import Conflict


@pytest.fixture
async def db(tmp_path: Path) -> Any:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'driver.db'}")
    async with database.session() as session:
        await session.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)"))
    yield database
    await database.engine.dispose()


async def test_rows_counts_and_returning(db: Database) -> None:
    async with db.session() as session:
        returned = await session.execute(
            text("INSERT INTO t (name) VALUES ('a'), ('b'), ('c') RETURNING id, name")
        )
        assert sorted(returned.all()) == [(1, "a"), (2, "b"), (3, "c")]
        changed = await session.execute(text("UPDATE t SET name = name || '!' WHERE id > 1"))
        assert changed.rowcount == 2  # type: ignore[attr-defined]
        rows = await session.execute(text("SELECT name FROM t ORDER BY id"))
        assert rows.scalars().all() == ["a", "b!", "c!"]
        assert (await session.execute(text("SELECT name FROM t WHERE id = 99"))).first() is None


async def test_many_parameters_and_rollback(db: Database) -> None:
    async with db.session() as session:
        await session.execute(
            text("INSERT INTO t (name) VALUES (:name)"), [{"name": "x"}, {"name": "y"}]
        )

    async def clash() -> None:
        async with db.session() as session:
            await session.execute(text("INSERT INTO t (name) VALUES ('z')"))
            await session.execute(text("INSERT INTO t (name) VALUES ('x')"))

    with pytest.raises(Conflict):  # the unique name: the whole transaction is rolled back
        await clash()
    async with db.session() as session:
        names = (await session.execute(text("SELECT name FROM t ORDER BY name"))).scalars()
        assert names.all() == ["x", "y"]


def _count_hand_offs(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """From now on, each call handed to a connection's thread is appended to the list."""
    calls: list[object] = []
    original = aiosqlite.Connection._execute

    async def counted(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(fn)
        return await original(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)
    return calls


async def test_one_hand_off_per_statement(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    async with db.session() as session:
        await session.execute(text("SELECT 1"))  # the transaction has begun
        calls = _count_hand_offs(monkeypatch)
        for _ in range(3):
            assert (await session.execute(text("SELECT id FROM t"))).all() == []
        assert len(calls) == 3


async def test_no_hand_off_to_end_what_never_began(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_hand_offs(monkeypatch)
    async with db.session() as session:  # a read, its commit, the pool's rollback
        await session.execute(text("SELECT id FROM t"))
    assert len(calls) == 1
    async with db.session() as session:  # a write: the commit is real
        await session.execute(text("INSERT INTO t (name) VALUES ('w')"))
    assert len(calls) == 3
    async with db.session() as session:
        assert (await session.execute(text("SELECT name FROM t"))).scalars().all() == ["w"]
