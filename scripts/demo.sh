#!/usr/bin/env bash
# npm run demo: a fresh machine to a running Mimamori with 30 simulated watches. Ctrl-C stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .data/run

bash scripts/ensure-deps.sh

stack_was_up=false
# read the status whole first: with pipefail, `status | grep -q` fails whenever grep quits before
# status has written its last line, and the demo then took a stack it started for one already up
stack_status="$(bash scripts/stack.sh status 2>/dev/null || true)"
if ! grep -q stopped <<<"$stack_status"; then stack_was_up=true; fi
bash scripts/stack.sh up
npx tsx scripts/migrate.ts
npx tsx scripts/seed.ts
bash scripts/build-web.sh

# shellcheck disable=SC1091
set -a; . .data/stack.env; set +a
API_HOST="${API_HOST:-127.0.0.1}"
API_PORT="${API_PORT:-3000}"
export API_HOST API_PORT

app_pid=""
sim_pid=""
history_pid=""
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "[demo] stopping"
  [ -n "$history_pid" ] && kill -TERM "$history_pid" 2>/dev/null && wait "$history_pid" 2>/dev/null || true
  [ -n "$sim_pid" ] && kill -TERM "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null || true
  [ -n "$app_pid" ] && kill -TERM "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  if [ "$stack_was_up" = false ]; then bash scripts/stack.sh down; fi
  echo "[demo] stopped"
  exit 0
}
trap cleanup INT TERM EXIT

echo "[demo] starting ingest, workers and api (logs: .data/run/demo-app.log)"
node_modules/.bin/tsx scripts/start-all.ts >.data/run/demo-app.log 2>&1 &
app_pid=$!

for _ in $(seq 1 60); do
  if node -e "fetch('http://${API_HOST}:${API_PORT}/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then break; fi
  if ! kill -0 "$app_pid" 2>/dev/null; then echo "[demo] the pipeline did not start:"; tail -20 .data/run/demo-app.log; exit 1; fi
  sleep 1
done

care_token=$(awk '$1 == "care_staff" { print $4 }' .data/demo-accounts.txt)
cat <<MSG

  Mimamori is running.
    Web UI (sign in below): http://${API_HOST}:${API_PORT}/
    API docs (OpenAPI UI):  http://${API_HOST}:${API_PORT}/docs
    Readiness:              http://${API_HOST}:${API_PORT}/readyz
    Prometheus metrics:     http://127.0.0.1:${INGEST_METRICS_PORT:-9464}/metrics (ingest), :${WORKERS_METRICS_PORT:-9465} (workers), :${API_METRICS_PORT:-9466} (api)

  Demo accounts (passwords drawn by the seed, kept in .data/demo-accounts.txt, never committed):
$(awk '!/^#/ { printf "    %-14s %-30s %s\n", $1, $2, $3 }' .data/demo-accounts.txt)
    Sign in:  curl -c .data/cookies -H 'content-type: application/json' \
                -d '{"email":"care@demo.mimamori.example","password":"…"}' http://${API_HOST}:${API_PORT}/v1/auth/login
    Or with the care staff's API token (4th column of the file):
              curl -H "Authorization: Bearer ${care_token}" http://${API_HOST}:${API_PORT}/v1/persons
    OPERATOR_TOKEN in .data/stack.env is a bootstrap admin token: registry only, no vitals.
  The simulator sends the 30 pilot watches' readings from local midnight at 60x speed, then in real time;
  meanwhile it backfills ${DEMO_HISTORY_DAYS:-35} days of history (about a minute; .data/run/demo-history.log).
  Press Ctrl-C to stop.

MSG
# 35 days of history in the background (trends, rollups, the contest baseline and the analysis
# page need it), while the live watches start from local midnight
node_modules/.bin/tsx device-sim/src/main.ts history --days "${DEMO_HISTORY_DAYS:-35}" --json \
  >.data/run/demo-history.log 2>&1 &
history_pid=$!
node_modules/.bin/tsx device-sim/src/main.ts --watches 30 --interval 60s --speed 60 &
sim_pid=$!
wait "$sim_pid" || true
sim_pid=""
echo "[demo] simulator finished; the pipeline keeps serving. Ctrl-C to stop."
wait "$app_pid"
