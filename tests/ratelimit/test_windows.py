"""Clock-aligned windows: minute, hour and day by the epoch, month by the calendar (UTC)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ollama_gateway.ratelimit.windows import Window, span


def _ts(*args: int) -> float:
    return datetime(*args, tzinfo=UTC).timestamp()  # type: ignore[misc]


@pytest.mark.parametrize(
    ("window", "now", "start", "end"),
    [
        (
            Window.MINUTE,
            _ts(2025, 3, 4, 10, 20, 30),
            _ts(2025, 3, 4, 10, 20),
            _ts(2025, 3, 4, 10, 21),
        ),
        (Window.HOUR, _ts(2025, 3, 4, 10, 20, 30), _ts(2025, 3, 4, 10), _ts(2025, 3, 4, 11)),
        (Window.DAY, _ts(2025, 3, 4, 23, 59, 59), _ts(2025, 3, 4), _ts(2025, 3, 5)),
        (Window.MONTH, _ts(2025, 2, 28, 12), _ts(2025, 2, 1), _ts(2025, 3, 1)),
        (Window.MONTH, _ts(2024, 12, 31, 23, 59, 59), _ts(2024, 12, 1), _ts(2025, 1, 1)),
        (Window.MONTH, _ts(2025, 1, 1), _ts(2025, 1, 1), _ts(2025, 2, 1)),
    ],
)
def test_windows_are_aligned_to_the_utc_clock(
    window: Window, now: float, start: float, end: float
) -> None:
    found = span(window, now)
    assert (found.start, found.end) == (start, end)
    assert span(window, end).index == found.index + 1
    assert found.reset_after(now) == max(1, int(end - now))
