#!/usr/bin/env bash
# npm run bench [-- --per-message 50 --ingest 2 --workers 2 --quick]: pipeline benchmark on a private
# stack (its own Redis, Mosquitto, InfluxDB and PostgreSQL under .data/bench, on other ports), so it
# never disturbs the development services. `npm run bench -- --help` lists the options.
# Ports: MIMAMORI_BENCH_REDIS_PORT=6690 MIMAMORI_BENCH_MQTT_PORT=2084 MIMAMORI_BENCH_INFLUX_PORT=8287
# MIMAMORI_BENCH_PG_PORT=5633. `npm run bench:down` stops that stack.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
export MIMAMORI_DATA_DIR="$PWD/.data/bench"
export MIMAMORI_REDIS_PORT="${MIMAMORI_BENCH_REDIS_PORT:-6690}"
export MIMAMORI_MQTT_PORT="${MIMAMORI_BENCH_MQTT_PORT:-2084}"
export MIMAMORI_INFLUX_PORT="${MIMAMORI_BENCH_INFLUX_PORT:-8287}"
export MIMAMORI_PG_PORT="${MIMAMORI_BENCH_PG_PORT:-5633}"
if [[ "${1:-}" == "down" ]]; then exec bash scripts/stack.sh down; fi
bash scripts/stack.sh up >&2
if [[ "${1:-}" != "api" ]]; then
  # a fresh broker: persistent sessions of an earlier run (say with more ingest connections) stay in
  # the shared-subscription group and would be handed their share of this run's messages
  bash scripts/stack.sh down mosquitto >&2
  rm -f "$MIMAMORI_DATA_DIR/mosquitto/data/mosquitto.db"
  bash scripts/stack.sh up mosquitto >&2
fi
export MIMAMORI_ENV_FILE="$MIMAMORI_DATA_DIR/stack.env"
node_modules/.bin/tsx scripts/migrate.ts >/dev/null
script=scripts/bench/main.ts
if [[ "${1:-}" == "api" ]]; then shift; script=scripts/bench/api/main.ts; fi
exec node --import tsx "$script" "$@"
