"""The in-process fast path decides, counts and reports exactly as the general path."""

from __future__ import annotations

from typing import Any

import pytest

from ollama_gateway.core.errors import RateLimited
from ollama_gateway.core.metrics import Metrics
from ollama_gateway.ratelimit import local
from ollama_gateway.ratelimit.failover import Failover
from ollama_gateway.ratelimit.limiter import Limiter
from ollama_gateway.ratelimit.memory import MemoryBackend
from tests.ratelimit.conftest import Clock
from tests.ratelimit.factories import principal

WHO = principal(
    key_id=3,
    user={"requests_per_minute": 4, "requests_per_hour": 6, "tokens_per_day": 100},
    key={"requests_per_minute": 3},
)


async def _script(limiter: Limiter, clock: Clock) -> list[Any]:
    """Admissions, refusals, settlements across windows; everything observable, in order."""
    seen: list[Any] = []
    for step in range(12):
        try:
            admission = await limiter.admit(WHO, streaming=False)
        except RateLimited as exc:
            seen.append(("refused", exc.message, exc.retry_after, exc.details, exc.headers))
        else:
            seen.append(("admitted", admission.headers))
            if step == 5:
                clock.advance(86_400)  # settled in the next day: tokens go to that day's counter
            await admission.settle(prompt_tokens=20, completion_tokens=15)
        clock.advance(17)
        state = await limiter.state(WHO)
        seen.append([(b.scope, b.kind, b.used, b.remaining) for b in state.buckets])
    return seen


async def test_the_fast_path_matches_the_general_path(monkeypatch: pytest.MonkeyPatch) -> None:
    runs = []
    for fast in (True, False):
        if not fast:
            monkeypatch.setattr(local.LocalWindow, "admit", lambda self, now: None)
        metrics = Metrics()
        clock = Clock()
        limiter = Limiter(Failover(MemoryBackend(), None, metrics), metrics=metrics, clock=clock)
        runs.append(await _script(limiter, clock))
    assert runs[0] == runs[1]
    assert [entry[0] for entry in runs[0] if isinstance(entry, tuple)].count("refused") >= 2
