#!/usr/bin/env bash
# Benchmark entry point: installs what the benchmark needs if it is missing (Debian's
# wrk and nginx, util-linux's taskset), then runs bench/run.py with the project's venv.
# Needs root for apt-get (only when something is missing) and for the default
# `--nice -10`.  Usage: bench/run.sh [--quick] [run.py options...]; see bench/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"

need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v taskset >/dev/null 2>&1 || need+=(util-linux)
if [ "${#need[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "bench/run.sh: missing ${need[*]}; run as root or: sudo apt-get install -y ${need[*]}" >&2
        exit 2
    fi
    echo "bench/run.sh: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    if ! apt-get install -y -qq --no-install-recommends "${need[@]}" >&2; then
        # nginx-light is not in every release; fall back to the plain package
        need=("${need[@]/nginx-light/nginx}")
        apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
    fi
    # the Debian package may start a system nginx on port 80; the benchmark runs its own
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nginx 2>/dev/null; then
        echo "bench/run.sh: note: a system nginx service is running (not used by the benchmark)" >&2
    fi
fi

py="${PYTHON:-$repo/.venv/bin/python}"
if [ ! -x "$py" ]; then
    echo "bench/run.sh: $py not found; create the venv first (pip install -e '.[dev]')" >&2
    exit 2
fi
exec "$py" "$here/run.py" "$@"
