#!/usr/bin/env bash
# Serves the repo root on a free localhost port and runs bench/browser.mjs against dist/
# (`bash bench/browser.sh parallel` runs bench/parallel.mjs instead: Pool, Queue, Stop).
# Installs Pyodide into bench/node_modules on first use (benchmarks only; not part of setup).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d dist ] || { echo "build dist/ first (scripts/e2e.sh or trunk build --release)"; exit 1; }
[ -f bench/node_modules/pyodide/pyodide.js ] || npm install --prefix bench --no-audit --no-fund
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 0.5
BENCH_URL="http://127.0.0.1:$port" node "bench/${1:-browser}.mjs"
