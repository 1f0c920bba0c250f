"""Chat search at size: ``GET /api/chats?q=`` over 100,000 messages of one user among 1,000,000.

    .venv/bin/python bench/chat_search.py                       # both backends
    .venv/bin/python bench/chat_search.py --backend sqlite --messages 200000 --repeat 10

For each backend: a fresh database (a temporary SQLite file; a new PostgreSQL database created
from ``--postgres`` and dropped at the end), migrated; 100 users; ``--mine`` messages in chats of
the first user (100 messages per chat) and the rest in other users' chats.  Text: 8-40 words
from a 20,000-word vocabulary of Zipf-like popularity (s = 1.1), so a word's rank says how often
it occurs.  Bulk inserts: ``executemany`` in one SQLite transaction (the FTS5 triggers index each
row), ``COPY`` on PostgreSQL (the GIN index dropped before and built after, as a restore would).
Then a gateway (``create_app`` in process, httpx's ASGI transport: each time includes
authentication, the queries and the JSON) answers each query ``--repeat`` times as that user;
median, p95 and slowest are printed as a markdown table with the number of matching messages.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
from asgi_lifespan import LifespanManager
from httpx import ASGITransport, AsyncClient
from sqlalchemy import text

from ollama_gateway.core.config import Settings
from ollama_gateway.core.db import Database
from ollama_gateway.core.security import hash_password
from ollama_gateway.main import create_app

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scratch import Scratch, add_common_arguments, run_backends, scratch_database

PASSWORD = "Bench-Pass-123!"
USERS = 100
PER_CHAT = 100
VOCABULARY = 20_000
SYLLABLES = [a + b for a in "bcdfghklmnprstvz" for b in ("a", "e", "i", "o", "u", "ai", "ou")]
MESSAGE_COLUMNS = [
    "id", "chat_id", "user_id", "parent_id", "role", "content", "model", "status", "image_count",
    "created_at", "updated_at",
]  # fmt: skip
CHAT_COLUMNS = [
    "id", "user_id", "title", "pinned", "archived", "titled", "current_leaf_id", "created_at",
    "updated_at",
]  # fmt: skip


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def vocabulary(seed: int) -> list[str]:
    rng = random.Random(seed)
    words: set[str] = set()
    while len(words) < VOCABULARY:
        words.add("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))))
    return sorted(words, key=lambda w: (len(w), w))


def generate(
    args: argparse.Namespace, words: list[str], user_ids: list[int]
) -> tuple[list[Any], list[Any]]:
    """Chats and messages as tuples in column order (ids explicit, parents before children)."""
    rng = random.Random(args.seed)
    weights = list(itertools.accumulate(1 / (rank + 1) ** 1.1 for rank in range(len(words))))
    now = datetime.now(UTC)
    chats, messages = [], []
    mine_chats = args.mine // PER_CHAT
    total_chats = args.messages // PER_CHAT
    message_id = 0
    for chat_id in range(1, total_chats + 1):
        owner = user_ids[0] if chat_id <= mine_chats else rng.choice(user_ids[1:])
        started = now - timedelta(minutes=total_chats - chat_id)
        title = " ".join(rng.choices(words, cum_weights=weights, k=rng.randint(3, 6)))
        parent = None
        for n in range(PER_CHAT):
            message_id += 1
            content = " ".join(rng.choices(words, cum_weights=weights, k=rng.randint(8, 40)))
            at = started + timedelta(seconds=n)
            role = "user" if n % 2 == 0 else "assistant"
            model = None if role == "user" else "llama3.2"
            messages.append(
                (message_id, chat_id, owner, parent, role, content, model, "complete", 0, at, at)
            )
            parent = message_id
        chats.append((chat_id, owner, title, False, False, True, parent, started, at))
    return chats, messages


async def _seed_users(db: Database) -> list[int]:
    digest = hash_password(PASSWORD)
    ids = []
    async with db.engine.begin() as conn:
        for n in range(USERS):
            user_id = await conn.scalar(
                text(
                    "INSERT INTO users (username, email, password_hash, role, is_active, "
                    "created_at, updated_at, token_version) VALUES (:u, :e, :p, 'user', true, "
                    ":now, :now, 0) RETURNING id"
                ),
                {"u": f"bench{n}", "e": f"bench{n}@example.com", "p": digest,
                 "now": datetime.now(UTC)},
            )  # fmt: skip
            ids.append(int(user_id))
    return ids


def _sql(table: str, columns: list[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _insert_sqlite(path: Path, chats: list, messages: list) -> None:  # type: ignore[type-arg]
    def stamp(row: tuple, at: int) -> tuple:  # type: ignore[type-arg]
        return tuple(
            v.strftime("%Y-%m-%d %H:%M:%S.%f") if i >= at else v for i, v in enumerate(row)
        )

    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys=OFF")
        # the insert triggers index row by row; a bulk load indexes once at the end instead
        triggers = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts_ai'"
        ).fetchall()
        for name, _sql_text in triggers:
            connection.execute(f"DROP TRIGGER {name}")
        connection.executemany(_sql("chats", CHAT_COLUMNS), (stamp(c, 7) for c in chats))
        connection.executemany(
            _sql("chat_messages", MESSAGE_COLUMNS), (stamp(m, 9) for m in messages)
        )
        for table in ("chats_fts", "chat_messages_fts"):
            connection.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
        for _name, sql_text in triggers:
            connection.execute(sql_text)
        connection.commit()
        connection.execute("ANALYZE")
        connection.commit()
    finally:
        connection.close()


async def _insert_postgres(dsn: str, chats: list, messages: list) -> None:  # type: ignore[type-arg]
    connection = await asyncpg.connect(dsn)
    try:
        index = await connection.fetchval(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_chat_messages_search'"
        )
        await connection.execute("DROP INDEX ix_chat_messages_search")
        await connection.copy_records_to_table("chats", records=chats, columns=CHAT_COLUMNS)
        await connection.copy_records_to_table(
            "chat_messages", records=messages, columns=MESSAGE_COLUMNS
        )
        await connection.execute("SET maintenance_work_mem = '256MB'")
        await connection.execute(index)
        for table in ("chats", "chat_messages"):
            await connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: E501
            )
        await connection.execute("ANALYZE")
    finally:
        await connection.close()


def _queries(words: list[str]) -> list[tuple[str, str]]:
    return [
        (f"common word (rank 10): {words[10]}", words[10]),
        (f"frequent word (rank 100): {words[100]}", words[100]),
        (f"ordinary word (rank 1,000): {words[1000]}", words[1000]),
        (f"rare word (rank 10,000): {words[10000]}", words[10000]),
        ("two words (ranks 100 and 1,000)", f"{words[100]} {words[1000]}"),
        (f"prefix of a rank-1,000 word: {words[1000][:4]}", words[1000][:4]),
        ("no match", "zzzzqqqq"),
    ]


async def _measure(url: str, data_dir: Path, words: list[str], repeat: int) -> list[Any]:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, environment="test", data_dir=data_dir, database_url=url,
        secret_key="bench-secret-" + "x" * 40, admin_password=PASSWORD,
        ollama_api_base_url="http://127.0.0.1:9", log_level="WARNING", log_json=False,
        rate_limit_enabled=False, catalog_reload_interval=0, upstream_health_interval=3600,
    )  # fmt: skip
    app = create_app(settings)
    results = []
    transport = ASGITransport(app)
    async with (
        LifespanManager(app, startup_timeout=120),
        AsyncClient(transport=transport, base_url="http://bench") as client,
    ):
        login = await client.post(
            "/api/auth/login", json={"username": "bench0", "password": PASSWORD}
        )
        login.raise_for_status()
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        for name, q in _queries(words):
            times, cpu = [], []
            for _ in range(repeat + 1):  # the first run warms caches and is not counted
                started, used = time.perf_counter(), time.process_time()
                answer = await client.get("/api/chats", params={"q": q}, headers=headers)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - used) * 1000)
                answer.raise_for_status()
            items = answer.json()["items"]
            results.append((name, times[1:], len(items), statistics.median(cpu[1:])))
            log(f"  {name}: median {statistics.median(times[1:]):.1f} ms, {len(items)} items")
    return results


_MINE = " AND c.user_id = (SELECT min(id) FROM users WHERE username = 'bench0')"
_SQLITE_COUNT = (
    "SELECT count(*) FROM chat_messages_fts f JOIN chat_messages m ON m.id = f.rowid"
    " JOIN chats c ON c.id = m.chat_id WHERE chat_messages_fts MATCH :q" + _MINE
)
_PG_COUNT = (
    "SELECT count(*) FROM chat_messages m JOIN chats c ON c.id = m.chat_id"
    " WHERE to_tsvector('simple'::regconfig, left(m.content, 200000))"
    " @@ to_tsquery('simple'::regconfig, :q)" + _MINE
)


async def _matches(db: Database, backend: str, words: list[str]) -> dict[str, int]:
    """Messages of the user containing each single word (for the table), by the same index."""
    counts = {}
    async with db.engine.connect() as conn:
        for name, q in _queries(words)[:4]:
            if backend == "sqlite":
                sql = _SQLITE_COUNT
                value = f'"{q}"'
            else:
                sql = _PG_COUNT
                value = f"'{q}'"
            counts[name] = int(await conn.scalar(text(sql), {"q": value}) or 0)
    return counts


async def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    async with scratch_database(backend, args.postgres, "chat") as scratch:
        return await _run(scratch, args)


async def _run(scratch: Scratch, args: argparse.Namespace) -> dict[str, Any]:
    backend = scratch.backend
    report: dict[str, Any] = {"backend": backend}
    words = vocabulary(args.seed)
    db = Database(scratch.url)
    await db.migrate()
    users = await _seed_users(db)
    started = time.perf_counter()
    chats, messages = generate(args, words, users)
    report["generate_s"] = time.perf_counter() - started
    log(f"{backend}: {len(messages):,} messages generated in {report['generate_s']:.1f} s")
    started = time.perf_counter()
    if scratch.sqlite_path is not None:
        await asyncio.to_thread(_insert_sqlite, scratch.sqlite_path, chats, messages)
    else:
        assert scratch.dsn is not None
        await _insert_postgres(scratch.dsn, chats, messages)
    report["insert_s"] = time.perf_counter() - started
    log(f"{backend}: inserted (and indexed) in {report['insert_s']:.1f} s")
    del chats, messages
    report["matches"] = await _matches(db, backend, words)
    await db.dispose()
    report["results"] = await _measure(scratch.url, scratch.workdir, words, args.repeat)
    return report


def table(reports: list[dict[str, Any]]) -> str:
    head = " | ".join(
        f"{r['backend']} median / p95 / max (ms) | {r['backend']} CPU of the gateway process"
        " (ms, median)"
        for r in reports
    )
    lines = [f"| q | the user's messages matching | {head} |"]
    lines.append("|---|---|" + "---|---|" * len(reports))
    for i, (name, *_rest) in enumerate(reports[0]["results"]):
        cells = []
        for report in reports:
            times = sorted(report["results"][i][1])
            p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
            cells.append(f"{statistics.median(times):.1f} / {p95:.1f} / {times[-1]:.1f}")
            cells.append(f"{report['results'][i][3]:.1f}")
        matched = reports[0]["matches"].get(name)
        lines.append(
            f"| {name} | {'' if matched is None else f'{matched:,}'} | " + " | ".join(cells) + " |"
        )
    lines.append("")
    for report in reports:
        lines.append(
            f"- {report['backend']}: generated in {report['generate_s']:.1f} s, inserted and "
            f"indexed in {report['insert_s']:.1f} s"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_common_arguments(parser)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--mine", type=int, default=100_000)
    args = parser.parse_args()
    reports = run_backends(args, run_backend)
    print(
        f"{args.messages:,} messages ({args.mine:,} of the searching user, {PER_CHAT} per chat),"
        f" {args.repeat} runs per query\n"
    )
    print(table(reports))


if __name__ == "__main__":
    main()
