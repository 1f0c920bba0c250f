"""Linux /proc readers shared by the benchmark: CPU time and RSS of a process tree.

This module owns every ``/proc`` access of the harness so the accounting rules live in
one place: CPU time is ``utime + stime`` (fields 14 and 15 of ``/proc/<pid>/stat``)
summed over a process and all its live descendants; memory is ``VmRSS`` summed the same
way (a process tree such as nginx master + worker, or a server with worker processes,
is charged as a whole).
"""

from __future__ import annotations

import os
from pathlib import Path

CLK_TCK = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    # comm (field 2) may contain spaces/parentheses: split after the last ')'.
    rest = raw[raw.rindex(")") + 2 :].split()
    return rest  # rest[0] is field 3 (state)


def children_map() -> dict[int, list[int]]:
    """ppid -> [pid, ...] for every process currently visible in /proc."""
    out: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        fields = _stat_fields(int(entry.name))
        if fields is None:
            continue
        out.setdefault(int(fields[1]), []).append(int(entry.name))
    return out


def process_tree(root: int) -> list[int]:
    """``root`` and all its live descendants."""
    kids = children_map()
    result: list[int] = []
    stack = [root]
    while stack:
        pid = stack.pop()
        if not Path(f"/proc/{pid}").exists():
            continue
        result.append(pid)
        stack.extend(kids.get(pid, []))
    return result


def cpu_seconds(pids: list[int]) -> float:
    """utime + stime of the given processes, in seconds (resolution 1/CLK_TCK)."""
    ticks = 0
    for pid in pids:
        fields = _stat_fields(pid)
        if fields is not None:
            ticks += int(fields[11]) + int(fields[12])  # fields 14, 15
    return ticks / CLK_TCK


def tree_cpu_seconds(root: int) -> float:
    return cpu_seconds(process_tree(root))


def rss_kib(pids: list[int]) -> int:
    """Sum of VmRSS (KiB) of the given processes."""
    total = 0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/status").read_text()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        for line in text.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
                break
    return total


def tree_rss_kib(root: int) -> int:
    return rss_kib(process_tree(root))
