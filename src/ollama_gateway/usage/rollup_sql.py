"""Rebuilding ``usage_rollups`` from ``usage_records`` in SQL alone.

Used by migration ``0007_rollups`` (the rollups of the records written before it) and by
``bench/usage_data.py`` (a million generated records).  The full grain is summed from the
records with one ``INSERT ... SELECT ... GROUP BY``; every other grain is then summed from the
full grain's rows, which are far fewer than the records.  Histogram buckets are counted with
the bounds of ``usage.histogram`` written as literals (``<=`` on the same doubles as the
writer's ``bisect_left``), so a rebuild gives exactly the rows the writer would have (journal
rows of streams under way, status 102, are left out as the writer leaves them out).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from ollama_gateway.usage.histogram import BOUNDS
from ollama_gateway.usage.recorder import JOURNALLED
from ollama_gateway.usage.rollups import (
    FULL,
    GRAINS,
    KEY_COLUMNS,
    LATENCY_COLUMNS,
    MEASURE_COLUMNS,
    TTFT_COLUMNS,
    Dim,
)

_COLUMNS = ", ".join((*KEY_COLUMNS, *MEASURE_COLUMNS))


def _bucket_index(column: str) -> str:
    """The histogram bucket of ``column`` as a CASE chain (NULL stays NULL)."""
    cases = " ".join(f"WHEN {column} <= {bound!r} THEN {i}" for i, bound in enumerate(BOUNDS))
    return f"CASE WHEN {column} IS NULL THEN NULL {cases} ELSE {len(BOUNDS)} END"


def _epoch(dialect: str) -> str:
    if dialect == "postgresql":
        return "CAST(FLOOR(EXTRACT(EPOCH FROM started_at)) AS BIGINT)"
    return "CAST(strftime('%s', started_at) AS INTEGER)"


def full_grain_sql(dialect: str) -> str:
    """``INSERT ... SELECT`` of the full grain from every record."""
    generating = "ttft_ms IS NOT NULL AND completion_tokens > 0"
    measures = [
        "COUNT(*)",
        "SUM(CASE WHEN cache_hit THEN 1 ELSE 0 END)",
        "SUM(prompt_tokens)",
        "SUM(completion_tokens)",
        "SUM(latency_ms)",
        "COUNT(ttft_ms)",
        "COALESCE(SUM(ttft_ms), 0)",
        f"SUM(CASE WHEN {generating} THEN completion_tokens ELSE 0 END)",
        f"SUM(CASE WHEN {generating} AND latency_ms > ttft_ms THEN latency_ms - ttft_ms"
        " ELSE 0 END)",
        *(f"COUNT(*) FILTER (WHERE li = {i})" for i in range(len(LATENCY_COLUMNS))),
        *(f"COUNT(*) FILTER (WHERE ti = {i})" for i in range(len(TTFT_COLUMNS))),
    ]
    return (  # only constants of this module: no outside text reaches the SQL
        f"INSERT INTO usage_rollups ({_COLUMNS}) "  # noqa: S608
        f"SELECT {FULL.id}, epoch / 3600, uid, kid, mdl, nde, route, sc, {', '.join(measures)} "
        "FROM (SELECT "
        f"{_epoch(dialect)} AS epoch, COALESCE(user_id, 0) AS uid, COALESCE(key_id, 0) AS kid, "
        "COALESCE(model, '') AS mdl, COALESCE(upstream, '') AS nde, route, status / 100 AS sc, "
        "cache_hit, prompt_tokens, completion_tokens, latency_ms, ttft_ms, "
        f"{_bucket_index('latency_ms')} AS li, {_bucket_index('ttft_ms')} AS ti "
        f"FROM usage_records WHERE status > 0 AND status <> {JOURNALLED}) AS records "
        "GROUP BY epoch / 3600, uid, kid, mdl, nde, route, sc"
    )


def projection_sql() -> list[str]:
    """``INSERT ... SELECT`` of every other grain from the full grain's rows."""
    sums = ", ".join(f"SUM({name})" for name in MEASURE_COLUMNS)
    statements = []
    for grain in GRAINS[1:]:
        bucket = "bucket" if grain.seconds == FULL.seconds else f"bucket / {grain.seconds // 3600}"
        kept = {
            "user_id": Dim.USER,
            "key_id": Dim.KEY,
            "model": Dim.MODEL,
            "node": Dim.NODE,
            "route": Dim.ROUTE,
        }
        dims = [
            name if dim in grain.dims else ("0" if name.endswith("_id") else "''")
            for name, dim in kept.items()
        ]
        group = ", ".join([bucket, *(d for d in dims if d not in ("0", "''")), "status_class"])
        statements.append(
            f"INSERT INTO usage_rollups ({_COLUMNS}) "  # noqa: S608 (constants only)
            f"SELECT {grain.id}, {bucket}, {', '.join(dims)}, status_class, {sums} "
            f"FROM usage_rollups WHERE grain = {FULL.id} GROUP BY {group}"
        )
    return statements


async def rebuild(conn: AsyncConnection) -> None:
    """Replace every rollup row with the sums of ``usage_records`` (in ``conn``'s transaction)."""
    dialect = conn.dialect.name
    await conn.execute(text("DELETE FROM usage_rollups"))
    await conn.execute(text(full_grain_sql(dialect)))
    for statement in projection_sql():
        await conn.execute(text(statement))
