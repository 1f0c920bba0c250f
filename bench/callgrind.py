"""Instructions per proxied request, counted by callgrind: a measure that machine noise cannot move.

The wall-clock benchmark (``run.py``) varies by ±15% or more on a shared machine, too much to see a
change of a few per cent.  This runs the gateway (one process, the same settings as ``run.py``)
under ``valgrind --tool=callgrind`` with instrumentation off, warms it up, then counts the
instructions it executes while wrk sends non-streaming ``POST /api/chat`` requests at the given
concurrency, and divides by the requests completed.  Same binary, same inputs: the same count
within a fraction of a per cent from run to run (start-up, imports and warm-up are not counted).

    .venv/bin/python bench/callgrind.py [--concurrency 64] [--seconds 20] [--pythonpath DIR]

``--pythonpath`` runs another checkout's ``src`` (e.g. a ``git worktree`` of an older commit) with
this venv, to compare two commits on the same machine.  Needs valgrind (``callgrind_control``) and
wrk.  Under valgrind the gateway runs some 50 times slower; a run takes about two minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # bench/run.py: process helpers, the gateway's settings


def _callgrind_control(*args: str) -> None:
    subprocess.run(["callgrind_control", *args], check=True, capture_output=True, timeout=120)


def _total_instructions(out_dir: Path) -> int:
    total = 0
    for part in out_dir.glob("cg.out*"):
        match = re.search(r"^totals: (\d+)", part.read_text(), re.MULTILINE)
        if match:
            total += int(match.group(1))
    return total


def measure(args: argparse.Namespace) -> dict[str, float]:
    for tool in ("valgrind", "callgrind_control", "wrk"):
        if shutil.which(tool) is None:
            raise SystemExit(f"callgrind.py: {tool} not found (apt-get install valgrind wrk)")
    tmp = Path(tempfile.mkdtemp(prefix="og-callgrind-"))
    backend_port, port = run.free_port(), run.free_port()
    backend = run.Proc(
        "backend",
        [sys.executable, str(run.BENCH_DIR / "fake_backend.py"), "--port", str(backend_port)],
        tmp / "backend.log",
    )
    password = "Bench-callgrind-9a!-" + os.urandom(8).hex()
    env = run.gateway_env(argparse.Namespace(gateway_env=[]), tmp, backend_port, password)
    if args.pythonpath:
        env["PYTHONPATH"] = str(Path(args.pythonpath).resolve())
    code = "import sys; from ollama_gateway.cli import main; sys.argv[0] = 'ollama-gateway'; main()"
    gateway = run.Proc(
        "gateway",
        [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={tmp / 'cg.out'}",
            sys.executable,
            "-c",
            code,
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
        ],
        tmp / "gateway.log",
        env=env,
        cwd=tmp,
    )
    try:
        run.wait_http(backend_port, "/api/version", backend, 30, lambda s: s == 200)
        run.wait_http(port, "/health", gateway, 600, lambda s: s < 500)
        key = run.gateway_api_key(port, "bench", password)
        body = tmp / "chat.json"
        body.write_text(json.dumps(run.bodies()["chat"]))
        wrk_env = dict(os.environ, BENCH_WRK_DIR=str(run.BENCH_DIR / "wrk"))
        wrk_env["BENCH_BODY_FILE"] = str(body)

        def load(seconds: float) -> int:
            argv = ["wrk", "-t1", f"-c{args.concurrency}", f"-d{round(seconds)}s"]
            argv += ["--timeout", "30s", "-s", str(run.BENCH_DIR / "wrk" / "post.lua")]
            argv += ["-H", f"Authorization: Bearer {key}", f"http://127.0.0.1:{port}/api/chat"]
            out = subprocess.run(argv, capture_output=True, text=True, env=wrk_env, check=True)
            done = re.search(r"(\d+) requests in", out.stdout)
            errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out.stdout)
            if done is None or errors is not None:
                raise SystemExit(f"callgrind.py: wrk failed:\n{out.stdout}\n{out.stderr}")
            return int(done.group(1))

        load(args.seconds / 2)  # warm-up, not counted
        _callgrind_control("-i", "on", str(gateway.pid))
        started = time.monotonic()
        requests = load(args.seconds)
        _callgrind_control("-i", "off", str(gateway.pid))
        elapsed = time.monotonic() - started
        for part in tmp.glob("cg.out*"):
            part.unlink()
        _callgrind_control("-d", str(gateway.pid))
        time.sleep(1)
        instructions = _total_instructions(tmp)
    finally:
        gateway.stop(timeout=60)
        backend.stop()
    if os.environ.get("CALLGRIND_KEEP"):
        print(f"kept {tmp}", file=sys.stderr)
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return {
        "requests": requests,
        "seconds": round(elapsed, 1),
        "instructions": instructions,
        "instructions_per_request": round(instructions / max(1, requests)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--pythonpath", default="", help="another checkout's src directory")
    print(json.dumps(measure(parser.parse_args())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
