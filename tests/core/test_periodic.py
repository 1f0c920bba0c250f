"""``core.periodic``: runs an action at an interval, survives and logs its failures (no more
often than asked), and stops with its context."""

from __future__ import annotations

import asyncio
import logging

import pytest

from ollama_gateway.core.periodic import periodic

logger = logging.getLogger("tests.periodic")


async def test_runs_at_the_interval_until_the_context_closes() -> None:
    runs = 0

    async def action() -> None:
        nonlocal runs
        runs += 1

    async with periodic(0.01, action, logger=logger, failure="failed"):
        await asyncio.sleep(0.2)
    seen = runs
    assert seen >= 3
    await asyncio.sleep(0.05)
    assert runs == seen  # stopped


async def test_failures_are_logged_at_most_once_per_log_interval(
    caplog: pytest.LogCaptureFixture,
) -> None:
    attempts = 0

    async def broken() -> None:
        nonlocal attempts
        attempts += 1
        raise RuntimeError("database down")

    with caplog.at_level(logging.WARNING, logger="tests.periodic"):
        async with periodic(0.01, broken, logger=logger, failure="look failed", log_interval=60):
            await asyncio.sleep(0.2)
    assert attempts >= 3  # it went on after each failure
    logged = [r for r in caplog.records if r.getMessage() == "look failed"]
    assert len(logged) == 1
    assert logged[0].exc_info is not None
