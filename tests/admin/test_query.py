"""The query console on both backends: the database refuses what the console must not do.

``SELECT 1`` works; secret columns stay unreadable by name, through ``*``, a CTE, a view or a
function; writes, DDL, several statements, ATTACH, writing pragmas, file-reading functions and
COPY are refused with a 4xx envelope and change nothing; a slow statement is stopped; every
statement is audited.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import text

from ollama_gateway.admin import query
from ollama_gateway.auth import audit
from ollama_gateway.core.db import Database
from tests.auth.factories import Actor, make_actor
from tests.keys.factories import make_key
from tests.users.factories import database

SECRETS = ("password_hash", "key_hash", "token_hash", "api_key_encrypted")


@pytest.fixture(scope="module")
async def admin(app: FastAPI) -> Actor:
    actor = await make_actor(app, "admin")
    await make_key(app, actor.user_id)  # a key and (below) a refresh token exist to be read
    return actor


async def _run(client: AsyncClient, admin: Actor, sql: str, **extra: Any) -> Any:
    return await client.post("/api/admin/query", json={"sql": sql, **extra}, headers=admin.headers)


async def _snapshot(db: Database) -> tuple[Any, ...]:
    async with db.engine.connect() as conn:
        users = (await conn.execute(text("SELECT id, role, is_active FROM users"))).all()
        keys = await conn.scalar(text("SELECT count(*) FROM api_keys"))
        records = await conn.scalar(text("SELECT count(*) FROM usage_records"))
        if db.engine.dialect.name == "sqlite":
            tables = (await conn.execute(text("SELECT name FROM sqlite_master"))).all()
        else:
            tables = (
                await conn.execute(
                    text("SELECT table_name FROM information_schema.tables ORDER BY 1")
                )
            ).all()
    return sorted(users), keys, records, sorted(tables)


async def test_select_one_and_plain_columns(
    app: FastAPI, client: AsyncClient, admin: Actor
) -> None:
    answer = await _run(client, admin, "SELECT 1 AS one")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["columns"] == ["one"]
    assert body["rows"] == [[1]]
    assert body["truncated"] is False
    assert body["elapsed_ms"] >= 0
    answer = await _run(client, admin, "SELECT id, username, role FROM users ORDER BY id")
    assert answer.status_code == 200, answer.text
    assert [admin.user_id, admin.username, "admin"] in answer.json()["rows"]


async def test_the_schema_can_be_explored_without_its_secrets(
    client: AsyncClient, admin: Actor, backend: str
) -> None:
    sql = {
        "sqlite": "SELECT name FROM pragma_table_info('users') ORDER BY cid",
        "postgres": "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = 'users' ORDER BY ordinal_position",
    }[backend]
    answer = await _run(client, admin, sql)
    assert answer.status_code == 200, answer.text
    columns = [row[0] for row in answer.json()["rows"]]
    assert {"id", "username", "role"} <= set(columns)
    # SQLite lists the secret column's name (its value stays unreadable); PostgreSQL lists
    # only the columns the role may read
    assert ("password_hash" in columns) is (backend == "sqlite")


async def test_row_limit_and_truncation(client: AsyncClient, admin: Actor) -> None:
    counting = (
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1500) "
        "SELECT x FROM n"
    )
    body = (await _run(client, admin, counting)).json()
    assert len(body["rows"]) == 1000
    assert body["truncated"] is True
    body = (await _run(client, admin, counting, limit=5)).json()
    assert body["rows"] == [[1], [2], [3], [4], [5]]
    assert (await _run(client, admin, "SELECT 1", limit=1001)).status_code == 422


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM users",
        "SELECT password_hash FROM users",
        "SELECT id FROM users WHERE password_hash LIKE '$%'",
        "SELECT length(password_hash) FROM users",
        "WITH h AS (SELECT password_hash AS x FROM users) SELECT x FROM h",
        "SELECT (SELECT max(key_hash) FROM api_keys)",
        "SELECT * FROM api_keys",
        "SELECT token_hash FROM refresh_tokens",
        "SELECT * FROM refresh_tokens",
        "SELECT api_key_encrypted FROM upstream_nodes",
    ],
)
async def test_secret_columns_are_never_read(client: AsyncClient, admin: Actor, sql: str) -> None:
    answer = await _run(client, admin, sql)
    assert answer.status_code == 403, answer.text
    assert answer.json()["error"]["type"] == "forbidden"
    for secret in ("$argon2", "og-"):
        assert secret not in answer.text


async def test_secret_columns_are_not_read_through_a_view(
    app: FastAPI, client: AsyncClient, admin: Actor, backend: str
) -> None:
    db = database(app)
    async with db.engine.begin() as conn:
        await conn.execute(text("CREATE VIEW leak AS SELECT id, password_hash AS x FROM users"))
    try:
        for sql in ("SELECT x FROM leak", "SELECT * FROM leak", "SELECT id FROM leak"):
            answer = await _run(client, admin, sql)
            assert answer.status_code == 403, (sql, answer.text)
    finally:
        async with db.engine.begin() as conn:
            await conn.execute(text("DROP VIEW leak"))


_REFUSED_BOTH = [
    "INSERT INTO users (username, email, password_hash, role) VALUES ('x', 'x@x', 'x', 'admin')",
    "UPDATE users SET role = 'admin'",
    "DELETE FROM usage_records",
    "CREATE TABLE stolen (id INTEGER)",
    "DROP TABLE usage_records",
    "ALTER TABLE users ADD COLUMN x INTEGER",
    "CREATE VIEW v AS SELECT 1",
    "SELECT 1; DELETE FROM usage_records",
    "SELECT 1; SELECT 2",
    "BEGIN",
    "COPY users TO STDOUT",
    "",
]
_REFUSED = {
    "sqlite": [
        "ATTACH DATABASE '/tmp/og-attached.db' AS other",
        "PRAGMA query_only = OFF",
        "PRAGMA journal_mode = DELETE",
        "PRAGMA table_info(users)",
        "SELECT load_extension('/tmp/evil')",
        "SELECT readfile('/etc/passwd')",
        "VACUUM INTO '/tmp/og-stolen.db'",
        "WITH x AS (SELECT 1) DELETE FROM usage_records",
        "REINDEX",
        "ANALYZE",
        "SELECT * FROM sqlite_stat1",
    ],
    "postgres": [
        "SELECT pg_read_file('/etc/passwd')",
        "SELECT pg_read_binary_file('/etc/passwd')",
        "SELECT pg_ls_dir('.')",
        "SELECT lo_import('/etc/passwd')",
        "COPY (SELECT 1) TO '/tmp/og-copied'",
        "COPY (SELECT 1) TO STDOUT",
        "SET statement_timeout = 0",
        "SET ROLE postgres",
        "SELECT set_config('role', 'postgres', false)",
        "SELECT set_config('role', 'postgres', true), "
        "query_to_xml('SELECT password_hash FROM users', true, false, '')",
        "SELECT query_to_xml('SELECT password_hash FROM users', true, false, '')",
        "WITH x AS (DELETE FROM usage_records RETURNING id) SELECT * FROM x",
        "SELECT nextval('users_id_seq')",
        "SELECT * FROM users FOR UPDATE",
    ],
}


async def test_every_refused_kind_is_refused_and_changes_nothing(
    app: FastAPI, client: AsyncClient, admin: Actor, backend: str
) -> None:
    db = database(app)
    await app.state.usage.flush()  # records of earlier tests must not land in between
    before = await _snapshot(db)
    for sql in _REFUSED_BOTH + _REFUSED[backend]:
        answer = await _run(client, admin, sql) if sql else None
        if answer is None:  # an empty statement is refused by the schema
            answer = await _run(client, admin, "-- nothing but a comment")
        assert 400 <= answer.status_code < 500, (sql, answer.status_code, answer.text)
        assert answer.json()["error"]["type"] in ("forbidden", "validation_error"), sql
    await app.state.usage.flush()
    assert await _snapshot(db) == before
    assert not any(__import__("os").path.exists(p) for p in ("/tmp/og-stolen.db",))


async def test_a_slow_statement_is_stopped(
    app: FastAPI, client: AsyncClient, admin: Actor, backend: str
) -> None:
    assert query.TIMEOUT_SECONDS == 5.0  # the default; shortened here to keep the test fast
    console = query.get_console_for(app, timeout=0.5)
    slow = {
        "sqlite": "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
        "SELECT count(*) FROM n",
        "postgres": "SELECT pg_sleep(30)",
    }[backend]
    # the console is built on first use: whether an earlier test in this worker built it
    # depends on how xdist spread the tests, so neither case may be assumed
    original = getattr(app.state, "query_console", None)
    app.state.query_console = console
    try:
        answer = await _run(client, admin, slow)
    finally:
        if original is None:
            del app.state.query_console
        else:
            app.state.query_console = original
    assert answer.status_code == 400, answer.text
    assert "0.5 s" in answer.json()["error"]["message"]
    assert answer.elapsed.total_seconds() < 5


async def test_every_statement_is_audited(app: FastAPI, client: AsyncClient, admin: Actor) -> None:
    await _run(client, admin, "SELECT 42 AS answer")
    await _run(client, admin, "DELETE FROM users")
    async with database(app).sessionmaker() as session:
        events = await audit.list_events(
            session, kinds=[audit.AuditKind.QUERY.value], actor_user_id=admin.user_id, limit=2
        )
    refused, ran = events
    assert ran.details is not None
    assert ran.details["sql"] == "SELECT 42 AS answer"
    assert ran.details["rows"] == 1
    assert refused.details is not None
    assert refused.details["sql"] == "DELETE FROM users"
    assert refused.details["error"]


@pytest.mark.parametrize("role", ["developer", "user", "read-only"])
async def test_only_admins_query(app: FastAPI, client: AsyncClient, role: str) -> None:
    actor = await make_actor(app, role)
    answer = await client.post("/api/admin/query", json={"sql": "SELECT 1"}, headers=actor.headers)
    assert answer.status_code == 403


async def test_the_postgres_role_itself_can_neither_write_nor_read_secrets(
    app: FastAPI, client: AsyncClient, admin: Actor, backend: str
) -> None:
    """Without the console's READ ONLY transaction and checks, the role's own privileges
    still refuse: the database holds the policy."""
    if backend != "postgres":
        pytest.skip("the SQLite console has no role: its authorizer is tested above")
    import asyncpg

    assert (await _run(client, admin, "SELECT 1")).status_code == 200  # the role exists
    console = query.get_console_for(app)
    conn = await asyncpg.connect(console._dsn())  # type: ignore[attr-defined]
    statements = (
        "UPDATE users SET role = 'admin'",
        "DELETE FROM usage_records",
        "CREATE TABLE stolen (id int)",
        "SELECT password_hash FROM users",
        "SELECT key_hash FROM api_keys",
        "SELECT token_hash FROM refresh_tokens",
        "SET ROLE postgres",
        "COPY users (id) TO '/tmp/og-copied'",
    )
    try:
        # the role's sessions start read-only (25006); without that, its privileges (42501)
        for refusals in (("25006", "42501"), ("42501",)):
            for sql in statements:
                with pytest.raises(asyncpg.PostgresError) as refused:
                    await conn.execute(sql)
                assert refused.value.sqlstate in refusals, (sql, refused.value)
            await conn.execute("SET default_transaction_read_only = off")
        assert await conn.fetchval("SELECT count(id) FROM users") >= 1
    finally:
        await conn.close()
