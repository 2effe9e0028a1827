#!/usr/bin/env bash
# Runs ../shared/corpus through `proclab run` and fails if a program listed in
# tests/corpus-passing.txt (the ratchet: programs known to pass) no longer passes.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus
if [ ! -d "$corpus" ]; then echo "no corpus at $corpus: skipped"; exit 0; fi
cargo build --release -q -p proclab-cli
out=$(python3 "$corpus/run.py" "$PWD/target/release/proclab" all || true)
echo "$out"
fail=0
while read -r name; do
  [ -z "$name" ] && continue
  case "$name" in \#*) continue;; esac
  if echo "$out" | grep -q "^$name:"; then echo "REGRESSION: $name no longer passes"; fail=1; fi
done < tests/corpus-passing.txt
exit $fail
