"""Streaming load client of the benchmark (aiohttp + uvloop).

This module owns the two streaming measurements that wrk cannot make:

``run``   K workers each open a streaming request, read it to the end, and start the next
          one, for a fixed duration.  Reports streamed lines (NDJSON lines or SSE
          ``data:`` events) per second, time to first body chunk (p50/p99), completed and
          malformed streams, and the client's own CPU time so the harness can tell when the
          client, not the proxy, is the limit.
``hold``  opens N slow streams concurrently (the backend sends one line per
          ``bench_delay`` seconds), waits until every stream has delivered its first chunk,
          samples the RSS of a server process tree from /proc while they are all open, then
          closes them.

Both print one JSON object on stdout.  Every loop is bounded by time and count.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import resource
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
import procstat

STREAM_TIMEOUT_S = 60.0


def percentile(values: list[float], pct: float) -> float | None:
    """Nearest-rank percentile (``pct`` in 0..100) or None for no data."""
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


class LineCounter:
    """Counts NDJSON lines (``\\n``) or SSE events (``\\n\\n``) across chunk boundaries."""

    def __init__(self, mode: str) -> None:
        self.pattern = b"\n" if mode == "ndjson" else b"\n\n"
        self.carry = b""
        self.count = 0
        self.tail = b""

    def feed(self, chunk: bytes) -> int:
        data = self.carry + chunk
        n = data.count(self.pattern)
        if self.carry:
            n -= self.carry.count(self.pattern)
        self.count += n
        keep = len(self.pattern) - 1
        self.carry = data[-keep:] if keep else b""
        self.tail = (self.tail + chunk)[-4096:]
        return n

    def complete(self, mode: str) -> bool:
        """Did the stream end the way Ollama / OpenAI streams end?"""
        text = self.tail.replace(b"\r\n", b"\n").rstrip()
        if mode == "sse":
            return text.endswith(b"data: [DONE]") or text.endswith(b"data:[DONE]")
        last = text.rsplit(b"\n", 1)[-1]
        try:
            obj = orjson.loads(last)
        except orjson.JSONDecodeError:
            return False
        return isinstance(obj, dict) and obj.get("done") is True


@dataclass
class RunResult:
    mode: str
    concurrency: int
    duration_s: float = 0.0
    streams: int = 0
    lines: int = 0
    lines_per_s: float = 0.0
    ttfc_p50_ms: float | None = None
    ttfc_p99_ms: float | None = None
    errors: int = 0
    incomplete: int = 0
    wrong_line_count: int = 0
    expected_lines: int = 0
    client_cpu_s: float = 0.0
    client_cpu_pct: float = 0.0
    error_samples: list[str] = field(default_factory=list)


def _headers(raw: list[str]) -> dict[str, str]:
    out = {"Content-Type": "application/json"}
    for item in raw:
        name, _, value = item.partition(":")
        out[name.strip()] = value.strip()
    return out


def _session(limit: int) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(limit=limit, limit_per_host=limit, force_close=False)
    timeout = aiohttp.ClientTimeout(total=STREAM_TIMEOUT_S, sock_connect=10)
    return aiohttp.ClientSession(connector=connector, timeout=timeout, auto_decompress=False)


def _cpu_now() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


async def run_streams(
    url: str,
    body: bytes,
    headers: dict[str, str],
    mode: str,
    concurrency: int,
    duration: float,
    expected_lines: int,
    max_streams: int,
) -> RunResult:
    """K concurrent workers streaming back-to-back until ``duration`` has elapsed."""
    res = RunResult(mode=mode, concurrency=concurrency, expected_lines=expected_lines)
    ttfc: list[float] = []
    started = 0

    async with _session(concurrency) as session:
        t0 = time.perf_counter()
        cpu0 = _cpu_now()
        deadline = t0 + duration

        async def worker() -> None:
            nonlocal started
            while time.perf_counter() < deadline and started < max_streams:
                started += 1
                counter = LineCounter(mode)
                t_req = time.perf_counter()
                first = True
                try:
                    async with session.post(url, data=body, headers=headers) as resp:
                        if resp.status != 200:
                            text = (await resp.read())[:200]
                            raise RuntimeError(f"HTTP {resp.status}: {text!r}")
                        async for chunk in resp.content.iter_any():
                            if first:
                                ttfc.append(time.perf_counter() - t_req)
                                first = False
                            counter.feed(chunk)
                except (aiohttp.ClientError, TimeoutError, RuntimeError) as exc:
                    res.errors += 1
                    if len(res.error_samples) < 5:
                        res.error_samples.append(f"{type(exc).__name__}: {exc}"[:300])
                    res.lines += counter.count
                    await asyncio.sleep(0.01)  # do not spin on a dead server
                    continue
                res.streams += 1
                res.lines += counter.count
                if not counter.complete(mode):
                    res.incomplete += 1
                if expected_lines and counter.count != expected_lines:
                    res.wrong_line_count += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        res.duration_s = time.perf_counter() - t0
        res.client_cpu_s = _cpu_now() - cpu0
    res.lines_per_s = res.lines / res.duration_s if res.duration_s else 0.0
    res.client_cpu_pct = 100 * res.client_cpu_s / res.duration_s if res.duration_s else 0.0
    p50, p99 = percentile(ttfc, 50), percentile(ttfc, 99)
    res.ttfc_p50_ms = None if p50 is None else p50 * 1000
    res.ttfc_p99_ms = None if p99 is None else p99 * 1000
    return res


async def hold_streams(
    url: str,
    body: bytes,
    headers: dict[str, str],
    streams: int,
    hold: float,
    open_timeout: float,
    rss_root: int | None,
    batch: int,
) -> dict[str, Any]:
    """Open ``streams`` slow streams, sample RSS while all are open, close them."""
    opened = 0
    failures: list[str] = []
    all_open = asyncio.Event()
    rss_before = procstat.tree_rss_kib(rss_root) if rss_root else None

    async with _session(0) as session:

        async def one() -> None:
            nonlocal opened
            try:
                async with session.post(
                    url,
                    data=body,
                    headers=headers,
                    timeout=aiohttp.ClientTimeout(total=None, sock_connect=10),
                ) as resp:
                    if resp.status != 200:
                        raise RuntimeError(f"HTTP {resp.status}")
                    got_first = False
                    async for _chunk in resp.content.iter_any():
                        if not got_first:
                            got_first = True
                            opened += 1
                            if opened >= streams:
                                all_open.set()
            except (aiohttp.ClientError, TimeoutError, RuntimeError) as exc:
                if len(failures) < 5:
                    failures.append(f"{type(exc).__name__}: {exc}"[:300])
                failures_count[0] += 1

        failures_count = [0]
        tasks: list[asyncio.Task[None]] = []
        t0 = time.perf_counter()
        for i in range(streams):
            tasks.append(asyncio.create_task(one()))
            if (i + 1) % batch == 0:
                await asyncio.sleep(0.05)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(all_open.wait(), open_timeout)
        open_s = time.perf_counter() - t0
        samples: list[int] = []
        t_hold = time.perf_counter()
        while time.perf_counter() - t_hold < hold:
            if rss_root:
                samples.append(procstat.tree_rss_kib(rss_root))
            await asyncio.sleep(0.25)
        still_open = sum(1 for t in tasks if not t.done())
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    rss_after = procstat.tree_rss_kib(rss_root) if rss_root else None
    return {
        "requested": streams,
        "opened": opened,
        "still_open_at_end": still_open,
        "failed": failures_count[0],
        "open_time_s": round(open_s, 3),
        "rss_before_kib": rss_before,
        "rss_max_kib": max(samples) if samples else None,
        "rss_samples_kib": samples,
        "rss_after_close_kib": rss_after,
        "error_samples": failures,
    }


def _install_uvloop() -> None:
    try:
        import uvloop
    except ImportError:  # pragma: no cover
        return
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="streaming load client")
    sub = parser.add_subparsers(dest="cmd", required=True)
    for name in ("run", "hold"):
        p = sub.add_parser(name)
        p.add_argument("--url", required=True)
        p.add_argument("--body-file", required=True, type=Path)
        p.add_argument("--header", action="append", default=[], help="'Name: value'")
    run = sub.choices["run"]
    run.add_argument("--mode", choices=["ndjson", "sse"], required=True)
    run.add_argument("--concurrency", type=int, default=1)
    run.add_argument("--duration", type=float, default=5.0)
    run.add_argument("--expected-lines", type=int, default=0)
    run.add_argument("--max-streams", type=int, default=1_000_000)
    hold = sub.choices["hold"]
    hold.add_argument("--streams", type=int, default=500)
    hold.add_argument("--hold", type=float, default=3.0, help="seconds to keep all open")
    hold.add_argument("--open-timeout", type=float, default=30.0)
    hold.add_argument("--rss-pid", type=int, default=0, help="root pid of the server tree")
    hold.add_argument("--batch", type=int, default=50, help="streams opened per 50 ms")
    args = parser.parse_args(argv)

    body = args.body_file.read_bytes()
    headers = _headers(args.header)
    _install_uvloop()
    if args.cmd == "run":
        result: Any = asdict(
            asyncio.run(
                run_streams(
                    args.url,
                    body,
                    headers,
                    args.mode,
                    max(1, args.concurrency),
                    min(max(args.duration, 0.1), 600.0),
                    args.expected_lines,
                    args.max_streams,
                )
            )
        )
    else:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        want = min(hard, max(soft, args.streams * 2 + 256))
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
        result = asyncio.run(
            hold_streams(
                args.url,
                body,
                headers,
                min(args.streams, 10_000),
                min(args.hold, 120.0),
                min(args.open_timeout, 120.0),
                args.rss_pid or None,
                max(1, args.batch),
            )
        )
    result["pid"] = os.getpid()
    sys.stdout.write(orjson.dumps(result).decode() + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
