#!/usr/bin/env bash
# Runs every test: format, lints, native unit/property/golden tests, the expected outputs re-checked
# against python3, the tutorial corpus, and the end-to-end tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR=never
section() { printf '\n== %s\n' "$*"; }

section "rustfmt"
cargo fmt --all -- --check

section "clippy (native crates)"
cargo clippy --all-targets -- -D warnings
section "clippy (web app, wasm32)"
cargo clippy -p proclab-web --target wasm32-unknown-unknown -- -D warnings

section "native tests (interpreter, kernel, simulation host, golden programs)"
cargo test --release

section "wasm-bindgen tests of the page/worker glue, in headless Chromium"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" cargo test -p proclab-web --target wasm32-unknown-unknown

section "golden expected outputs re-checked against python3"
python3 scripts/golden.py check

section "tutorial corpus through proclab run"
bash scripts/corpus.sh

section "end-to-end tests in headless Chromium"
bash scripts/e2e.sh
