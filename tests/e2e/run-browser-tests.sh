#!/usr/bin/env bash
# Browser end-to-end tests: a fresh database, the demo seed, the server serving the built
# SPA on a free port, then frontend/e2e (playwright-core + Debian's chromium).
# Screenshots land in test-artifacts/screenshots (kept by CI).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
WORK="$(mktemp -d)"
PORT="$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
export ECABINET_ENV=development ECABINET_DATA_DIR="$WORK/data" DATABASE_URL="sqlite:///$WORK/e2e.sqlite3"
export ECABINET_PUBLIC_URL="http://127.0.0.1:$PORT" DEMO_PASSWORD=ecabinet-demo LOG_LEVEL=WARNING
unset REDIS_URL
.venv/bin/ecabinet migrate 2>/dev/null
.venv/bin/ecabinet seed-demo 2>/dev/null
.venv/bin/ecabinet serve --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
mkdir -p test-artifacts/screenshots
cd frontend
if ! E2E_BASE_URL="http://127.0.0.1:$PORT" SCREENSHOT_DIR="$ROOT/test-artifacts/screenshots" \
     DEMO_PASSWORD=ecabinet-demo npm run e2e --silent; then
  echo "--- server log ---"; tail -50 "$WORK/server.log"; exit 1
fi
