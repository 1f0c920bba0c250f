"""The published figures read off summed rollup rows: percentiles agree with the histogram's."""

from __future__ import annotations

import random

import pytest

from ollama_gateway.usage import histogram, stats


def _histograms() -> list[list[float]]:
    rng = random.Random(7)
    found: list[list[float]] = [
        [0.0] * histogram.BUCKETS,  # empty
        [5.0] + [0.0] * (histogram.BUCKETS - 1),  # all under a millisecond
        [0.0] * (histogram.BUCKETS - 1) + [3.0],  # all in the open last bucket
        [3.0, 0.0, 0.0, 2.0] + [0.0] * (histogram.BUCKETS - 4),  # ranks on a bucket's edge
    ]
    for _ in range(300):
        sparse = rng.random() < 0.5
        found.append(
            [
                float(rng.randint(0, 50)) if not sparse or rng.random() < 0.2 else 0.0
                for _ in range(histogram.BUCKETS)
            ]
        )
    return found


@pytest.mark.parametrize("qs", [(0.5, 0.95, 0.99), (0.5, 0.95), (0.01, 1.0)])
def test_quantiles_read_the_histogram_as_its_percentile_does(qs: tuple[float, ...]) -> None:
    for counts in _histograms():
        expected = [histogram.percentile(counts, q) for q in qs]
        assert stats.quantiles(counts, qs) == [
            None if value is None else round(value, 2) for value in expected
        ], counts
