# Sourced by scripts/render-draft.sh and scripts/render-budget.sh: starts the built API (building it and the dashboard
# when missing) on its embedded PostgreSQL with the demo data, in a world-readable temporary folder (the embedded
# PostgreSQL runs as the folder's owner), waits until the demo is loaded, and sets TOKEN (the admin token) and API_PID;
# the API and the folder go away when the calling script exits. Usage: start_demo_api <log file> <port>.
start_demo_api() {
  local log="$1" port="$2"
  [ -f dist/apps/api/main.js ] || npx nest build api >/dev/null
  [ -d dist/web ] || npm run --silent build:web
  DEMO_DATA="$(mktemp -d /tmp/demo-api.XXXXXX)"
  chmod 755 "$DEMO_DATA"
  trap 'stop_demo_api' EXIT
  env -u DATABASE_URL -u KAFKA_BROKERS PORT="$port" DATA_DIR="$DEMO_DATA/data" EMBEDDED_PG_PORT="$((port + 1))" LOG_LEVEL=warn \
    node dist/apps/api/main.js --demo >"$log" 2>&1 &
  API_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/v1/health" >/dev/null 2>&1 && [ -s "$DEMO_DATA/data/admin-token" ] && grep -q 'demo data' "$log" && break
    kill -0 "$API_PID" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 1
  done
  TOKEN="$(cat "$DEMO_DATA/data/admin-token")"
}

stop_demo_api() {
  [ -n "${API_PID:-}" ] && kill "$API_PID" 2>/dev/null && wait "$API_PID" 2>/dev/null
  rm -rf "${DEMO_DATA:-/nonexistent}"
}
