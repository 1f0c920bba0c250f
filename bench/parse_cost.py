"""Instructions of the gateway's request-body parse step, per request, counted by callgrind.

Issue 8 (finding 1) made ``gateway.dispatch.parse_body`` refuse keys that Go's
``encoding/json`` would fold onto an upstream field and made the gateway send upstream the
parsed body re-serialised (``dispatch.upstream_body``).  This runs that step (or, in a tree
without ``upstream_body``, the old parse alone) N times on ``run.py``'s chat body; run it under
callgrind at two N and divide the difference by the difference of N, so that interpreter
start-up and imports cancel out and no machine load enters the count::

    for n in 20000 40000; do
      valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        .venv/bin/python bench/parse_cost.py --pythonpath src --n $n 2>&1 | grep Collected
    done

Run each N twice first or once more (the first run of a fresh tree compiles its ``.pyc``).
"""

from __future__ import annotations

import argparse
import sys

import orjson


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pythonpath", default="src", help="the checkout's src directory")
    parser.add_argument("--n", type=int, default=20_000)
    args = parser.parse_args()
    sys.path.insert(0, args.pythonpath)
    from ollama_gateway.gateway import dispatch

    body = orjson.dumps(
        {
            "model": "llama3.2:1b",
            "messages": [{"role": "user", "content": "Say hello in one short sentence."}],
            "stream": False,
        }
    )
    rebuild = getattr(dispatch, "upstream_body", None)
    for _ in range(args.n):
        payload = dispatch.parse_body(body)
        if rebuild is not None:
            rebuild(payload)


if __name__ == "__main__":
    main()
