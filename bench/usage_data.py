"""Telemetry and usage at size: generate usage records, build the rollups, time the endpoints.

    .venv/bin/python bench/usage_data.py                       # both backends, 1,000,000 records
    .venv/bin/python bench/usage_data.py --backend sqlite --records 200000 --repeat 10

For each backend: a fresh database (a temporary SQLite file; a new PostgreSQL database created
from ``--postgres`` and dropped at the end), migrated; 40 users with 0-2 API keys each;
``--records`` usage records spread over the last ``--days`` days (8 models of uneven
popularity, 3 nodes, 5 routes, 95 % 2xx, log-normal latencies), bulk inserted (``executemany``
on one SQLite transaction, ``COPY`` on PostgreSQL); then the rollups built in SQL
(``usage.rollup_sql.rebuild``, what migration 0007 does with existing records).  A gateway
(``create_app`` on that database, in process, through httpx's ASGI transport, so each time
includes authentication, the queries and the JSON) then answers every query of the table
``--repeat`` times; the median, p95 and slowest are printed as a markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import sqlite3
import statistics
import sys
import time
import uuid
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
from ollama_gateway.usage import rollup_sql

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scratch import Scratch, add_common_arguments, run_backends, scratch_database

MODELS = [f"model-{name}" for name in ("llama3.2", "qwen2.5", "mistral", "gemma2", "phi3")]
MODELS += ["nomic-embed-text", "llava", "deepseek-r1:70b"]
MODEL_WEIGHTS = [30, 20, 15, 10, 8, 8, 5, 4]
ROUTES = ["/api/chat", "/v1/chat/completions", "/api/generate", "/api/embed", "/v1/embeddings"]
ROUTE_WEIGHTS = [50, 25, 10, 10, 5]
NODES = ["node-a", "node-b", "node-c"]
STATUSES = [200, 429, 499, 500, 502]
STATUS_WEIGHTS = [95, 2, 1, 1, 1]
PASSWORD = "Bench-Pass-123!"
COLUMNS = [
    *("started_at", "user_id", "key_id", "model", "route", "upstream_id", "upstream"),
    *("status", "latency_ms", "ttft_ms", "prompt_tokens", "completion_tokens", "cache_hit"),
    *("admitted", "error", "request_id"),
]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def records(count: int, days: int, users: dict[int, list[int | None]], seed: int) -> list[tuple]:  # type: ignore[type-arg]
    """The records as tuples in ``COLUMNS`` order (started_at an aware datetime)."""
    rng = random.Random(seed)
    end = datetime.now(UTC)
    span = days * 86_400
    user_ids = list(users)
    user_weights = [1 / (rank + 1) for rank in range(len(user_ids))]  # a few heavy users
    picks_user = rng.choices(user_ids, user_weights, k=count)
    picks_model = rng.choices(range(len(MODELS)), MODEL_WEIGHTS, k=count)
    picks_route = rng.choices(ROUTES, ROUTE_WEIGHTS, k=count)
    picks_status = rng.choices(STATUSES, STATUS_WEIGHTS, k=count)
    rows = []
    for n in range(count):
        user = picks_user[n]
        model = picks_model[n]
        route = picks_route[n]
        status = picks_status[n]
        embed = "embed" in route
        latency = rng.lognormvariate(6.0 if embed else 8.0, 0.8)
        ttft = None if embed or status != 200 else latency * rng.uniform(0.05, 0.3)
        node = rng.randrange(3)
        rows.append(
            (
                end - timedelta(seconds=rng.random() * span),
                user,
                rng.choice(users[user]),
                MODELS[model],
                route,
                None,
                NODES[node],
                status,
                round(latency, 3),
                None if ttft is None else round(ttft, 3),
                rng.randrange(10, 2000),
                0 if embed or status != 200 else rng.randrange(1, 1500),
                rng.random() < 0.05,
                True,
                None if status == 200 else "error",
                uuid.UUID(int=rng.getrandbits(128)).hex,
            )
        )
    return rows


async def _seed_accounts(db: Database) -> dict[int, list[int | None]]:
    """40 users (the first an admin) and 0-2 keys each: user id -> key ids (None: no key)."""
    users: dict[int, list[int | None]] = {}
    digest = hash_password(PASSWORD)
    rng = random.Random(7)
    async with db.engine.begin() as conn:
        for n in range(40):
            user_id = await conn.scalar(
                text(
                    "INSERT INTO users (username, email, password_hash, role, is_active, "
                    "created_at, updated_at, token_version) VALUES (:u, :e, :p, :r, true, "
                    ":now, :now, 0) RETURNING id"
                ),
                {
                    "u": f"bench{n}",
                    "e": f"bench{n}@example.com",
                    "p": digest,
                    "r": "admin" if n == 0 else "developer",
                    "now": datetime.now(UTC),
                },
            )
            keys: list[int | None] = [None]
            for k in range(rng.randrange(0, 3)):
                key_id = await conn.scalar(
                    text(
                        "INSERT INTO api_keys (user_id, name, prefix, key_hash, created_at) "
                        "VALUES (:u, :n, 'og-bench', :h, :now) RETURNING id"
                    ),
                    {"u": user_id, "n": f"k{k}", "h": uuid.uuid4().hex, "now": datetime.now(UTC)},
                )
                keys.append(int(key_id))
            users[int(user_id)] = keys
    return users


def _insert_sqlite(path: Path, rows: list[tuple]) -> None:  # type: ignore[type-arg]
    connection = sqlite3.connect(path)
    try:
        # one big transaction: a page cache large enough not to spill into the WAL over and over
        connection.execute("PRAGMA cache_size = -1000000")
        connection.execute("PRAGMA synchronous = OFF")
        sql = f"INSERT INTO usage_records ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"  # noqa: E501
        converted = ((row[0].strftime("%Y-%m-%d %H:%M:%S.%f"), *row[1:]) for row in rows)
        connection.executemany(sql, converted)
        connection.commit()
    finally:
        connection.close()


async def _insert_postgres(dsn: str, rows: list[tuple]) -> None:  # type: ignore[type-arg]
    connection = await asyncpg.connect(dsn)
    try:
        await connection.copy_records_to_table("usage_records", records=rows, columns=COLUMNS)
        await connection.execute("ANALYZE")
    finally:
        await connection.close()


def _queries(now: datetime) -> list[tuple[str, str, dict[str, str]]]:
    def ago(days: int) -> str:
        return (now - timedelta(days=days)).isoformat()

    telemetry = "/api/admin/telemetry"
    return [
        ("telemetry, last 24 h by hour (default)", telemetry, {}),
        ("telemetry, 30 days by day", telemetry, {"bucket": "day", "from": ago(30)}),
        ("telemetry, 30 days by day per model", telemetry, {"bucket": "day", "group_by": "model"}),
        ("telemetry, 30 days by day per user", telemetry, {"bucket": "day", "group_by": "user"}),
        ("telemetry, 30 days by day per node", telemetry, {"bucket": "day", "group_by": "node"}),
        (
            "telemetry, 30 days by day per status",
            telemetry,
            {"bucket": "day", "group_by": "status"},
        ),
        ("telemetry, 7 days by hour per model", telemetry, {"from": ago(7), "group_by": "model"}),
        ("telemetry, 7 days by hour per user", telemetry, {"from": ago(7), "group_by": "user"}),
        ("telemetry, 30 days by hour", telemetry, {"from": ago(30)}),
        ("telemetry, 30 days by hour per route", telemetry, {"from": ago(30), "group_by": "route"}),
        ("usage, 30 days by day per model (default)", "/api/usage", {}),
        ("usage, 30 days by day per key", "/api/usage", {"group_by": "key"}),
        ("usage, 7 days by hour per model", "/api/usage", {"bucket": "hour", "from": ago(7)}),
    ]


def _backend_cpu(pids: list[int]) -> dict[int, int]:
    """CPU nanoseconds used so far by each PostgreSQL backend (same machine: /proc)."""
    used = {}
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):
            used[pid] = int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
    return used


class _ServerCpu:
    """The database server's CPU spent for the benchmark's database (PostgreSQL backends of
    that database, read from /proc; SQLite runs inside the process and needs none)."""

    def __init__(self, admin_dsn: str | None, database: str | None) -> None:
        self._dsn, self._database = admin_dsn, database
        self._conn: Any = None

    async def _pids(self) -> list[int]:
        if self._conn is None:
            self._conn = await asyncpg.connect(self._dsn)
        rows = await self._conn.fetch(
            "SELECT pid FROM pg_stat_activity WHERE datname = $1", self._database
        )
        return [row["pid"] for row in rows]

    async def sample(self) -> dict[int, int]:
        return _backend_cpu(await self._pids()) if self._database else {}

    @staticmethod
    def spent_ms(before: dict[int, int], after: dict[int, int]) -> float:
        return sum(ns - before.get(pid, 0) for pid, ns in after.items()) / 1e6

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()


async def _measure(url: str, data_dir: Path, repeat: int, server: _ServerCpu) -> list[Any]:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        environment="test",
        data_dir=data_dir,
        database_url=url,
        secret_key="bench-secret-" + "x" * 40,
        admin_password=PASSWORD,
        ollama_api_base_url="http://127.0.0.1:9",
        log_level="WARNING",
        log_json=False,
    )
    app = create_app(settings)
    results = []
    async with LifespanManager(app, startup_timeout=120):
        transport = ASGITransport(app)
        async with AsyncClient(transport=transport, base_url="http://bench") as client:
            login = await client.post(
                "/api/auth/login", json={"username": "bench0", "password": PASSWORD}
            )
            login.raise_for_status()
            headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
            for name, path, params in _queries(datetime.now(UTC)):
                times, cpu = [], []
                size = 0
                for _ in range(repeat + 1):  # the first run warms caches and is not counted
                    before = await server.sample()
                    started, started_cpu = time.perf_counter(), time.process_time()
                    answer = await client.get(path, params=params, headers=headers)
                    times.append((time.perf_counter() - started) * 1000)
                    own = (time.process_time() - started_cpu) * 1000
                    cpu.append(own + server.spent_ms(before, await server.sample()))
                    answer.raise_for_status()
                    size = len(answer.content)
                results.append((name, times[1:], cpu[1:], size))
                log(
                    f"  {name}: median {statistics.median(times[1:]):.1f} ms, "
                    f"CPU {statistics.median(cpu[1:]):.1f} ms"
                )
    return results


async def _rollup_counts(db: Database) -> dict[int, int]:
    async with db.engine.connect() as conn:
        rows = await conn.execute(
            text("SELECT grain, count(*) FROM usage_rollups GROUP BY grain ORDER BY grain")
        )
        return {int(grain): int(count) for grain, count in rows}


async def run_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    async with scratch_database(backend, args.postgres, "usage") as scratch:
        return await _run(scratch, args)


async def _run(scratch: Scratch, args: argparse.Namespace) -> dict[str, Any]:
    backend, url = scratch.backend, scratch.url
    report: dict[str, Any] = {"backend": backend}
    db = Database(url)
    await db.migrate()
    users = await _seed_accounts(db)
    started = time.perf_counter()
    rows = records(args.records, args.days, users, seed=args.seed)
    rows.sort(key=lambda row: row[0])  # as they arrive: in time order
    report["generate_s"] = time.perf_counter() - started
    log(f"{backend}: {len(rows):,} records generated in {report['generate_s']:.1f} s")
    started = time.perf_counter()
    if scratch.sqlite_path is not None:
        await asyncio.to_thread(_insert_sqlite, scratch.sqlite_path, rows)
    else:
        assert scratch.dsn is not None
        await _insert_postgres(scratch.dsn, rows)
    report["insert_s"] = time.perf_counter() - started
    log(f"{backend}: inserted in {report['insert_s']:.1f} s")
    del rows
    started = time.perf_counter()
    async with db.engine.begin() as conn:
        await rollup_sql.rebuild(conn)
    if backend == "postgres":
        async with db.engine.connect() as conn:
            await conn.execute(text("ANALYZE usage_rollups"))
    report["rollup_s"] = time.perf_counter() - started
    report["rollups"] = await _rollup_counts(db)
    log(f"{backend}: rollups built in {report['rollup_s']:.1f} s: {report['rollups']}")
    await db.dispose()
    server = _ServerCpu(args.postgres, scratch.pg_name)
    try:
        report["results"] = await _measure(url, scratch.workdir, args.repeat, server)
    finally:
        await server.close()
    return report


def table(reports: list[dict[str, Any]]) -> str:
    heads = " | ".join(
        f"{r['backend']} wall median / p95 | {r['backend']} CPU (gateway + database)"
        for r in reports
    )
    lines = [f"| query | {heads} | answer |", "|---|" + "---|---|" * len(reports) + "---|"]
    for i, (name, *_rest, size) in enumerate(reports[0]["results"]):
        cells = []
        for report in reports:
            _name, wall, cpu, _size = report["results"][i]
            wall = sorted(wall)
            p95 = wall[min(len(wall) - 1, int(0.95 * len(wall)))]
            cells.append(f"{statistics.median(wall):.1f} / {p95:.1f}")
            cells.append(f"{statistics.median(cpu):.1f}")
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {size / 1024:.0f} KiB |")
    lines.append("")
    for report in reports:
        rollups = report["rollups"]
        lines.append(
            f"- {report['backend']}: generated in {report['generate_s']:.1f} s, inserted in "
            f"{report['insert_s']:.1f} s, rollups rebuilt in {report['rollup_s']:.1f} s: "
            f"{sum(rollups.values()):,} rows ({rollups.get(0, 0):,} in the full hourly grain)"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_common_arguments(parser)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=30)
    args = parser.parse_args()
    reports = run_backends(args, run_backend)
    print(f"{args.records:,} usage records over {args.days} days, {args.repeat} runs per query\n")
    print(table(reports))


if __name__ == "__main__":
    main()
