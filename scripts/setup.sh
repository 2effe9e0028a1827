#!/usr/bin/env bash
# Installs everything proclab needs, skipping what is already there at the pinned version.
# Pins come from ../shared/TOOLCHAIN.md: trunk 0.21.14, wasm-bindgen-cli 0.2.130, binaryen 132.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "rust wasm target"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

step "trunk 0.21.14"
if [ "$(trunk --version 2>/dev/null)" != "trunk 0.21.14" ]; then
  cargo install trunk --version 0.21.14 --locked
fi

step "wasm-bindgen-cli 0.2.130"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen 0.2.130" ]; then
  # --locked fails for this release (a locked dependency is gone from the registry)
  cargo install wasm-bindgen-cli --version 0.2.130
fi

step "chromium + chromedriver + a CJK font (the zh-CN pages and their screenshots)"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
   || [ ! -d /usr/share/fonts/truetype/wqy ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver fonts-wqy-microhei
fi

step "npm packages"
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.package-lock.json.src 2>/dev/null; then
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.package-lock.json.src
fi
wasm-opt --version

step "setup done"
