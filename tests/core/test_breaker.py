"""The breaker: one failure opens it, one trial per cool-down, a success closes it."""

from __future__ import annotations

import logging

import pytest

from ollama_gateway.core.breaker import Breaker


def test_one_trial_per_cool_down(caplog: pytest.LogCaptureFixture) -> None:
    now = [100.0]
    states: list[bool] = []
    breaker = Breaker(
        cooldown=5.0,
        down_message="dep down (%s: %s)",
        up_message="dep up",
        on_change=states.append,
        clock=lambda: now[0],
    )
    assert breaker.allow()
    with caplog.at_level(logging.WARNING, logger="ollama_gateway.core.breaker"):
        assert breaker.trip(TimeoutError("hung"))
        assert not breaker.trip(TimeoutError("hung"))  # logged and counted once
        assert not breaker.allow()
        now[0] += 5.0
        assert breaker.allow()  # the trial
        assert not breaker.allow()  # the others wait while it runs
        breaker.trip(TimeoutError("still hung"))
        now[0] += 4.9
        assert not breaker.allow()
        now[0] += 0.1
        assert breaker.allow()
        assert breaker.reset()
        assert not breaker.reset()
    assert breaker.up
    assert breaker.allow()
    assert states == [False, True]
    assert breaker.trips == 1
    assert [r.getMessage() for r in caplog.records] == ["dep down (TimeoutError: hung)", "dep up"]
