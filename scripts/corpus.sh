#!/usr/bin/env bash
# Runs ../shared/corpus through `proclab run` and fails if a program listed in
# tests/corpus-passing.txt (the ratchet: programs known to pass) no longer passes.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus
if [ ! -d "$corpus" ]; then echo "no corpus at $corpus: skipped"; exit 0; fi
cargo build --release -q -p proclab-cli
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/proclab"
# run.py exits 1 when any program fails (the ratchet below decides which failures matter), but
# it must have run them all: its last line is the summary.
out=$(python3 "$corpus/run.py" "$bin" all || true)
echo "$out"
if ! echo "$out" | tail -n 1 | grep -q '^passed [0-9]* of [0-9]* all corpus programs$'; then
  echo "the corpus did not run (no summary line)"
  exit 1
fi
fail=0
while read -r name; do
  [ -z "$name" ] && continue
  case "$name" in \#*) continue;; esac
  if echo "$out" | grep -q "^$name:"; then echo "REGRESSION: $name no longer passes"; fail=1; fi
done < tests/corpus-passing.txt
exit $fail
