"""A real model straight and through the gateway: time to first token and tokens per second.

Starts llama.cpp's ``llama-server`` with SmolLM2-135M (built by ``scripts/llm``) and one gateway
process with it as an ``openai`` node, then streams the same chat (64 tokens, temperature 0, a
fixed seed) round-robin over three paths, one request at a time:

* ``direct``: ``POST /v1/chat/completions`` to ``llama-server`` itself;
* ``gateway /v1``: the same request through the gateway (bytes passed through);
* ``gateway /api/chat``: Ollama's native chat through the gateway (translated, SSE re-framed
  as NDJSON);
* ``gateway chat turn``: the same question as a portal chat turn
  (``POST /api/chats/{id}/messages``, a new chat each time so the context is the same), which
  reads that ``/api/chat`` stream, stores the question and the answer and sends server-sent
  events; tokens counted by the turn's ``done`` event.

The model server runs on core 1 (one thread), the gateway and this client on core 0: on a
2-core machine a model server using both cores would starve the gateway of CPU, which is not
what a gateway in front of a GPU host sees.  Time to first token is measured from the request's
send to the first chunk holding text;
tokens per second over the rest of the stream (tokens counted by the server).  Interleaving the
paths spreads the machine's noise over all three.  Prints a markdown table.

    .venv/bin/python bench/real_model.py [--rounds 30] [--tokens 64]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
MODEL = "SmolLM2"
MESSAGES = [{"role": "user", "content": "Write a short poem about the sea."}]
#: Tokens per answer (``--tokens``).
TOKENS = [64]


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} did not come up")


def _sse_times(response: httpx.Response, start: float) -> tuple[float, float, int]:
    first = end = 0.0
    tokens = 0
    for line in response.iter_lines():
        if not line.startswith("data:") or line.endswith("[DONE]"):
            continue
        chunk = json.loads(line[5:])
        if chunk.get("usage"):
            tokens = chunk["usage"]["completion_tokens"]
        choices = chunk.get("choices") or [{}]
        if (choices[0].get("delta") or {}).get("content"):
            end = time.perf_counter()
            first = first or end
    return first - start, end - first, tokens


def _ndjson_times(response: httpx.Response, start: float) -> tuple[float, float, int]:
    first = end = 0.0
    tokens = 0
    for line in response.iter_lines():
        chunk = json.loads(line)
        if chunk.get("done"):
            tokens = chunk.get("eval_count", 0)
        elif chunk["message"]["content"]:
            end = time.perf_counter()
            first = first or end
    return first - start, end - first, tokens


def _turn_times(response: httpx.Response, start: float) -> tuple[float, float, int]:
    first = end = 0.0
    tokens, kind = 0, ""
    for line in response.iter_lines():
        if line.startswith("event: "):
            kind = line[7:]
        elif line.startswith("data: ") and kind == "delta":
            if json.loads(line[6:]).get("content"):
                end = time.perf_counter()
                first = first or end
        elif line.startswith("data: ") and kind == "done":
            tokens = json.loads(line[6:])["performance"]["completion_tokens"] or 0
    return first - start, end - first, tokens


def measure(
    client: httpx.Client, path: str, url: str, headers: dict[str, str]
) -> tuple[float, float]:
    """(TTFT seconds, tokens per second after the first token) of one streamed chat."""
    options = {"num_predict": TOKENS[0], "temperature": 0, "seed": 7}
    if path == "turn":
        chat = client.post(url + "/api/chats", json={"model": MODEL}, headers=headers)
        path = f"/api/chats/{chat.raise_for_status().json()['id']}/messages"
        body: dict[str, object] = {"content": MESSAGES[0]["content"], "options": options}
        reader = _turn_times
    elif path == "/api/chat":
        body = {"model": MODEL, "messages": MESSAGES, "options": options}
        reader = _ndjson_times
    else:
        body = {
            "model": MODEL,
            "messages": MESSAGES,
            "max_tokens": TOKENS[0],
            "temperature": 0,
            "seed": 7,
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        reader = _sse_times
    start = time.perf_counter()
    with client.stream("POST", url + path, json=body, headers=headers, timeout=60) as response:
        response.raise_for_status()
        ttft, rest, tokens = reader(response, start)
    return ttft, (tokens - 1) / rest if rest > 0 and tokens > 1 else 0.0


def servers(tmp: Path) -> Iterator[tuple[str, str, str, str]]:
    built = subprocess.run(
        [str(ROOT / "scripts" / "llm")], capture_output=True, text=True, check=True
    )
    binary, model = built.stdout.split()[-2:]
    lport, gport = _port(), _port()
    llama = subprocess.Popen(
        ["taskset", "-c", "1", binary, "-m", model, "--host", "127.0.0.1", "--port", str(lport),
         "-c", "4096", "-np", "2", "-t", "1", "-a", MODEL, "--no-ui", "--no-repack"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    env = {
        **os.environ,
        "DATA_DIR": str(tmp),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp}/gateway.db",
        "ADMIN_PASSWORD": "Bench-Real-Model-1!",
        "OLLAMA_API_BASE_URL": f"openai+http://127.0.0.1:{lport}/v1",
        "CACHE_ENABLED": "false",
        "LOG_LEVEL": "WARNING",
    }
    gateway = subprocess.Popen(
        ["taskset", "-c", "0", str(Path(sys.executable).parent / "ollama-gateway"), "serve",
         "--port", str(gport)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait(f"http://127.0.0.1:{lport}/health")
        _wait(f"http://127.0.0.1:{gport}/health/ready")
        token = httpx.post(
            f"http://127.0.0.1:{gport}/api/auth/login",
            json={"username": "admin", "password": "Bench-Real-Model-1!"},
        ).json()["access_token"]
        key = httpx.post(
            f"http://127.0.0.1:{gport}/api/auth/api-keys",
            json={"name": "bench"},
            headers={"Authorization": f"Bearer {token}"},
        ).json()["key"]
        yield f"http://127.0.0.1:{lport}", f"http://127.0.0.1:{gport}", key, token
    finally:
        for process in (gateway, llama):
            process.terminate()
            process.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--tokens", type=int, default=TOKENS[0])
    args = parser.parse_args()
    TOKENS[0] = args.tokens
    with tempfile.TemporaryDirectory() as tmp:
        for direct, gateway, key, token in servers(Path(tmp)):
            auth = {"Authorization": f"Bearer {key}"}
            login = {"Authorization": f"Bearer {token}"}
            paths = {
                "direct /v1/chat/completions": (direct, "/v1/chat/completions", {}),
                "gateway /v1/chat/completions": (gateway, "/v1/chat/completions", auth),
                "gateway /api/chat (translated)": (gateway, "/api/chat", auth),
                "gateway chat turn (stored, SSE)": (gateway, "turn", login),
            }
            found: dict[str, list[tuple[float, float]]] = {name: [] for name in paths}
            with httpx.Client() as client:
                for url, path, headers in paths.values():  # warm-up
                    measure(client, path, url, headers)
                for _ in range(args.rounds):
                    for name, (url, path, headers) in paths.items():
                        found[name].append(measure(client, path, url, headers))
    base_ttft = statistics.median(t for t, _ in found["direct /v1/chat/completions"])
    base_tps = statistics.median(s for _, s in found["direct /v1/chat/completions"])
    print(
        f"| path ({args.rounds} streamed chats each, {TOKENS[0]} tokens) | TTFT p50 ms | vs direct "
        "| tokens/s p50 | vs direct |"
    )
    print("|---|---|---|---|---|")
    for name, samples in found.items():
        ttft = statistics.median(t for t, _ in samples)
        tps = statistics.median(s for _, s in samples)
        print(
            f"| {name} | {ttft * 1000:.1f} | {1000 * (ttft - base_ttft):+.1f} ms | {tps:.0f} | "
            f"{100 * (tps / base_tps - 1):+.1f}% |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
