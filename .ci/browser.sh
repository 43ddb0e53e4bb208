#!/usr/bin/env bash
# Browser test of the HTML map and `evroad serve` in headless Chromium (see docs/visual.md).
# Installs Debian's chromium when it is missing (as root, with apt-get), builds evroad, runs
# .ci/browser-test.mjs with Node's built-in WebSocket. Skips cleanly, saying why, when Node or
# Chromium cannot be had. Screenshots go to target/browser/; with EVROAD_UPDATE_IMG=1 also to
# docs/img/.
set -euo pipefail
cd "$(dirname "$0")/.."

skip() {
  echo "browser test skipped: $*"
  exit 0
}

CHROMIUM="${CHROMIUM:-}"
if [ -z "$CHROMIUM" ]; then
  CHROMIUM="$(command -v chromium || command -v chromium-browser || true)"
fi
if [ -z "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "== installing chromium (apt-get)"
    mkdir -p target
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >target/chromium-install.log 2>&1; then
      tail -5 target/chromium-install.log || true
      rm -f target/chromium-install.log
      skip "chromium could not be installed"
    fi
    rm -f target/chromium-install.log
    CHROMIUM="$(command -v chromium || true)"
  fi
fi
[ -n "$CHROMIUM" ] || skip "no chromium, and it cannot be installed here (not root or no apt-get)"
command -v node >/dev/null || skip "no node to drive the browser"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
NODE_FLAGS=()
if [ "$NODE_MAJOR" -lt 22 ]; then
  NODE_FLAGS=(--experimental-websocket --no-warnings)
fi
node "${NODE_FLAGS[@]}" -e 'if (typeof WebSocket !== "function") process.exit(1)' \
  || skip "node $(node --version) has no WebSocket"

cargo build --quiet --bin evroad
IMG_ARGS=()
if [ "${EVROAD_UPDATE_IMG:-}" = "1" ]; then
  IMG_ARGS=(--img docs/img)
fi
echo "== browser test ($("$CHROMIUM" --version 2>/dev/null | grep -i chrom | head -1), node $(node --version))"
node "${NODE_FLAGS[@]}" .ci/browser-test.mjs --evroad target/debug/evroad --chromium "$CHROMIUM" \
  --out target/browser "${IMG_ARGS[@]}"
