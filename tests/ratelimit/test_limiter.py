"""The limiter's semantics on both backends: every limit kind, per user and per key."""

from __future__ import annotations

import asyncio
import math

import pytest

from ollama_gateway.core.errors import RateLimited
from ollama_gateway.core.metrics import Metrics
from ollama_gateway.ratelimit.limiter import Limiter
from ollama_gateway.ratelimit.windows import Window, span

from .conftest import Clock
from .factories import principal


async def _admit_n(limiter: Limiter, who: object, n: int, *, streaming: bool = False) -> None:
    for _ in range(n):
        admission = await limiter.admit(who, streaming=streaming)  # type: ignore[arg-type]
        await admission.settle(prompt_tokens=0, completion_tokens=0)


@pytest.mark.parametrize(
    ("field", "window", "seconds"),
    [
        ("requests_per_minute", "minute", 60),
        ("requests_per_hour", "hour", 3600),
        ("requests_per_day", "day", 86400),
    ],
)
@pytest.mark.parametrize("scope", ["user", "key"])
async def test_request_windows_refuse_past_the_limit_and_reset(
    limiter: Limiter, clock: Clock, field: str, window: str, seconds: int, scope: str
) -> None:
    limits = {field: 3}
    who = (
        principal(key_id=9, user=limits)
        if scope == "user"
        else principal(key_id=9, user={field: 100}, key=limits)
    )
    await _admit_n(limiter, who, 3)
    with pytest.raises(RateLimited) as caught:
        await limiter.admit(who, streaming=False)
    error = caught.value
    words = "this user" if scope == "user" else "this API key"
    assert error.message == f"rate limit exceeded: 3 requests per {window} for {words}"
    assert error.status == 429
    assert error.retry_after == math.ceil(span(Window(window), clock.now).end - clock.now)
    assert error.retry_after <= seconds
    assert error.headers["Retry-After"] == str(error.retry_after)
    assert error.headers["X-RateLimit-Limit"] == "3"
    assert error.headers["X-RateLimit-Remaining"] == "0"
    assert error.headers["X-RateLimit-Reset"] == str(error.retry_after)
    clock.advance(error.retry_after)
    await _admit_n(limiter, who, 3)


async def test_headers_describe_the_tightest_request_window(limiter: Limiter) -> None:
    who = principal(
        key_id=2,
        user={"requests_per_minute": 10, "requests_per_hour": 4},
        key={"requests_per_day": 50},
    )
    admission = await limiter.admit(who, streaming=False)
    assert admission.headers == {
        "X-RateLimit-Limit": "4",
        "X-RateLimit-Remaining": "3",
        "X-RateLimit-Reset": "3600",
    }


async def test_a_refused_request_is_not_counted(limiter: Limiter) -> None:
    who = principal(key_id=3, user={"requests_per_minute": 5}, key={"requests_per_minute": 2})
    await _admit_n(limiter, who, 2)
    for _ in range(3):
        with pytest.raises(RateLimited, match="for this API key"):
            await limiter.admit(who, streaming=False)
    other_key = principal(key_id=4, user={"requests_per_minute": 5}, key={"requests_per_minute": 2})
    await _admit_n(limiter, other_key, 2)  # the user bucket counted 2 + 2, not 2 + 3 refused
    state = await limiter.state(other_key)
    used = {(b.scope, b.kind): b.used for b in state.buckets}
    assert used[("user", "requests_per_minute")] == 4


@pytest.mark.parametrize(
    ("field", "window"), [("tokens_per_day", "day"), ("tokens_per_month", "month")]
)
@pytest.mark.parametrize("scope", ["user", "key"])
async def test_token_quotas_are_charged_at_settle_and_refuse_once_exhausted(
    limiter: Limiter, clock: Clock, field: str, window: str, scope: str
) -> None:
    limits = {field: 100}
    who = principal(key_id=5, user=limits) if scope == "user" else principal(key_id=5, key=limits)
    first = await limiter.admit(who, streaming=False)
    second = await limiter.admit(who, streaming=False)  # admitted: the quota is not used yet
    await first.settle(prompt_tokens=30, completion_tokens=40)
    await second.settle(prompt_tokens=20, completion_tokens=20)  # 110: over, charged in full
    with pytest.raises(RateLimited) as caught:
        await limiter.admit(who, streaming=False)
    words = "this user" if scope == "user" else "this API key"
    assert caught.value.message == f"token quota exhausted: 100 tokens per {window} for {words}"
    assert caught.value.details["used"] == 110
    clock.advance(caught.value.retry_after)
    await _admit_n(limiter, who, 1)


async def test_tokens_are_counted_without_a_quota_so_a_new_quota_sees_them(
    limiter: Limiter,
) -> None:
    admission = await limiter.admit(principal(key_id=1), streaming=False)
    await admission.settle(prompt_tokens=70, completion_tokens=0)
    with pytest.raises(RateLimited, match="tokens per day"):
        await limiter.admit(principal(key_id=1, user={"tokens_per_day": 50}), streaming=False)


@pytest.mark.parametrize("scope", ["user", "key"])
async def test_concurrent_streams_hold_a_slot_until_settled(limiter: Limiter, scope: str) -> None:
    limits = {"concurrent_streams": 2}
    who = principal(key_id=6, user=limits) if scope == "user" else principal(key_id=6, key=limits)
    first = await limiter.admit(who, streaming=True)
    second = await limiter.admit(who, streaming=True)
    await limiter.admit(who, streaming=False)  # not a stream: no slot needed
    with pytest.raises(RateLimited) as caught:
        await limiter.admit(who, streaming=True)
    words = "this user" if scope == "user" else "this API key"
    assert (
        caught.value.message == f"concurrent stream limit reached: 2 streams at a time for {words}"
    )
    assert caught.value.retry_after == 1
    await first.settle(prompt_tokens=1, completion_tokens=1)
    await first.settle(prompt_tokens=1, completion_tokens=1)  # a second settle changes nothing
    third = await limiter.admit(who, streaming=True)
    with pytest.raises(RateLimited):
        await limiter.admit(who, streaming=True)
    await second.settle(prompt_tokens=0, completion_tokens=0)
    await third.settle(prompt_tokens=0, completion_tokens=0)


async def test_zero_means_none_allowed_and_none_means_unlimited(limiter: Limiter) -> None:
    with pytest.raises(RateLimited, match="0 requests per minute"):
        await limiter.admit(principal(user={"requests_per_minute": 0}), streaming=False)
    admission = await limiter.admit(principal(user={}), streaming=True)
    assert admission.headers == {}
    await _admit_n(limiter, principal(user={}), 50, streaming=True)


async def test_retry_after_waits_for_every_full_bucket(limiter: Limiter) -> None:
    who = principal(key_id=8, user={"requests_per_minute": 1, "requests_per_hour": 1})
    await _admit_n(limiter, who, 1)
    with pytest.raises(RateLimited) as caught:
        await limiter.admit(who, streaming=False)
    assert caught.value.message == "rate limit exceeded: 1 requests per hour for this user"
    assert caught.value.retry_after >= 3599
    assert set(caught.value.details["exceeded"]) == {
        "user.requests_per_minute",
        "user.requests_per_hour",
    }


async def test_refusals_are_counted_in_metrics(limiter: Limiter, metrics: Metrics) -> None:
    who = principal(key_id=1, key={"requests_per_minute": 1})
    await _admit_n(limiter, who, 1)
    for _ in range(2):
        with pytest.raises(RateLimited):
            await limiter.admit(who, streaming=False)
    value = metrics.registry.get_sample_value(
        "ollama_gateway_rate_limited_total", {"scope": "key", "kind": "requests_per_minute"}
    )
    assert value == 2


async def test_concurrent_admissions_never_over_admit(limiter: Limiter) -> None:
    who = principal(key_id=1, user={"requests_per_minute": 25, "concurrent_streams": 1000})

    async def attempt() -> bool:
        try:
            await limiter.admit(who, streaming=True)
        except RateLimited:
            return False
        return True

    results = await asyncio.gather(*(attempt() for _ in range(120)))
    assert sum(results) == 25


async def test_state_reports_limits_use_and_reset(limiter: Limiter) -> None:
    who = principal(
        key_id=3,
        user={"requests_per_minute": 10, "tokens_per_month": 1000},
        key={"concurrent_streams": 2},
    )
    admission = await limiter.admit(who, streaming=True)
    await limiter.admit(who, streaming=False)
    await admission.settle(prompt_tokens=5, completion_tokens=7)
    held = await limiter.admit(who, streaming=True)
    state = await limiter.state(who)
    rows = {(b.scope, b.kind): b for b in state.buckets}
    assert set(rows) == {
        ("user", "requests_per_minute"),
        ("user", "tokens_per_month"),
        ("key", "concurrent_streams"),
    }
    assert (
        rows[("user", "requests_per_minute")].used,
        rows[("user", "requests_per_minute")].remaining,
    ) == (3, 7)
    assert rows[("user", "requests_per_minute")].reset_seconds == 60
    assert rows[("user", "tokens_per_month")].used == 12
    assert rows[("key", "concurrent_streams")].used == 1
    assert rows[("key", "concurrent_streams")].reset_seconds is None
    assert state.key_limits is not None
    assert state.key_limits.concurrent_streams == 2
    await held.settle(prompt_tokens=0, completion_tokens=0)


async def test_keyed_throttle(limiter: Limiter, clock: Clock) -> None:
    decisions = [await limiter.hit("login:alice", 3, 60) for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert [d.remaining for d in decisions] == [2, 1, 0, 0]
    assert decisions[-1].retry_after == 60
    assert decisions[-1].headers["X-RateLimit-Limit"] == "3"
    assert (await limiter.hit("login:bob", 3, 60)).allowed
    clock.advance(60)
    assert (await limiter.hit("login:alice", 3, 60)).allowed


async def test_a_changed_limit_applies_on_the_next_request(limiter: Limiter) -> None:
    await _admit_n(limiter, principal(key_id=4, key={"requests_per_minute": 5}), 3)
    tighter = principal(key_id=4, key={"requests_per_minute": 3})  # same key, new limits
    with pytest.raises(RateLimited, match="3 requests per minute for this API key"):
        await limiter.admit(tighter, streaming=False)
    looser = principal(key_id=4, key={"requests_per_minute": 4})
    await _admit_n(limiter, looser, 1)
