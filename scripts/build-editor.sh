#!/usr/bin/env bash
# Bundles the code editor (www/editor/*.js + CodeMirror 6 from node_modules) into
# www/gen/editor.js, a minified classic script that defines window.proclabEditor.
# Trunk runs this as a pre_build hook. The output is only replaced when its bytes change, so
# `trunk serve` does not see a fresh file on every build and loop.
# Needs `npm ci` (scripts/setup.sh). EDITOR_SIZES=1 prints raw and gzip sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
esbuild=node_modules/.bin/esbuild
if [ ! -x "$esbuild" ]; then
  echo "build-editor.sh: $esbuild missing: run scripts/setup.sh (npm ci) first" >&2
  exit 1
fi
mkdir -p www/gen
tmp=$(mktemp www/gen/.editor.XXXXXX)
trap 'rm -f "$tmp"' EXIT
# iife: a plain <script> runs it before the wasm app starts. es2020 matches what CodeMirror needs.
"$esbuild" www/editor/editor.js --bundle --minify --format=iife --target=es2020 \
  --legal-comments=none --log-level=warning \
  --banner:js='/* proclab editor: CodeMirror 6 (MIT, (c) Marijn Haverbeke and others), Lezer (MIT). */' \
  --outfile="$tmp"
if cmp -s "$tmp" www/gen/editor.js; then
  rm -f "$tmp"
else
  chmod 644 "$tmp"
  mv "$tmp" www/gen/editor.js
fi
if [ "${EDITOR_SIZES:-0}" = 1 ]; then
  echo "www/gen/editor.js: $(stat -c %s www/gen/editor.js) bytes raw, $(gzip -9c www/gen/editor.js | wc -c) bytes gzip -9"
fi
