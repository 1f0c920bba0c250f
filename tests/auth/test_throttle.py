"""Unit tests of the in-process login throttle (sliding window per key)."""

from __future__ import annotations

from ollama_gateway.auth.throttle import MemoryThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


async def test_sliding_window_allows_limit_then_says_how_long_to_wait() -> None:
    clock = Clock()
    throttle = MemoryThrottle(clock=clock)
    for _ in range(5):
        assert await throttle.hit("ip:1", limit=5, window=60) is None
    wait = await throttle.hit("ip:1", limit=5, window=60)
    assert wait == 60
    assert await throttle.hit("ip:2", limit=5, window=60) is None  # keys are independent
    clock.now += 30
    assert await throttle.hit("ip:1", limit=5, window=60) == 30
    clock.now += 30.5
    assert await throttle.hit("ip:1", limit=5, window=60) is None


async def test_memory_stays_bounded() -> None:
    clock = Clock()
    throttle = MemoryThrottle(clock=clock, max_keys=100)
    for n in range(1000):
        await throttle.hit(f"k{n}", limit=5, window=60)
        clock.now += 1
    assert len(throttle._hits) <= 100
