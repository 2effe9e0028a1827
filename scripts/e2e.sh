#!/usr/bin/env bash
# Builds the web app (trunk --release -> dist/), serves dist/ on a free localhost port and runs the
# end-to-end tests (tests/e2e/*.test.mjs, node --test, playwright-core + Debian's chromium).
# Needs what scripts/setup.sh installs. E2E_SKIP_BUILD=1 reuses an existing dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ "${E2E_SKIP_BUILD:-0}" != 1 ]; then
  start=$(date +%s)
  trunk build --release
  echo "trunk build: $(( $(date +%s) - start )) s"
fi

# A free port, then a plain static server on it (no special headers, like any static host),
# with the app under a sub-path, as on a course site: every URL in it must be relative.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/site/course"
ln -s "$root/dist" "$work/site/course/proclab"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/site" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/course/proclab/')" 2>/dev/null; then break; fi
  sleep 0.1
done

PROCLAB_DIST="$root/dist" PROCLAB_URL="http://127.0.0.1:$port/course/proclab/" node --test tests/e2e/
