"""Scale on one machine: ``serve --workers 2`` against ``--workers 1``, side by side.

Runs ``bench/run.py`` twice on the gateway alone (no pinning: the workers, the fake backend
and wrk share the machine's cores, as they would in production on a host of that size), with
Redis shared by the workers (limits and metering on, as in the main benchmark), then prints the
non-streaming chat throughput at 64 connections of each run, their ratio, and the CPU share the
load generator and the fake backend took (what the gateway could not have), so the ratio can be
read for what it is on a 2-core machine.

    .venv/bin/python bench/workers.py [--quick] [--duration 6]

Results: ``bench/results/workers-1.json``, ``workers-2.json`` and the table on stdout.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
CMD = "{bin}/ollama-gateway serve --host {host} --port {port} --workers %d"


def run(workers: int, args: argparse.Namespace) -> dict[str, Any]:
    out = RESULTS / f"workers-{workers}.md"
    argv = [
        sys.executable,
        str(HERE / "run.py"),
        "--targets",
        "gateway",
        "--no-capacity",
        "--proxy-cpu",
        "",
        "--load-cpu",
        "",
        "--hold-streams",
        "50",
        "--gateway-cmd",
        CMD % workers,
        "--gateway-env",
        f"REDIS_URL={args.redis_url}",
        "--gateway-env",
        f"REDIS_KEY_PREFIX=bench-workers-{workers}",
        "--out",
        str(out),
    ]
    if args.quick:
        argv.append("--quick")
    if args.duration:
        argv += ["--duration", str(args.duration)]
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    data: dict[str, Any] = json.loads(out.with_suffix(".json").read_text())
    return data


def chat(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = data["results"]["gateway"]["chat:c64"]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--duration", type=float, default=0)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    args = parser.parse_args()
    one, two = chat(run(1, args)), chat(run(2, args))
    print("| workers | chat c=64 req/s | p50 ms | wrk + fake backend CPU, % of one core |")
    print("|---|---|---|---|")
    for n, res in ((1, one), (2, two)):
        load = res.get("load_cpu_pct", 0) + res.get("backend_cpu_pct", 0)
        print(f"| {n} | {res.get('rps', 0):.0f} | {res.get('p50_ms', 0):.2f} | {load:.0f} |")
    ratio = two.get("rps", 0) / max(1e-9, one.get("rps", 0))
    print(f"\n--workers 2 / --workers 1 throughput: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
