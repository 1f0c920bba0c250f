"""Side-by-side benchmark orchestrator: direct backend vs nginx vs Ollama Gateway.

This module owns the whole benchmark run: it starts the fast fake Ollama
(``fake_backend.py``), Debian's nginx as a plain reverse proxy and the gateway (one
process, API-key auth on), pins them to CPU cores, drives load with wrk (non-streaming
requests and streaming throughput) and with ``stream_client.py`` (time to first chunk,
500 held-open streams), reads CPU time and RSS from /proc, and renders the markdown
table (printed and written to ``bench/results/latest.md``; raw numbers in
``latest.json``).  Every process it starts is stopped at the end, whatever happens.

CPU pinning (2-core machine, configurable with ``--proxy-cpu`` / ``--load-cpu``): the
proxy under test (nginx *or* the gateway) runs alone on core 0; the fake backend and the
load generator (wrk or the stream client) share core 1.  All traffic goes to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import platform
import re
import resource
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import procstat

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent

MODEL = "llama3.2:1b"
STREAM_LINES = 200
PACED_LINES = 20
PACED_DELAY_S = 0.005
HOLD_DELAY_S = 1.0
MB = 1_000_000

TARGET_CHAT_C64_RATIO = 0.12
TARGET_P50_C1_DELTA_MS = 0.5
TARGET_LINES_C32_RATIO = 0.30
TARGET_RSS_MB = 150.0

DEFAULT_GATEWAY_CMD = "{bin}/ollama-gateway serve --host {host} --port {port} --workers 1"


class BenchError(RuntimeError):
    """A component could not be started or answered wrongly."""


def log(msg: str) -> None:
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {msg}\n")
    sys.stderr.flush()


# ------------------------------------------------------------------------------------------
# processes
# ------------------------------------------------------------------------------------------


class Proc:
    """A child process in its own session (so its whole group can be signalled)."""

    def __init__(
        self,
        name: str,
        argv: list[str],
        logfile: Path,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        stop_signal: int = signal.SIGTERM,
    ) -> None:
        self.name = name
        self.logfile = logfile
        self.stop_signal = stop_signal
        self._log = logfile.open("wb")
        log(f"start {name}: {shlex.join(argv)}")
        self.popen = subprocess.Popen(
            argv,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def tail(self, lines: int = 30) -> str:
        try:
            text = self.logfile.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 10.0) -> None:
        if self.alive():
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, self.stop_signal)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.pid, signal.SIGKILL)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.popen.wait(5)
        else:
            # the leader is gone; make sure no straggler of its group survives
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signal.SIGKILL)
        self._log.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def taskset(cpu: str | None, argv: list[str]) -> list[str]:
    return ["taskset", "-c", cpu, *argv] if cpu else argv


def http_request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 10.0,
) -> tuple[int, bytes]:
    """One HTTP/1.1 request to 127.0.0.1 (chunked bodies are decoded by http.client)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        hdrs = {"Content-Type": "application/json"} if body is not None else {}
        hdrs.update(headers or {})
        conn.request(method, path, body=body, headers=hdrs)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def wait_http(port: int, path: str, proc: Proc, timeout: float, ok: Callable[[int], bool]) -> None:
    """Poll until the server answers ``path`` with an acceptable status."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if not proc.alive():
            raise BenchError(
                f"{proc.name} exited with code {proc.popen.returncode} before it was ready; "
                f"last log lines ({proc.logfile}):\n{proc.tail()}"
            )
        try:
            status, _ = http_request(port, "GET", path, timeout=2)
            if ok(status):
                return
            last = f"HTTP {status}"
        except OSError as exc:
            last = f"{type(exc).__name__}: {exc}"
        time.sleep(0.2)
    raise BenchError(
        f"{proc.name} not ready on port {port} after {timeout:.0f}s ({last}); "
        f"last log lines ({proc.logfile}):\n{proc.tail()}"
    )


# ------------------------------------------------------------------------------------------
# request bodies
# ------------------------------------------------------------------------------------------

MESSAGES = [
    {"role": "system", "content": "You are a concise assistant."},
    {"role": "user", "content": "Why is the sky blue? Answer in two sentences."},
]


def bodies() -> dict[str, dict[str, Any]]:
    return {
        "chat": {"model": MODEL, "messages": MESSAGES, "stream": False},
        "ndjson": {
            "model": MODEL,
            "messages": MESSAGES,
            "stream": True,
            "options": {"num_predict": STREAM_LINES},
        },
        # 197 content chunks + finish chunk + usage chunk + [DONE] = 200 SSE events
        "sse": {
            "model": MODEL,
            "messages": MESSAGES,
            "stream": True,
            "max_tokens": STREAM_LINES - 3,
            "stream_options": {"include_usage": True},
        },
        "ndjson_paced": {
            "model": MODEL,
            "messages": MESSAGES,
            "stream": True,
            "options": {"num_predict": PACED_LINES, "bench_delay": PACED_DELAY_S},
        },
        "sse_paced": {
            "model": MODEL,
            "messages": MESSAGES,
            "stream": True,
            "max_tokens": PACED_LINES - 3,
            "stream_options": {"include_usage": True},
            "bench_delay": PACED_DELAY_S,
        },
        "ndjson_slow": {
            "model": MODEL,
            "messages": MESSAGES,
            "stream": True,
            "options": {"num_predict": 600, "bench_delay": HOLD_DELAY_S},
        },
    }


STREAM_PATH = {"ndjson": "/api/chat", "sse": "/v1/chat/completions"}


# ------------------------------------------------------------------------------------------
# measurement plumbing
# ------------------------------------------------------------------------------------------


@dataclass
class Target:
    name: str
    port: int
    headers: dict[str, str] = field(default_factory=dict)
    proc: Proc | None = None  # the proxy process (None for direct)
    error: str | None = None  # set when the target could not be measured at all
    broken: dict[str, str] = field(default_factory=dict)  # test group -> preflight error
    limits: str | None = None  # the gateway's X-RateLimit-Limit on a chat, "" when absent

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _cpu_times() -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    with open("/proc/stat") as fh:
        for line in fh:
            if line.startswith("cpu") and line[3].isdigit():
                parts = line.split()
                out[parts[0][3:]] = [int(x) for x in parts[1:]]
    return out


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


class Probe:
    """CPU accounting around one measurement: per-core busy/steal, proxy, backend, load.

    ``other_pct`` estimates CPU used by processes that are not part of the benchmark
    (core busy time minus softirq minus our own processes pinned to that core): a busy
    shared machine shows up there instead of silently skewing the numbers.
    """

    def __init__(
        self, proxy_pid: int | None, backend_pid: int, proxy_cpu: str, load_cpu: str
    ) -> None:
        self.proxy_pid = proxy_pid
        self.backend_pid = backend_pid
        self.proxy_cpu = proxy_cpu
        self.load_cpu = load_cpu
        self.result: dict[str, Any] = {}

    def __enter__(self) -> Probe:
        self.t0 = time.perf_counter()
        self.cores0 = _cpu_times()
        self.proxy0 = procstat.tree_cpu_seconds(self.proxy_pid) if self.proxy_pid else 0.0
        self.backend0 = procstat.tree_cpu_seconds(self.backend_pid)
        self.load0 = _children_cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        wall = time.perf_counter() - self.t0
        cores1 = _cpu_times()
        proxy = (procstat.tree_cpu_seconds(self.proxy_pid) if self.proxy_pid else 0.0) - self.proxy0
        backend = procstat.tree_cpu_seconds(self.backend_pid) - self.backend0
        load = _children_cpu() - self.load0
        cores = core_usage(self.cores0, cores1)
        pct = (lambda x: round(100 * x / wall, 1)) if wall else (lambda x: 0.0)
        res: dict[str, Any] = {
            "wall_s": round(wall, 3),
            "proxy_cpu_s": round(proxy, 3),
            "backend_cpu_s": round(backend, 3),
            "load_cpu_s": round(load, 3),
            "proxy_cpu_pct": pct(proxy),
            "backend_cpu_pct": pct(backend),
            "load_cpu_pct": pct(load),
            "cores": cores,
        }
        pc, lc = cores.get(self.proxy_cpu), cores.get(self.load_cpu)
        other_proxy = other_load = 0.0
        if pc is not None:
            other_proxy = max(0.0, pc["busy_pct"] - pc["softirq_pct"] - res["proxy_cpu_pct"])
        if lc is not None:
            ours = res["backend_cpu_pct"] + res["load_cpu_pct"]
            other_load = max(0.0, lc["busy_pct"] - lc["softirq_pct"] - ours)
        res["other_proxy_core_pct"] = round(other_proxy, 1)
        res["other_load_core_pct"] = round(other_load, 1)
        # for the direct target nothing of ours runs on the proxy core: only core 1 matters
        relevant = [other_load] if self.proxy_pid is None else [other_proxy, other_load]
        res["other_pct"] = round(max(relevant), 1)
        self.result = res


def core_usage(
    before: dict[str, list[int]], after: dict[str, list[int]]
) -> dict[str, dict[str, float]]:
    """Per-core busy / softirq / steal percentages between two /proc/stat readings."""
    cores: dict[str, dict[str, float]] = {}
    for cpu, b in after.items():
        a = before.get(cpu)
        if a is None:
            continue
        d = [y - x for x, y in zip(a, b, strict=False)] + [0] * 8
        total = sum(d[:8]) or 1
        cores[cpu] = {
            "busy_pct": round(100 * (total - d[3] - d[4]) / total, 1),
            "softirq_pct": round(100 * (d[5] + d[6]) / total, 1),
            "steal_pct": round(100 * d[7] / total, 1),
        }
    return cores


def wait_quiet(max_wait: float, threshold: float = 12.0) -> float:
    """Wait (bounded) until every core is below ``threshold`` % busy; returns seconds waited."""
    t0 = time.monotonic()
    while True:
        a = _cpu_times()
        time.sleep(0.3)
        usage = core_usage(a, _cpu_times())
        waited = time.monotonic() - t0
        if all(c["busy_pct"] < threshold for c in usage.values()) or waited >= max_wait:
            return waited


_WRK_JSON = re.compile(r"^BENCH_JSON (\{.*\})\s*$", re.MULTILINE)


@dataclass
class Bench:
    args: argparse.Namespace
    tmp: Path
    backend: Proc
    backend_port: int
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    noisy: list[str] = field(default_factory=list)
    retries_left: int = 6
    quiet_budget: float = 60.0
    body_files: dict[str, Path] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, body in bodies().items():
            path = self.tmp / f"body-{name}.json"
            path.write_text(json.dumps(body))
            self.body_files[name] = path

    # --- runners ---------------------------------------------------------------------------
    def probe(self, target: Target) -> Probe:
        return Probe(
            target.proc.pid if target.proc else None,
            self.backend.pid,
            self.args.proxy_cpu,
            self.args.load_cpu,
        )

    def wrk(
        self,
        target: Target,
        path: str,
        body: str | None,
        conns: int,
        duration: float,
        port: int | None = None,
    ) -> dict[str, Any]:
        script = "post.lua" if body else "get.lua"
        argv = [
            "wrk",
            "-t1",
            f"-c{conns}",
            f"-d{max(1, round(duration))}s",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            str(BENCH_DIR / "wrk" / script),
        ]
        for name, value in target.headers.items():
            argv += ["-H", f"{name}: {value}"]
        argv.append(f"http://127.0.0.1:{port or target.port}{path}")
        env = dict(os.environ, BENCH_WRK_DIR=str(BENCH_DIR / "wrk"))
        if body:
            env["BENCH_BODY_FILE"] = str(self.body_files[body])
        with self.probe(target) as probe:
            proc = subprocess.run(
                taskset(self.args.load_cpu, argv),
                capture_output=True,
                text=True,
                env=env,
                timeout=duration + 60,
                check=False,
            )
        match = _WRK_JSON.search(proc.stdout)
        if proc.returncode != 0 or not match:
            raise BenchError(f"wrk failed (rc={proc.returncode}): {proc.stdout}\n{proc.stderr}")
        raw = json.loads(match.group(1))
        secs = raw["duration_us"] / 1e6
        errors = sum(v for k, v in raw.items() if k.startswith("errors_"))
        res: dict[str, Any] = {
            "tool": "wrk",
            "conns": conns,
            "requests": raw["requests"],
            "rps": raw["requests"] / secs if secs else 0.0,
            "p50_ms": raw["p50_us"] / 1000,
            "p90_ms": raw["p90_us"] / 1000,
            "p99_ms": raw["p99_us"] / 1000,
            "max_ms": raw["max_us"] / 1000,
            "bytes_per_request": raw["bytes"] / raw["requests"] if raw["requests"] else 0,
            "errors": errors,
            "raw": raw,
            **probe.result,
        }
        if probe.result["proxy_cpu_s"] > 0:
            # what the proxy would do with its core to itself: 1 s / CPU time per request
            res["proxy_capacity_rps"] = raw["requests"] / probe.result["proxy_cpu_s"]
        if raw["requests"]:
            res["proxy_cpu_us_per_req"] = 1e6 * probe.result["proxy_cpu_s"] / raw["requests"]
            res["backend_cpu_us_per_req"] = 1e6 * probe.result["backend_cpu_s"] / raw["requests"]
        if not raw["requests"]:
            res["error"] = "no request completed"
        elif errors > 0.01 * raw["requests"]:
            kinds = {k[7:]: v for k, v in raw.items() if k.startswith("errors_") and v}
            res["error"] = f"{errors} failed of {raw['requests']} requests {kinds}"
        return res

    def stream_client(self, target: Target, extra: list[str], timeout: float) -> dict[str, Any]:
        argv = [sys.executable, str(BENCH_DIR / "stream_client.py"), *extra]
        for name, value in target.headers.items():
            argv += ["--header", f"{name}: {value}"]
        with self.probe(target) as probe:
            proc = subprocess.run(
                taskset(self.args.load_cpu, argv),
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        if proc.returncode != 0 or not proc.stdout.strip():
            raise BenchError(f"stream_client failed (rc={proc.returncode}): {proc.stderr[-2000:]}")
        res: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
        res.update(probe.result)
        if res.get("lines"):
            res["proxy_cpu_us_per_line"] = 1e6 * res["proxy_cpu_s"] / res["lines"]
        if res.get("client_cpu_pct", 0) > 85:
            self.notes.append(
                f"{target.name} {' '.join(extra[:1] + extra[-4:])}: the aiohttp stream client "
                f"used {res['client_cpu_pct']:.0f}% of a core, it may have limited this test"
            )
        bad = {
            k: res[k] for k in ("errors", "incomplete", "wrong_line_count", "failed") if res.get(k)
        }
        if bad:
            sample = "; ".join(res.get("error_samples", [])[:2])
            res["error"] = f"bad streams {bad} {sample}".strip()
        if "requested" in res and res.get("opened") != res["requested"]:
            res["error"] = f"only {res.get('opened')}/{res['requested']} streams opened " + str(
                res.get("error", "")
            )
        return res

    # --- tests -----------------------------------------------------------------------------
    def record(self, target: Target, key: str, fn: Callable[[], dict[str, Any]]) -> None:
        group = key.split(":", 1)[0]
        if group in target.broken:
            self.results.setdefault(target.name, {})[key] = {"error": target.broken[group]}
            return
        res: dict[str, Any] = {}
        for attempt in (1, 2):
            budget = min(self.args.quiet_wait, self.quiet_budget)
            waited = wait_quiet(budget)
            self.quiet_budget = max(0.0, self.quiet_budget - waited)
            if waited >= budget > 0:
                log(f"  machine still busy after {waited:.0f}s (other processes); measuring anyway")
            log(f"{target.name:8s} {key}" + (f" (attempt {attempt})" if attempt > 1 else ""))
            try:
                res = fn()
            except (BenchError, subprocess.TimeoutExpired, OSError, ValueError) as exc:
                res = {"error": str(exc)[:2000]}
                log(f"  ERROR {str(exc)[:500]}")
            res["attempts"] = attempt
            noisy = res.get("other_pct", 0.0) > self.args.noise_threshold
            if not noisy:
                break
            if self.retries_left <= 0 or attempt == 2:
                self.noisy.append(f"{target.name} {key} ({res['other_pct']:.0f}%)")
                break
            self.retries_left -= 1
            log(f"  {res['other_pct']:.0f}% CPU used by other processes: measuring again")
        self.results.setdefault(target.name, {})[key] = res
        summary = {
            k: round(v, 3) if isinstance(v, float) else v
            for k, v in res.items()
            if k
            in (
                "rps",
                "p50_ms",
                "p99_ms",
                "errors",
                "lines_per_s",
                "ttfc_p50_ms",
                "opened",
                "rss_max_kib",
                "proxy_cpu_pct",
                "load_cpu_pct",
                "other_pct",
            )
        }
        if summary:
            log(f"  {summary}")
        time.sleep(self.args.gap)

    def preflight(self, target: Target) -> None:
        """Check each endpoint once through the target; broken groups are skipped later."""
        h = target.headers
        b = {k: json.dumps(v).encode() for k, v in bodies().items()}
        checks: dict[str, Callable[[], str | None]] = {
            "tags": lambda: _check_tags(*http_request(target.port, "GET", "/api/tags", None, h)),
            "chat": lambda: _check_chat(
                *http_request(target.port, "POST", "/api/chat", b["chat"], h)
            ),
            "ndjson": lambda: _check_ndjson(
                *http_request(target.port, "POST", "/api/chat", b["ndjson"], h)
            ),
            "sse": lambda: _check_sse(
                *http_request(target.port, "POST", "/v1/chat/completions", b["sse"], h)
            ),
        }
        for group, check in checks.items():
            try:
                problem = check()
            except OSError as exc:
                problem = f"{type(exc).__name__}: {exc}"
            if problem:
                target.broken[group] = f"preflight failed: {problem}"
                log(f"{target.name}: {group} preflight failed: {problem}")
        if "ndjson" in target.broken:
            target.broken["hold"] = target.broken["ndjson"]

    def run_target(self, target: Target) -> None:
        a = self.args
        d = a.duration
        self.preflight(target)
        if "chat" not in target.broken:
            log(f"{target.name:8s} warm-up")
            with contextlib.suppress(BenchError, subprocess.TimeoutExpired):
                self.wrk(target, "/api/chat", "chat", 16, a.warmup)
        for c in (1, 16, 64):
            self.record(
                target, f"chat:c{c}", lambda c=c: self.wrk(target, "/api/chat", "chat", c, d)
            )
        tc = a.tags_concurrency
        self.record(target, f"tags:c{tc}", lambda: self.wrk(target, "/api/tags", None, tc, d))
        for mode in ("ndjson", "sse"):
            for c in (1, 32):
                self.record(
                    target,
                    f"{mode}:lines:c{c}",
                    lambda mode=mode, c=c: self._stream_lines(target, mode, c),
                )
        for mode in ("ndjson", "sse"):
            for c in (1, 32):
                self.record(
                    target,
                    f"{mode}:ttfc:c{c}",
                    lambda mode=mode, c=c: self.stream_client(
                        target,
                        [
                            "run",
                            "--url",
                            target.url + STREAM_PATH[mode],
                            "--body-file",
                            str(self.body_files[f"{mode}_paced"]),
                            "--mode",
                            mode,
                            "--concurrency",
                            str(c),
                            "--duration",
                            str(a.ttfc_duration),
                            "--expected-lines",
                            str(PACED_LINES),
                        ],
                        timeout=a.ttfc_duration + 90,
                    ),
                )
        if target.proc is not None and a.hold_streams > 0:
            self.record(target, "hold:rss", lambda: self._hold(target))

    def _stream_lines(self, target: Target, mode: str, conns: int) -> dict[str, Any]:
        """Streaming throughput with wrk: every response is one whole 200-line stream."""
        res = self.wrk(target, STREAM_PATH[mode], mode, conns, self.args.duration)
        res["lines_per_s"] = res["rps"] * STREAM_LINES
        if res["requests"]:
            res["proxy_cpu_us_per_line"] = res["proxy_cpu_us_per_req"] / STREAM_LINES
        if "proxy_capacity_rps" in res:
            res["proxy_capacity_lps"] = res["proxy_capacity_rps"] * STREAM_LINES
        # a 200-line stream is ~24-30 kB; a much smaller average means truncated answers
        if res["requests"] and res["bytes_per_request"] < STREAM_LINES * 80:
            res["error"] = f"responses too small ({res['bytes_per_request']:.0f} B/stream)"
        return res

    def _hold(self, target: Target) -> dict[str, Any]:
        assert target.proc is not None
        a = self.args
        time.sleep(0.5)
        idle = procstat.tree_rss_kib(target.proc.pid)
        res = self.stream_client(
            target,
            [
                "hold",
                "--url",
                target.url + "/api/chat",
                "--body-file",
                str(self.body_files["ndjson_slow"]),
                "--streams",
                str(a.hold_streams),
                "--hold",
                str(a.hold_seconds),
                "--open-timeout",
                "60",
                "--rss-pid",
                str(target.proc.pid),
            ],
            timeout=a.hold_seconds + 150,
        )
        res["rss_idle_kib"] = idle
        return res

    def backend_capacity(self) -> None:
        """The fake backend alone on the proxy core (nothing else there), load on the other."""
        port = free_port()
        proc = Proc(
            "backend-capacity",
            taskset(
                self.args.proxy_cpu,
                [sys.executable, str(BENCH_DIR / "fake_backend.py"), "--port", str(port)],
            ),
            self.tmp / "backend-capacity.log",
        )
        try:
            wait_http(port, "/", proc, 20, lambda s: s == 200)
            target = Target("capacity", port)
            probe_target = Target("capacity", port, proc=proc)
            self.record(
                target,
                "chat:c64",
                lambda: self.wrk(probe_target, "/api/chat", "chat", 64, self.args.duration),
            )
            self.record(
                target, "ndjson:lines:c32", lambda: self._stream_lines(probe_target, "ndjson", 32)
            )
        finally:
            proc.stop()


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        return None


def _check_tags(status: int, body: bytes) -> str | None:
    obj = _json(body)
    if status != 200 or not isinstance(obj, dict) or not isinstance(obj.get("models"), list):
        return f"GET /api/tags -> HTTP {status} {body[:200]!r}"
    return None


def _check_chat(status: int, body: bytes) -> str | None:
    obj = _json(body)
    if status != 200 or not isinstance(obj, dict) or obj.get("done") is not True:
        return f"POST /api/chat -> HTTP {status} {body[:200]!r}"
    return None


def _check_ndjson(status: int, body: bytes) -> str | None:
    lines = [ln for ln in body.split(b"\n") if ln.strip()]
    last = _json(lines[-1]) if lines else None
    if status != 200 or len(lines) != STREAM_LINES or not isinstance(last, dict):
        return f"stream /api/chat -> HTTP {status}, {len(lines)} lines {body[:200]!r}"
    if last.get("done") is not True:
        return "stream /api/chat: last line is not done:true"
    return None


def _check_sse(status: int, body: bytes) -> str | None:
    events = [e for e in body.replace(b"\r\n", b"\n").split(b"\n\n") if e.strip()]
    if status != 200 or len(events) != STREAM_LINES:
        return f"SSE /v1/chat/completions -> HTTP {status}, {len(events)} events {body[:200]!r}"
    if events[-1].strip() not in (b"data: [DONE]", b"data:[DONE]"):
        return "SSE /v1/chat/completions: does not end with data: [DONE]"
    return None


# ------------------------------------------------------------------------------------------
# starting nginx and the gateway
# ------------------------------------------------------------------------------------------


def start_nginx(args: argparse.Namespace, tmp: Path, backend_port: int) -> Target:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        return Target("nginx", 0, error="nginx not installed (run bench/run.sh)")
    port = free_port()
    conf = (BENCH_DIR / "nginx.conf.template").read_text()
    for key, value in {
        "tmpdir": str(tmp),
        "port": str(port),
        "backend_port": str(backend_port),
    }.items():
        conf = conf.replace("{{" + key + "}}", value)
    if re.search(r"\{\{\w+\}\}", conf):
        raise BenchError("unfilled placeholder in nginx.conf.template")
    conf_path = tmp / "nginx.conf"
    conf_path.write_text(conf)
    base = [nginx, "-p", str(tmp), "-c", str(conf_path), "-e", str(tmp / "nginx-error.log")]
    check = subprocess.run([*base, "-t"], capture_output=True, text=True, check=False)
    if check.returncode != 0:
        return Target("nginx", port, error=f"nginx -t failed: {check.stderr.strip()}")
    proc = Proc("nginx", taskset(args.proxy_cpu, base), tmp / "nginx.log")
    target = Target("nginx", port, proc=proc)
    try:
        wait_http(port, "/", proc, 20, lambda s: s == 200)
    except BenchError as exc:
        target.error = str(exc)
    return target


def source_version() -> str:
    """``commit <sha>``, noting uncommitted changes to the gateway's source (``src/``)."""
    commit = _version(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"])
    git = ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no", "--", "src"]
    try:
        dirty = bool(subprocess.run(git, capture_output=True, text=True, check=False).stdout)
    except OSError:
        dirty = False
    return f"commit {commit}" + (" with uncommitted changes in src/" if dirty else "")


#: The gateway settings every run uses, shown in the report.  The fake backend has no
#: parallelism limit (like OLLAMA_NUM_PARALLEL=1024) and nginx does not cache: measure the proxy
#: path, not the admission queue or cache hits.  The bench user is the first admin; limits apply
#: to it as to any user (``RATE_LIMIT_ADMIN_UNLIMITED=false``), set far above what a run reaches,
#: so every request takes the full check-and-charge path and writes its usage record.
MEASURED_ENV = {
    "UPSTREAM_MAX_IN_FLIGHT": "1024",
    "CACHE_ENABLED": "false",
    "LOG_LEVEL": "WARNING",
    "RATE_LIMIT_ADMIN_UNLIMITED": "false",
    "RATE_LIMIT_PER_MINUTE": "1000000000",
    "RATE_LIMIT_TOKENS_PER_DAY": "1000000000000",
    "RATE_LIMIT_CONCURRENT_STREAMS": "100000",
}


def gateway_env(
    args: argparse.Namespace, tmp: Path, backend_port: int, password: str
) -> dict[str, str]:
    data = tmp / "gateway-data"
    data.mkdir(exist_ok=True)
    env = dict(os.environ)
    env.update(
        {
            "OLLAMA_API_BASE_URL": f"http://127.0.0.1:{backend_port}",
            "DATABASE_URL": f"sqlite+aiosqlite:///{data / 'bench.db'}",
            "DATA_DIR": str(data),
            "ADMIN_USERNAME": "bench",
            "ADMIN_EMAIL": "bench@localhost",
            "ADMIN_PASSWORD": password,
            "SECRET_KEY": secrets.token_urlsafe(48),
            **MEASURED_ENV,
        }
    )
    for item in args.gateway_env:
        name, sep, value = item.partition("=")
        if not sep:
            raise BenchError(f"--gateway-env needs NAME=VALUE, got {item!r}")
        env[name] = value
    return env


def _post_json(port: int, path: str, payload: dict[str, Any], headers: dict[str, str]) -> Any:
    status, body = http_request(
        port, "POST", path, json.dumps(payload).encode(), headers, timeout=30
    )
    if status not in (200, 201):
        raise BenchError(f"POST {path} -> HTTP {status}: {body[:300]!r}")
    return _json(body)


def gateway_api_key(port: int, username: str, password: str) -> str:
    """Log in as the bench admin and create an API key (the secret is in field ``key``)."""
    try:
        login = _post_json(
            port, "/api/auth/login", {"username": username, "password": password}, {}
        )
    except BenchError:
        # OAuth2 password-flow form as a fallback
        form = f"username={username}&password={password}".encode()
        status, body = http_request(
            port,
            "POST",
            "/api/auth/login",
            form,
            {"Content-Type": "application/x-www-form-urlencoded"},
            timeout=30,
        )
        if status != 200:
            raise BenchError(f"login failed: HTTP {status}: {body[:300]!r}") from None
        login = _json(body)
    token = login.get("access_token") if isinstance(login, dict) else None
    if not isinstance(token, str):
        raise BenchError(f"login answer has no access_token: {str(login)[:300]}")
    created = _post_json(
        port, "/api/auth/api-keys", {"name": "bench"}, {"Authorization": f"Bearer {token}"}
    )
    key = created.get("key") if isinstance(created, dict) else None
    if not isinstance(key, str):
        raise BenchError(f"API key answer has no 'key': {str(created)[:300]}")
    return key


def _rate_limit_header(port: int, headers: dict[str, str]) -> str:
    """The ``X-RateLimit-Limit`` a non-streaming chat answers with ("" without limits)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        body = json.dumps(bodies()["chat"]).encode()
        conn.request("POST", "/api/chat", body, {"Content-Type": "application/json", **headers})
        resp = conn.getresponse()
        resp.read()
        return resp.getheader("x-ratelimit-limit") or ""
    finally:
        conn.close()


def start_gateway(args: argparse.Namespace, tmp: Path, backend_port: int) -> Target:
    port = free_port()
    bin_dir = str(Path(sys.executable).parent)
    cmd = args.gateway_cmd or DEFAULT_GATEWAY_CMD
    argv = [part.format(host="127.0.0.1", port=port, bin=bin_dir) for part in shlex.split(cmd)]
    exe = shutil.which(argv[0]) if not os.path.isabs(argv[0]) else argv[0]
    if not exe or not os.access(exe, os.X_OK):
        return Target("gateway", port, error=f"gateway command not found: {argv[0]}")
    password = "Bench-" + secrets.token_urlsafe(24) + "-9a!"
    env = gateway_env(args, tmp, backend_port, password)
    proc = Proc("gateway", taskset(args.proxy_cpu, argv), tmp / "gateway.log", env=env, cwd=tmp)
    target = Target("gateway", port, proc=proc)
    try:
        wait_http(port, args.gateway_health, proc, args.gateway_timeout, lambda s: s < 500)
        key = args.api_key or gateway_api_key(port, "bench", password)
        target.headers = {"Authorization": f"Bearer {key}"}
        # the key must be accepted on a proxied route
        status, body = http_request(port, "GET", "/api/tags", None, target.headers)
        if status == 401 or status == 403:
            raise BenchError(f"API key rejected on /api/tags: HTTP {status} {body[:200]!r}")
        target.limits = _rate_limit_header(port, target.headers)
        log(f"gateway: X-RateLimit-Limit on /api/chat: {target.limits or 'absent (no limits)'}")
    except (BenchError, OSError) as exc:
        target.error = f"{exc}"
        log(f"gateway unusable: {exc}")
    return target


# ------------------------------------------------------------------------------------------
# report
# ------------------------------------------------------------------------------------------


def _get(results: dict[str, dict[str, Any]], target: str, key: str, field_: str) -> float | None:
    res = results.get(target, {}).get(key)
    if target == "direct" and field_.startswith("proxy_"):
        return None
    if not isinstance(res, dict) or "error" in res:
        return None
    value = res.get(field_)
    return float(value) if isinstance(value, int | float) else None


def _fmt(value: float | None, kind: str) -> str:
    if value is None:
        return "n/a"
    if kind == "rate":
        return f"{value:,.0f}"
    if kind == "ms":
        return f"{value:.2f}"
    if kind == "us":
        return f"{value:.0f}"
    if kind == "us2":
        return f"{value:.2f}"
    if kind == "mb":
        return f"{value:.1f}"
    return f"{value}"


@dataclass
class Row:
    label: str
    key: str
    field: str
    kind: str
    scale: float = 1.0
    compare: str = "ratio"  # ratio | delta | none
    target: str = ""
    check: Callable[[float | None, float | None], bool | None] | None = None


def _ratio_check(minimum: float) -> Callable[[float | None, float | None], bool | None]:
    def check(gw: float | None, ng: float | None) -> bool | None:
        if gw is None or ng is None or ng == 0:
            return None
        return gw / ng >= minimum

    return check


def _delta_check(maximum: float) -> Callable[[float | None, float | None], bool | None]:
    def check(gw: float | None, ng: float | None) -> bool | None:
        if gw is None or ng is None:
            return None
        return gw - ng <= maximum

    return check


def _rss_check(gw: float | None, _ng: float | None) -> bool | None:
    return None if gw is None else gw < TARGET_RSS_MB


def rows(args: argparse.Namespace) -> list[Row]:
    tc = args.tags_concurrency
    hs = args.hold_streams
    out = []
    for c in (1, 16, 64):
        tgt, chk = "", None
        if c == 64:
            tgt, chk = (
                f">= {TARGET_CHAT_C64_RATIO:.0%} of nginx",
                _ratio_check(TARGET_CHAT_C64_RATIO),
            )
        out.append(
            Row(
                f"chat (stream:false) c={c}: req/s",
                f"chat:c{c}",
                "rps",
                "rate",
                target=tgt,
                check=chk,
            )
        )
        tgt, chk = "", None
        if c == 1:
            tgt, chk = (
                f"<= nginx + {TARGET_P50_C1_DELTA_MS} ms",
                _delta_check(TARGET_P50_C1_DELTA_MS),
            )
        out.append(
            Row(
                f"chat c={c}: p50 ms",
                f"chat:c{c}",
                "p50_ms",
                "ms",
                compare="delta",
                target=tgt,
                check=chk,
            )
        )
        out.append(Row(f"chat c={c}: p99 ms", f"chat:c{c}", "p99_ms", "ms", compare="delta"))
    out += [
        Row(f"GET /api/tags c={tc}: req/s", f"tags:c{tc}", "rps", "rate"),
        Row(f"GET /api/tags c={tc}: p50 ms", f"tags:c{tc}", "p50_ms", "ms", compare="delta"),
        Row(f"GET /api/tags c={tc}: p99 ms", f"tags:c{tc}", "p99_ms", "ms", compare="delta"),
    ]
    for mode, label in (("ndjson", "NDJSON /api/chat"), ("sse", "SSE /v1/chat/completions")):
        for c in (1, 32):
            tgt, chk = "", None
            if mode == "ndjson" and c == 32:
                tgt, chk = (
                    f">= {TARGET_LINES_C32_RATIO:.0%} of nginx",
                    _ratio_check(TARGET_LINES_C32_RATIO),
                )
            s = "stream" if c == 1 else "streams"
            out.append(
                Row(
                    f"{label}, {c} {s}: lines/s",
                    f"{mode}:lines:c{c}",
                    "lines_per_s",
                    "rate",
                    target=tgt,
                    check=chk,
                )
            )
        for c in (1, 32):
            s = "stream" if c == 1 else "streams"
            out.append(
                Row(
                    f"{label}, {c} {s}: first chunk p50 ms",
                    f"{mode}:ttfc:c{c}",
                    "ttfc_p50_ms",
                    "ms",
                    compare="delta",
                )
            )
    out += [
        Row("proxy CPU per request, chat c=64: µs", "chat:c64", "proxy_cpu_us_per_req", "us"),
        Row(
            "chat c=64: req/s per proxy core (1 s / CPU per request)",
            "chat:c64",
            "proxy_capacity_rps",
            "rate",
        ),
        Row(
            "proxy CPU per streamed line, NDJSON 32 streams: µs",
            "ndjson:lines:c32",
            "proxy_cpu_us_per_line",
            "us2",
        ),
        Row(
            "NDJSON 32 streams: lines/s per proxy core (1 s / CPU per line)",
            "ndjson:lines:c32",
            "proxy_capacity_lps",
            "rate",
        ),
        Row(
            f"proxy CPU per line, paced NDJSON ({PACED_LINES}-line streams, 32 at once, "
            "request cost included): µs",
            "ndjson:ttfc:c32",
            "proxy_cpu_us_per_line",
            "us2",
        ),
        Row(
            "proxy RSS idle (after the tests above): MB",
            "hold:rss",
            "rss_idle_kib",
            "mb",
            scale=1024 / MB,
        ),
        Row(
            f"proxy RSS with {hs} open streams: MB",
            "hold:rss",
            "rss_max_kib",
            "mb",
            scale=1024 / MB,
            target=f"< {TARGET_RSS_MB:.0f} MB",
            check=_rss_check,
        ),
    ]
    return out


def render(
    bench: Bench,
    args: argparse.Namespace,
    targets: list[Target],
    started: dt.datetime,
    meta: dict[str, Any],
) -> str:
    res = bench.results
    names = [t.name for t in targets]
    lines = [
        f"### Benchmark run {started:%Y-%m-%d %H:%M} UTC ({'quick' if args.quick else 'full'})",
        "",
        "| metric | " + " | ".join(names) + " | gateway vs nginx | target | result |",
        "|---|" + "---:|" * len(names) + "---:|---|---|",
    ]
    verdicts: list[bool | None] = []
    for row in rows(args):
        vals = {n: _get(res, n, row.key, row.field) for n in names}
        vals = {n: (v * row.scale if v is not None else None) for n, v in vals.items()}
        if row.key == "hold:rss" and row.field == "rss_max_kib":
            for n in names:
                h = res.get(n, {}).get("hold:rss")
                if isinstance(h, dict) and h.get("opened") != args.hold_streams:
                    vals[n] = None
        gw, ng = vals.get("gateway"), vals.get("nginx")
        if gw is None or ng is None:
            cmp_ = ""
        elif row.compare == "delta":
            cmp_ = f"{gw - ng:+.2f} ms"
        elif ng:
            cmp_ = f"{gw / ng:.0%}"
        else:
            cmp_ = ""
        verdict = row.check(gw, ng) if row.check else None
        if row.check:
            verdicts.append(verdict)
        result = "" if not row.check else {True: "PASS", False: "FAIL", None: "n/a"}[verdict]
        cells = [_fmt(vals[n], row.kind) for n in names]
        lines.append(
            f"| {row.label} | " + " | ".join(cells) + f" | {cmp_} | {row.target} | {result} |"
        )
    lines.append("")
    passed = sum(1 for v in verdicts if v is True)
    lines.append(
        f"Targets met: {passed}/{len(verdicts)}"
        + ("" if all(v is not None for v in verdicts) else " (n/a = not measured)")
    )
    lines.append("")
    # conditions
    lines += ["#### Conditions", ""]
    for k, v in meta.items():
        lines.append(f"- {k}: {v}")
    for t in targets:
        if t.error:
            lines.append(f"- **{t.name} not measured**: {t.error.splitlines()[0][:300]}")
        for group, err in t.broken.items():
            lines.append(f"- {t.name}: `{group}` tests skipped, {err[:200]}")
    cap = res.get("capacity", {})
    if cap:
        rps = _get(res, "capacity", "chat:c64", "rps")
        lps = _get(res, "capacity", "ndjson:lines:c32", "lines_per_s")
        lines.append(
            f"- fake backend alone on core {args.proxy_cpu} (load on core {args.load_cpu}): "
            f"chat c=64 {_fmt(rps, 'rate')} req/s, NDJSON 32 streams {_fmt(lps, 'rate')} lines/s"
        )
    lines.append("")
    lines += render_details(bench, targets)
    if bench.noisy:
        lines += [
            "",
            f"Busy machine: {len(bench.noisy)} test(s) ran while processes outside the benchmark "
            f"used more than {args.noise_threshold:g}% of a benchmark core (after one retry): "
            + ", ".join(bench.noisy)
            + ". Treat those numbers with care.",
        ]
    lines += ["", *[f"- {n}" for n in bench.notes]] if bench.notes else []
    return "\n".join(lines) + "\n"


def render_details(bench: Bench, targets: list[Target]) -> list[str]:
    """Per-test CPU picture: which side of the machine limited each number."""
    a = bench.args
    out = [
        "#### Where the time went (per test)",
        "",
        "CPU time as % of one core during each test. proxy = nginx or gateway process tree "
        f"(core {a.proxy_cpu}); backend and load generator share core {a.load_cpu}; other = "
        "CPU used by processes outside the benchmark. `bound`: `proxy` when the proxy used "
        f">= 85% of its core, `load` when core {a.load_cpu} was >= 90% busy (the number is "
        "then a lower bound of what the proxy can do), `noisy` when other > "
        f"{a.noise_threshold:g}%.",
        "",
        "| target | test | result | proxy % | backend % | load gen % | core "
        f"{a.proxy_cpu} busy | core {a.load_cpu} busy | other % | steal % | bound |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for t in [*targets, Target("capacity", 0)]:
        for key, res in bench.results.get(t.name, {}).items():
            if "error" in res and "wall_s" not in res:
                err = str(res["error"]).splitlines()[0][:120] if res["error"] else "?"
                out.append(f"| {t.name} | {key} | error: {err} |" + " |" * 8)
                continue
            if ":lines:" in key:
                val = f"{res.get('lines_per_s', 0):,.0f} lines/s"
            elif ":ttfc:" in key:
                p50 = res.get("ttfc_p50_ms")
                val = f"p50 {p50:.2f} ms" if p50 is not None else "no data"
            elif key == "hold:rss":
                val = f"{res.get('opened')}/{res.get('requested')} open"
            else:
                val = f"{res.get('rps', 0):,.0f} req/s"
            cores = res.get("cores", {})
            pc = cores.get(str(a.proxy_cpu), {})
            lc = cores.get(str(a.load_cpu), {})
            steal = max(pc.get("steal_pct", 0.0), lc.get("steal_pct", 0.0))
            other = res.get("other_pct", 0.0)
            bound = []
            if t.name != "direct" and res.get("proxy_cpu_pct", 0) >= 85:
                bound.append("proxy")
            if lc.get("busy_pct", 0) >= 90:
                bound.append("load")
            if other > a.noise_threshold:
                bound.append("noisy")
            if res.get("error"):
                val += f" ({str(res['error'])[:80]})"
            out.append(
                f"| {t.name} | {key} | {val} | {res.get('proxy_cpu_pct', 0):.0f} | "
                f"{res.get('backend_cpu_pct', 0):.0f} | {res.get('load_cpu_pct', 0):.0f} | "
                f"{pc.get('busy_pct', 0):.0f} | {lc.get('busy_pct', 0):.0f} | {other:.0f} | "
                f"{steal:.0f} | {', '.join(bound)} |"
            )
    return out


def _version(argv: list[str]) -> str:
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    return (p.stdout + p.stderr).strip().splitlines()[0] if (p.stdout + p.stderr).strip() else "?"


def meta_info(args: argparse.Namespace, started: dt.datetime) -> dict[str, Any]:
    return {
        "date": f"{started:%Y-%m-%d %H:%M} UTC",
        "machine": f"{os.cpu_count()} cores, {platform.platform()}, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB",
        "pinning": f"proxy (nginx / gateway) on core {args.proxy_cpu}; fake backend + wrk / stream "
        f"client on core {args.load_cpu}",
        "versions": f"{_version(['nginx', '-v'])}; "
        f"{_version(['wrk', '-v']).split(' Copyright')[0].strip()}; "
        f"Python {platform.python_version()}; gateway "
        f"{_version([str(Path(sys.executable).parent / 'ollama-gateway'), '--version'])} "
        f"at {args.source_version}",
        "durations": f"{args.duration:g} s per wrk test (warm-up {args.warmup:g} s), "
        f"{args.ttfc_duration:g} s per first-chunk test, {args.hold_streams} streams held "
        f"{args.hold_seconds:g} s",
        "streams": f"{STREAM_LINES} lines each (NDJSON lines / SSE events), written back to back; "
        "first-chunk latency on paced streams "
        f"({PACED_LINES} lines, {PACED_DELAY_S * 1000:g} ms apart)",
        "priority": f"nice {os.getpriority(os.PRIO_PROCESS, 0)} for every benchmark process",
        "gateway": "one process, API key in `Authorization: Bearer`; env "
        + ", ".join(f"{k}={v}" for k, v in MEASURED_ENV.items())
        + "".join(f", {item}" for item in args.gateway_env)
        + (f"; command `{args.gateway_cmd}`" if args.gateway_cmd else ""),
    }


# ------------------------------------------------------------------------------------------
# main
# ------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _terminate_on_signals() -> Iterator[None]:
    def handler(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    old = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="direct vs nginx vs gateway benchmark")
    p.add_argument("--quick", action="store_true", help="smoke run: ~1-2 s per test")
    p.add_argument("--targets", default="direct,nginx,gateway", help="comma-separated subset")
    p.add_argument("--skip-gateway", action="store_true")
    p.add_argument(
        "--gateway-cmd",
        default=None,
        help="server command; {host} {port} {bin} are substituted "
        f"(default: '{DEFAULT_GATEWAY_CMD}')",
    )
    p.add_argument(
        "--gateway-env", action="append", default=[], help="extra NAME=VALUE for the gateway"
    )
    p.add_argument(
        "--gateway-health", default="/health", help="path polled until the gateway answers"
    )
    p.add_argument("--gateway-timeout", type=float, default=90.0, help="seconds to wait for start")
    p.add_argument("--api-key", default=None, help="use this key instead of logging in")
    p.add_argument("--duration", type=float, default=None, help="seconds per wrk test")
    p.add_argument("--warmup", type=float, default=None)
    p.add_argument("--ttfc-duration", type=float, default=None)
    p.add_argument("--hold-streams", type=int, default=None)
    p.add_argument("--hold-seconds", type=float, default=None)
    p.add_argument("--tags-concurrency", type=int, default=16)
    p.add_argument(
        "--proxy-cpu", default="0", help="core(s) for nginx / the gateway ('' = no pinning)"
    )
    p.add_argument("--load-cpu", default="1", help="core(s) for backend and load generators")
    p.add_argument("--backend-workers", type=int, default=1)
    p.add_argument(
        "--no-capacity", action="store_true", help="skip the backend-alone capacity test"
    )
    p.add_argument("--gap", type=float, default=None, help="pause between tests, seconds")
    p.add_argument(
        "--quiet-wait",
        type=float,
        default=None,
        help="before each test wait up to this long for the machine to be idle "
        "(at most 60 s in total)",
    )
    p.add_argument(
        "--nice",
        type=int,
        default=-10,
        help="niceness of the benchmark and everything it starts (negative needs root; "
        "keeps other jobs on a shared machine from skewing the numbers); 0 = unchanged",
    )
    p.add_argument(
        "--noise-threshold",
        type=float,
        default=20.0,
        help="%% of a core used by other processes above which a test is repeated once",
    )
    p.add_argument("--out", type=Path, default=BENCH_DIR / "results" / "latest.md")
    p.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = p.parse_args(argv)
    quick = args.quick
    defaults = {
        "duration": (1.0, 6.0),
        "warmup": (1.0, 2.0),
        "ttfc_duration": (1.0, 3.0),
        "hold_streams": (100, 500),
        "hold_seconds": (1.0, 3.0),
        "gap": (0.2, 0.5),
        "quiet_wait": (1.0, 3.0),
    }
    for name, (q, full) in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, q if quick else full)
    args.duration = min(max(args.duration, 1.0), 120.0)
    args.hold_streams = min(max(args.hold_streams, 0), 5000)
    args.targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    if args.skip_gateway and "gateway" in args.targets:
        args.targets.remove("gateway")
    unknown = set(args.targets) - {"direct", "nginx", "gateway"}
    if unknown:
        p.error(f"unknown targets: {', '.join(sorted(unknown))}")
    if quick:
        args.no_capacity = True
    return args


def check_tools() -> None:
    missing = [t for t in ("wrk", "taskset") if not shutil.which(t)]
    if missing:
        raise BenchError(f"missing tools: {', '.join(missing)} (bench/run.sh installs them)")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = dt.datetime.now(dt.UTC)
    args.source_version = source_version()  # before the run: what the gateway will load
    check_tools()
    if args.nice:
        try:
            os.nice(args.nice)
        except OSError:
            log(f"could not change niceness by {args.nice} (not root?); running at normal priority")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 16384)), hard))
    tmp = Path(tempfile.mkdtemp(prefix="ogw-bench-"))
    procs: list[Proc] = []
    targets: list[Target] = []
    exit_code = 0
    try:
        with _terminate_on_signals():
            backend_port = free_port()
            backend = Proc(
                "fake-backend",
                taskset(
                    args.load_cpu,
                    [
                        sys.executable,
                        str(BENCH_DIR / "fake_backend.py"),
                        "--port",
                        str(backend_port),
                        "--workers",
                        str(args.backend_workers),
                    ],
                ),
                tmp / "backend.log",
            )
            procs.append(backend)
            wait_http(backend_port, "/", backend, 20, lambda s: s == 200)
            bench = Bench(args, tmp, backend, backend_port)
            if not args.no_capacity:
                bench.backend_capacity()

            for name in args.targets:
                if name == "direct":
                    target = Target("direct", backend_port)
                elif name == "nginx":
                    target = start_nginx(args, tmp, backend_port)
                else:
                    target = start_gateway(args, tmp, backend_port)
                if target.proc:
                    procs.append(target.proc)
                targets.append(target)
                if target.error:
                    log(f"{name}: not measured: {target.error.splitlines()[0]}")
                    if name != "gateway" or "not found" not in target.error:
                        exit_code = 1
                else:
                    bench.run_target(target)
                    if target.broken:
                        exit_code = 1
                if target.proc:
                    target.proc.stop()
            meta = meta_info(args, started)
            for target in targets:
                if target.limits is not None:
                    meta["gateway limits"] = (
                        f"applied: its chat answers carry X-RateLimit-Limit {target.limits}"
                        if target.limits
                        else "none applied (no X-RateLimit-Limit on chat answers)"
                    )
            report = render(bench, args, targets, started, meta)
            sys.stdout.write(report)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(report)
            args.out.with_suffix(".json").write_text(
                json.dumps(
                    {
                        "meta": meta,
                        "args": {k: str(v) for k, v in vars(args).items()},
                        "targets": {
                            t.name: {"error": t.error, "broken": t.broken} for t in targets
                        },
                        "results": bench.results,
                    },
                    indent=1,
                    default=str,
                )
            )
            log(f"wrote {args.out} and {args.out.with_suffix('.json')}")
            if args.strict and "FAIL" in report:
                exit_code = 1
    except BenchError as exc:
        log(f"ERROR: {exc}")
        exit_code = 2
    except KeyboardInterrupt:
        log("interrupted")
        exit_code = 130
    finally:
        for proc in reversed(procs):
            proc.stop()
        if exit_code == 0:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            log(f"logs kept in {tmp}")
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
