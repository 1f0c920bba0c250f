"""The process and service figures of ``GET /api/admin/telemetry``: uptime, CPU, memory,
database size, the usage queue and every upstream node, read at call time (nothing stored).

CPU and memory come from ``resource`` and ``/proc`` (Linux); where ``/proc`` is missing the
figures that need it are ``None``.
"""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ollama_gateway.usage.schemas import SystemFigures, UpstreamFigures


def _uptime() -> float | None:
    """Seconds since this process started (``/proc/self/stat`` field 22, in clock ticks)."""
    try:
        stat = Path("/proc/self/stat").read_text()
        since_boot = float(Path("/proc/uptime").read_text().split()[0])
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
    return round(since_boot - started, 1)


def _rss_bytes() -> int | None:
    try:
        resident = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return resident * os.sysconf("SC_PAGE_SIZE")


async def _database_bytes(session: AsyncSession) -> int | None:
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        pages = await session.scalar(text("PRAGMA page_count"))
        size = await session.scalar(text("PRAGMA page_size"))
        return int(pages or 0) * int(size or 0)
    if dialect == "postgresql":
        value = await session.scalar(text("SELECT pg_database_size(current_database())"))
        return int(value) if value is not None else None
    return None


def _counter(state: Any, name: str) -> int:
    value = state.metrics.registry.get_sample_value(name)
    return int(value or 0)


async def figures(session: AsyncSession, *, state: Any) -> SystemFigures:
    """The figures of this process (``state`` is ``app.state``)."""
    usage = state.usage
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    cpu_seconds = cpu.ru_utime + cpu.ru_stime
    uptime = _uptime()
    pool = getattr(state, "upstreams", None)
    nodes = pool.nodes if pool is not None else ()
    return SystemFigures(
        uptime_seconds=uptime,
        process_cpu_seconds=round(cpu_seconds, 2),
        process_cpu_percent=round(100 * cpu_seconds / uptime, 1) if uptime else None,
        rss_bytes=_rss_bytes(),
        database_bytes=await _database_bytes(session),
        usage_queue_depth=usage.depth,
        usage_written=usage.written,
        usage_dropped=usage.dropped,
        usage_write_errors=_counter(state, "ollama_gateway_usage_write_errors_total"),
        upstreams=[
            UpstreamFigures(
                name=node.name,
                healthy=node.healthy,
                in_flight=node.in_flight,
                max_in_flight=node.spec.max_in_flight,
                version=node.version,
                last_error=node.last_error,
            )
            for node in nodes
        ],
        sampled_at=time.time(),
    )
