#!/usr/bin/env bash
# MCP client test: installs the official MCP Python SDK (pinned) into a venv under target/,
# then drives `evroad mcp` over stdio with it (.ci/mcp-client.py). Fails on any failed check.
set -euo pipefail
cd "$(dirname "$0")/.."
MCP_VERSION=2.3.0
VENV=target/mcp-venv
if ! "$VENV/bin/python" -c "import mcp, importlib.metadata as m; assert m.version('mcp') == '$MCP_VERSION'" 2>/dev/null; then
  echo "== installing mcp==$MCP_VERSION into $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "mcp==$MCP_VERSION"
fi
cargo build --quiet --bin evroad
"$VENV/bin/python" .ci/mcp-client.py target/debug/evroad
