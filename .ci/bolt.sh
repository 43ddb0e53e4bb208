#!/usr/bin/env bash
# Real Bolt clients against `evroad serve --bolt` (see docs/bolt.md): the official Python
# driver, LangChain's Neo4jGraph, the JavaScript driver, and a bounded load test.
# Installs the pinned clients itself: a venv in target/bolt-venv (pip) and target/bolt-js (npm).
# Fails on any failure; every server it starts listens on loopback and is stopped at exit.
set -euo pipefail
cd "$(dirname "$0")/.."

PY_PINS=(neo4j==6.4.1 langchain-neo4j==0.11.0 pytz==2026.6)
JS_PIN=neo4j-driver@6.3.0
VENV=target/bolt-venv
JS=target/bolt-js
PYTHON="${PYTHON:-python3}"

mkdir -p target
if ! "$VENV/bin/python" -c 'import neo4j, langchain_neo4j, pytz' 2>/dev/null \
  || [ "$("$VENV/bin/python" -c 'import neo4j; print(neo4j.__version__)')" != "6.4.1" ]; then
  echo "== installing ${PY_PINS[*]} into $VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "${PY_PINS[@]}"
fi
if [ ! -f "$JS/node_modules/neo4j-driver/package.json" ] \
  || [ "$(node -p "require('./$JS/node_modules/neo4j-driver/package.json').version")" != "${JS_PIN#*@}" ]; then
  echo "== installing $JS_PIN into $JS"
  mkdir -p "$JS"
  (cd "$JS" && npm install --no-audit --no-fund --silent "$JS_PIN")
fi

cargo build --quiet --bin evroad
EVROAD=target/debug/evroad
LOGS=target/bolt-logs
mkdir -p "$LOGS"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

# start NAME ARGS...: starts a server on free ports; sets HTTP_URL and BOLT_URL.
start() {
  local name=$1
  shift
  local log="$LOGS/$name.log"
  "$EVROAD" serve --port 0 --bolt-port 0 "$@" 2>"$log" &
  PIDS+=($!)
  for _ in $(seq 100); do
    if grep -q 'bolt://' "$log"; then
      HTTP_URL=$(grep -o 'http://[0-9.:]*' "$log" | head -1)
      BOLT_URL=$(grep -o 'bolt://[0-9.:]*' "$log" | head -1)
      return
    fi
    sleep 0.1
  done
  cat "$log"
  echo "server $name did not start" >&2
  exit 1
}

TOKEN="ci-token-$$"
start rw --allow-writes
RW_BOLT=$BOLT_URL
RW_HTTP=$HTTP_URL
start ro
RO_BOLT=$BOLT_URL
start token --token "$TOKEN"
TOKEN_BOLT=$BOLT_URL

echo "== Python driver ($RW_BOLT, $RO_BOLT, $TOKEN_BOLT)"
"$VENV/bin/python" tests/bolt/driver_test.py "$RW_BOLT" "$RO_BOLT" "$TOKEN_BOLT" "$TOKEN"
echo "== LangChain Neo4jGraph"
"$VENV/bin/python" tests/bolt/langchain_test.py "$RO_BOLT"
echo "== JavaScript driver"
NODE_PATH="$JS/node_modules" node tests/bolt/driver_test.cjs "$RW_BOLT" "$TOKEN_BOLT" "$TOKEN"
echo "== load test (8 sessions, fixed query count, Bolt and HTTP)"
"$VENV/bin/python" tests/bolt/load.py "$RW_BOLT" "$RW_HTTP" --queries "${BOLT_LOAD_QUERIES:-4000}"
