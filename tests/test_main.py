"""The serving process's entry tunes its garbage collector; ``create_app`` alone does not."""

from __future__ import annotations

import gc
import subprocess
import sys

from ollama_gateway.main import _GC_YOUNG_THRESHOLD


def test_the_collector_is_tuned_only_where_asked() -> None:
    script = (
        "import gc; from ollama_gateway.main import _tune_gc; _tune_gc(); "
        "print(gc.get_threshold()[0], gc.get_freeze_count() > 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == [str(_GC_YOUNG_THRESHOLD), "True"]
    assert gc.get_threshold()[0] != _GC_YOUNG_THRESHOLD  # importing main changes nothing here
