#!/usr/bin/env bash
# Local development/test stack for Mimamori: Redis, Mosquitto (MQTT), InfluxDB 1.x, PostgreSQL 15.
#
#   bash scripts/stack.sh up     [service...]   start (or reuse) services, write .data/stack.env
#   bash scripts/stack.sh down   [service...]   stop the services this script started (by PID file)
#   bash scripts/stack.sh status [service...]   one line per service
#
# Services: redis, mosquitto, influxdb, postgres (default: all).
# Ports (all bound to 127.0.0.1), overridable by environment:
#   MIMAMORI_REDIS_PORT=6390  MIMAMORI_MQTT_PORT=1884  MIMAMORI_INFLUX_PORT=8087 (RPC on +1)
#   MIMAMORI_PG_PORT=5433     MIMAMORI_STACK_TIMEOUT=30 (seconds to wait for a service)
#   MIMAMORI_DATA_DIR=<repo>/.data (state directory; another one gives an independent stack)
#
# All state lives under <repo>/.data/ (git-ignored):
#   redis/ mosquitto/ influxdb/ postgres/   data + generated configs
#   run/                                    pid files, logs, recorded ports, lock
#   secrets.env                             generated passwords/tokens (source of truth, 600)
#   stack.env                               connection URLs for the apps/tests (600)
#
# Processes are only ever stopped by the PIDs recorded in our own pid files
# (never by name), and a PID is only trusted if /proc/<pid>/comm is the expected binary.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd "$SCRIPT_DIR/.." && pwd -P)
# MIMAMORI_DATA_DIR lets a second, isolated stack run beside the first (the fault-injection suite).
DATA="${MIMAMORI_DATA_DIR:-$ROOT/.data}"
mkdir -p "$DATA"
DATA=$(cd "$DATA" && pwd -P)
RUN="$DATA/run"
ENV_FILE="$DATA/stack.env"
SECRETS_FILE="$DATA/secrets.env"

REDIS_DIR="$DATA/redis"
MQTT_DIR="$DATA/mosquitto"
INFLUX_DIR="$DATA/influxdb"
PG_BASE="$DATA/postgres"
PG_DATA="$PG_BASE/data"

REDIS_PORT="${MIMAMORI_REDIS_PORT:-6390}"
MQTT_PORT="${MIMAMORI_MQTT_PORT:-1884}"
INFLUX_PORT="${MIMAMORI_INFLUX_PORT:-8087}"
PG_PORT="${MIMAMORI_PG_PORT:-5433}"
TIMEOUT="${MIMAMORI_STACK_TIMEOUT:-30}"

INFLUX_DB=mimamori
MQTT_INGEST_USER=mimamori-ingest
MQTT_GATEWAY_USER=mimamori-gateway
PG_APP_ROLE=mimamori
PG_APP_DB=mimamori
PG_TEST_DB=mimamori_test
PG_WANT_MAJOR=15

ALL_SERVICES=(redis mosquitto influxdb postgres)

IS_ROOT=0
[[ "$(id -u)" -eq 0 ]] && IS_ROOT=1

log() { printf '[stack] %s\n' "$*"; }
warn() { printf '[stack] WARNING: %s\n' "$*" >&2; }
err() { printf '[stack] ERROR: %s\n' "$*" >&2; }
die() {
  err "$*"
  exit 1
}

# ---------------------------------------------------------------- cleanup ---
CLEANUP_FILES=()
cleanup() {
  local f
  for f in "${CLEANUP_FILES[@]+"${CLEANUP_FILES[@]}"}"; do
    rm -f -- "$f"
  done
}
trap cleanup EXIT

# ------------------------------------------------------------- validation ---
check_port_var() { # name value
  [[ "$2" =~ ^[0-9]+$ ]] && (("$2" >= 1 && "$2" <= 65535)) || die "$1 must be a TCP port number, got '$2'"
}
check_port_var MIMAMORI_REDIS_PORT "$REDIS_PORT"
check_port_var MIMAMORI_MQTT_PORT "$MQTT_PORT"
check_port_var MIMAMORI_INFLUX_PORT "$INFLUX_PORT"
check_port_var MIMAMORI_PG_PORT "$PG_PORT"
INFLUX_RPC_PORT=$((INFLUX_PORT + 1))
check_port_var "MIMAMORI_INFLUX_PORT+1 (InfluxDB RPC)" "$INFLUX_RPC_PORT"
[[ "$TIMEOUT" =~ ^[0-9]+$ ]] || die "MIMAMORI_STACK_TIMEOUT must be a number of seconds, got '$TIMEOUT'"

# ---------------------------------------------------------------- helpers ---
# TCP connect test without curl/nc.
port_open() { # port
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

# Minimal HTTP client (node is always present). Prints "<status>\n<body>"; status 000 on errors.
# http_req METHOD URL [form-urlencoded body]
http_req() {
  timeout 10 node -e '
const [method, url, body] = process.argv.slice(1);
const http = require("http");
const headers = body === undefined ? {} : { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) };
const req = http.request(url, { method, headers, timeout: 5000 }, (res) => {
  let b = ""; res.setEncoding("utf8");
  res.on("data", (d) => (b += d));
  res.on("end", () => process.stdout.write(res.statusCode + "\n" + b));
});
req.on("timeout", () => req.destroy(new Error("timeout")));
req.on("error", (e) => process.stdout.write("000\n" + e.message));
if (body !== undefined) req.write(body);
req.end();
' "$@"
}

urlencode_form() { # key value [key value ...]
  node -e '
const a = process.argv.slice(1); const p = new URLSearchParams();
for (let i = 0; i < a.length; i += 2) p.append(a[i], a[i + 1]);
process.stdout.write(p.toString());' "$@"
}

gen_secret() { # 24 random bytes as 48 hex chars
  if command -v openssl >/dev/null 2>&1; then
    openssl rand -hex 24
  else
    node -e 'process.stdout.write(require("crypto").randomBytes(24).toString("hex") + "\n")'
  fi
}

log_tail() { # file
  if [[ -s "$1" ]]; then
    printf '[stack]   --- last lines of %s ---\n' "$1" >&2
    tail -n 25 "$1" | sed 's/^/[stack]   | /' >&2
  else
    printf '[stack]   (log %s is empty or missing)\n' "$1" >&2
  fi
}

# ------------------------------------------------------- service metadata ---
svc_pidfile() {
  case "$1" in
  redis) echo "$RUN/redis.pid" ;;
  mosquitto) echo "$RUN/mosquitto.pid" ;;
  influxdb) echo "$RUN/influxdb.pid" ;;
  postgres) echo "$PG_DATA/postmaster.pid" ;;
  esac
}
svc_comm() { # expected /proc/<pid>/comm
  case "$1" in
  redis) echo "redis-server" ;;
  mosquitto) echo "mosquitto" ;;
  influxdb) echo "influxd" ;;
  postgres) echo "postgres" ;;
  esac
}
svc_port() {
  case "$1" in
  redis) echo "$REDIS_PORT" ;;
  mosquitto) echo "$MQTT_PORT" ;;
  influxdb) echo "$INFLUX_PORT" ;;
  postgres) echo "$PG_PORT" ;;
  esac
}
svc_portvar() {
  case "$1" in
  redis) echo "MIMAMORI_REDIS_PORT" ;;
  mosquitto) echo "MIMAMORI_MQTT_PORT" ;;
  influxdb) echo "MIMAMORI_INFLUX_PORT" ;;
  postgres) echo "MIMAMORI_PG_PORT" ;;
  esac
}
svc_log() { echo "$RUN/$1.log"; }
svc_portfile() { echo "$RUN/$1.port"; }

# Is <pid> a live (non-zombie) process whose comm is <comm>?
pid_is() { # pid comm
  local pid="$1" comm="$2" state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  [[ -r "/proc/$pid/comm" ]] || return 1
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$comm" ]] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)
  [[ "$state" != "Z" ]]
}

# Prints the PID recorded in the service's pid file (first line), if any.
pidfile_pid() {
  local f
  f=$(svc_pidfile "$1")
  [[ -f "$f" ]] || return 1
  local pid
  pid=$(head -n 1 "$f" 2>/dev/null | tr -d '[:space:]')
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  echo "$pid"
}

# Prints the PID of our running instance of the service, or fails.
running_pid() {
  local pid
  pid=$(pidfile_pid "$1") || return 1
  pid_is "$pid" "$(svc_comm "$1")" || return 1
  echo "$pid"
}

recorded_port() {
  local f
  f=$(svc_portfile "$1")
  [[ -f "$f" ]] && head -n 1 "$f" | tr -d '[:space:]'
}

# Does the service answer on its configured port?
svc_ready() {
  case "$1" in
  redis) [[ "$(timeout 5 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]] ;;
  mosquitto) port_open "$MQTT_PORT" ;;
  influxdb) [[ "$(http_req GET "http://127.0.0.1:$INFLUX_PORT/ping" | head -n 1)" == "204" ]] ;;
  postgres) timeout 5 "$PG_ISREADY" -q -t 3 -h 127.0.0.1 -p "$PG_PORT" -d postgres >/dev/null 2>&1 ;;
  esac
}

# Wait until the service answers; fail with its log tail on timeout or if <pid> dies.
wait_ready() { # svc [pid]
  local svc="$1" pid="${2:-}" deadline=$((SECONDS + TIMEOUT))
  while ((SECONDS < deadline)); do
    if svc_ready "$svc"; then
      return 0
    fi
    if [[ -n "$pid" ]] && ! pid_is "$pid" "$(svc_comm "$svc")"; then
      err "$svc (pid $pid) exited during startup"
      log_tail "$(svc_log "$svc")"
      exit 1
    fi
    sleep 0.3
  done
  err "$svc did not answer on 127.0.0.1:$(svc_port "$svc") within ${TIMEOUT}s"
  log_tail "$(svc_log "$svc")"
  exit 1
}

# Wait for a file to appear (pid files written by daemons after forking).
wait_file() { # file seconds
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    [[ -s "$1" ]] && return 0
    sleep 0.2
  done
  [[ -s "$1" ]]
}

# ------------------------------------------------------- software checks ---
PGBIN=""
PG_ISREADY=""
PSQL=""

find_pgbin() {
  PGBIN=""
  local d cands=()
  [[ -d "/usr/lib/postgresql/$PG_WANT_MAJOR/bin" ]] && cands+=("/usr/lib/postgresql/$PG_WANT_MAJOR/bin")
  while IFS= read -r d; do cands+=("$d"); done < <(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4nr)
  if command -v postgres >/dev/null 2>&1; then
    cands+=("$(dirname "$(readlink -f "$(command -v postgres)")")")
  fi
  for d in "${cands[@]+"${cands[@]}"}"; do
    if [[ -x "$d/postgres" && -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
      PGBIN="$d"
      break
    fi
  done
  [[ -n "$PGBIN" ]] || return 1
  PSQL="$PGBIN/psql"
  [[ -x "$PSQL" ]] || PSQL=$(command -v psql || true)
  PG_ISREADY="$PGBIN/pg_isready"
  [[ -x "$PG_ISREADY" ]] || PG_ISREADY=$(command -v pg_isready || true)
  [[ -n "$PSQL" && -n "$PG_ISREADY" ]]
}

pg_bin_major() {
  "$PGBIN/postgres" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)?.*/\1/'
}

APT_UPDATED=0
install_packages() { # pkg...
  local cmd="DEBIAN_FRONTEND=noninteractive apt-get install -y $*"
  if ((!IS_ROOT)); then
    err "missing software; install it with:"
    printf '  sudo apt-get update && sudo %s\n' "$cmd" >&2
    exit 1
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing packages ($*) and apt-get is not available"
  log "installing missing packages: $*"
  if ((!APT_UPDATED)); then
    apt-get update >"$RUN/apt.log" 2>&1 || {
      log_tail "$RUN/apt.log"
      die "apt-get update failed"
    }
    APT_UPDATED=1
  fi
  # Keep Debian's own system services (default ports) from being started by the
  # package scripts: a temporary policy-rc.d, only if the machine has none.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\n# temporary, written by mimamori scripts/stack.sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    CLEANUP_FILES+=(/usr/sbin/policy-rc.d)
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >>"$RUN/apt.log" 2>&1 || {
    log_tail "$RUN/apt.log"
    die "apt-get install failed: $*"
  }
  if [[ " ${CLEANUP_FILES[*]} " == *" /usr/sbin/policy-rc.d "* ]]; then
    rm -f /usr/sbin/policy-rc.d
  fi
}

ensure_software() { # services...
  local pkgs=() svc
  for svc in "$@"; do
    case "$svc" in
    redis)
      command -v redis-server >/dev/null 2>&1 || pkgs+=(redis-server)
      command -v redis-cli >/dev/null 2>&1 || pkgs+=(redis-tools)
      ;;
    mosquitto) command -v mosquitto >/dev/null 2>&1 || [[ -x /usr/sbin/mosquitto ]] || pkgs+=(mosquitto) ;;
    influxdb)
      command -v influxd >/dev/null 2>&1 || pkgs+=(influxdb)
      [[ -e /usr/share/zoneinfo/Asia/Tokyo ]] || pkgs+=(tzdata)
      ;;
    postgres) find_pgbin || pkgs+=(postgresql) ;;
    esac
  done
  # /usr/sbin is not on every user's PATH (mosquitto lives there on Debian)
  [[ ":$PATH:" == *":/usr/sbin:"* ]] || PATH="$PATH:/usr/sbin"
  if ((${#pkgs[@]})); then
    install_packages "${pkgs[@]}"
    hash -r
  fi
  for svc in "$@"; do
    case "$svc" in
    redis) command -v redis-server >/dev/null && command -v redis-cli >/dev/null || die "redis-server/redis-cli still missing" ;;
    mosquitto) command -v mosquitto >/dev/null || die "mosquitto still missing" ;;
    influxdb) command -v influxd >/dev/null || die "influxd still missing" ;;
    postgres)
      find_pgbin || die "PostgreSQL binaries (initdb, pg_ctl, postgres, psql, pg_isready) still missing"
      local major
      major=$(pg_bin_major)
      [[ "$major" == "$PG_WANT_MAJOR" ]] || warn "using PostgreSQL $major from $PGBIN (wanted $PG_WANT_MAJOR)"
      ;;
    esac
  done
}

# ---------------------------------------------------------------- secrets ---
PG_SUPER_PW=""
PG_APP_PW=""
OPERATOR_TOKEN=""
MQTT_INGEST_PW=""
MQTT_GATEWAY_PW=""

kv_get() { # file key
  [[ -f "$1" ]] || return 0
  grep -E "^$2=" "$1" | tail -n 1 | cut -d= -f2- || true
}

load_secrets() {
  PG_SUPER_PW=$(kv_get "$SECRETS_FILE" PG_SUPERUSER_PASSWORD)
  PG_APP_PW=$(kv_get "$SECRETS_FILE" PG_APP_PASSWORD)
  OPERATOR_TOKEN=$(kv_get "$SECRETS_FILE" OPERATOR_TOKEN)
  MQTT_INGEST_PW=$(kv_get "$SECRETS_FILE" MQTT_INGEST_PASSWORD)
  MQTT_GATEWAY_PW=$(kv_get "$SECRETS_FILE" MQTT_GATEWAY_PASSWORD)
  # Fall back to an existing stack.env (e.g. secrets.env deleted by hand).
  if [[ -z "$PG_SUPER_PW" ]]; then
    PG_SUPER_PW=$(kv_get "$ENV_FILE" PG_ADMIN_URL | sed -nE 's#^postgres://postgres:([^@]*)@.*#\1#p')
  fi
  if [[ -z "$PG_APP_PW" ]]; then
    PG_APP_PW=$(kv_get "$ENV_FILE" DATABASE_URL | sed -nE "s#^postgres://$PG_APP_ROLE:([^@]*)@.*#\\1#p")
  fi
  if [[ -z "$OPERATOR_TOKEN" ]]; then
    OPERATOR_TOKEN=$(kv_get "$ENV_FILE" OPERATOR_TOKEN)
  fi

  if [[ -z "$PG_SUPER_PW" ]]; then
    if [[ -f "$PG_DATA/PG_VERSION" ]]; then
      die "a PostgreSQL cluster exists in $PG_DATA but its superuser password is unknown (no $SECRETS_FILE / $ENV_FILE). Remove $PG_BASE to re-initialise it (its data will be lost)."
    fi
    PG_SUPER_PW=$(gen_secret)
  fi
  [[ -n "$PG_APP_PW" ]] || PG_APP_PW=$(gen_secret)
  [[ -n "$OPERATOR_TOKEN" ]] || OPERATOR_TOKEN=$(gen_secret)
  [[ -n "$MQTT_INGEST_PW" ]] || MQTT_INGEST_PW=$(gen_secret)
  [[ -n "$MQTT_GATEWAY_PW" ]] || MQTT_GATEWAY_PW=$(gen_secret)

  write_file_600 "$SECRETS_FILE" <<EOF
# Generated once by scripts/stack.sh; never regenerated while .data/postgres exists.
PG_SUPERUSER_PASSWORD=$PG_SUPER_PW
PG_APP_PASSWORD=$PG_APP_PW
OPERATOR_TOKEN=$OPERATOR_TOKEN
MQTT_INGEST_PASSWORD=$MQTT_INGEST_PW
MQTT_GATEWAY_PASSWORD=$MQTT_GATEWAY_PW
EOF
}

write_file_600() { # path  (content on stdin), atomic
  local tmp
  tmp=$(mktemp "$1.XXXXXX")
  CLEANUP_FILES+=("$tmp")
  chmod 600 "$tmp"
  cat >"$tmp"
  mv -f "$tmp" "$1"
}

write_env() {
  write_file_600 "$ENV_FILE" <<EOF
# Generated by scripts/stack.sh up; local development/test stack.
REDIS_URL=redis://127.0.0.1:$REDIS_PORT
MQTT_URL=mqtt://$MQTT_GATEWAY_USER:$MQTT_GATEWAY_PW@127.0.0.1:$MQTT_PORT
INGEST_MQTT_USERNAME=$MQTT_INGEST_USER
INGEST_MQTT_PASSWORD=$MQTT_INGEST_PW
INFLUX_URL=http://127.0.0.1:$INFLUX_PORT
INFLUX_DB=$INFLUX_DB
DATABASE_URL=postgres://$PG_APP_ROLE:$PG_APP_PW@127.0.0.1:$PG_PORT/$PG_APP_DB
TEST_DATABASE_URL=postgres://$PG_APP_ROLE:$PG_APP_PW@127.0.0.1:$PG_PORT/$PG_TEST_DB
PG_ADMIN_URL=postgres://postgres:$PG_SUPER_PW@127.0.0.1:$PG_PORT/postgres
OPERATOR_TOKEN=$OPERATOR_TOKEN
EOF
}

# ------------------------------------------------------------------ redis ---
start_redis() {
  mkdir -p "$REDIS_DIR"
  cat >"$REDIS_DIR/redis.conf" <<EOF
# Generated by scripts/stack.sh (rewritten on every start).
bind 127.0.0.1
port $REDIS_PORT
protected-mode yes
daemonize yes
supervised no
pidfile $RUN/redis.pid
logfile $RUN/redis.log
loglevel notice
dir $REDIS_DIR
save ""
appendonly yes
appendfsync everysec
appendfilename "appendonly.aof"
maxmemory-policy noeviction
EOF
  redis-server "$REDIS_DIR/redis.conf" >>"$RUN/redis.log" 2>&1 9>&- || {
    log_tail "$RUN/redis.log"
    die "redis-server failed to start"
  }
  wait_file "$RUN/redis.pid" "$TIMEOUT" || {
    log_tail "$RUN/redis.log"
    die "redis-server wrote no pid file"
  }
  wait_ready redis "$(pidfile_pid redis)"
}

setup_redis() { :; }

# -------------------------------------------------------------- mosquitto ---
start_mosquitto() {
  mkdir -p "$MQTT_DIR/data"
  local userline="# not root: runs as the invoking user"
  if ((IS_ROOT)); then
    # Mosquitto drops privileges to user "mosquitto" when started as root, which
    # then cannot write the persistence directory (or even reach it when the repo
    # lives under a 700 directory) and silently persists nothing. "user root"
    # keeps it running as root.
    userline="user root"
  fi
  cat >"$MQTT_DIR/mosquitto.conf" <<EOF
# Generated by scripts/stack.sh (rewritten on every start).
$userline
pid_file $RUN/mosquitto.pid
log_dest file $RUN/mosquitto.log
log_type error
log_type warning
log_type notice
log_type information
connection_messages true
log_timestamp_format %Y-%m-%dT%H:%M:%S

persistence true
persistence_location $MQTT_DIR/data/
autosave_interval 30
persistent_client_expiration 14d

# The default of 1000 drops messages while a persistent subscriber is away.
max_queued_messages 1000000
max_queued_bytes 0
max_inflight_messages 100

listener $MQTT_PORT 127.0.0.1
# Every client authenticates: devices with the credentials the registry issued (npm run
# broker:sync writes them), services with their own accounts. The ACL lets a device publish only
# under its own topic and read nothing.
allow_anonymous false
password_file $MQTT_DIR/passwd
acl_file $MQTT_DIR/acl
EOF
  write_mqtt_auth
  mosquitto -c "$MQTT_DIR/mosquitto.conf" -d >>"$RUN/mosquitto.log" 2>&1 9>&- || {
    log_tail "$RUN/mosquitto.log"
    die "mosquitto failed to start"
  }
  wait_file "$RUN/mosquitto.pid" "$TIMEOUT" || {
    log_tail "$RUN/mosquitto.log"
    die "mosquitto wrote no pid file"
  }
  wait_ready mosquitto "$(pidfile_pid mosquitto)"
}

# Service accounts (hashed by mosquitto_passwd) + device accounts from the registry
# (device-passwd, written by scripts/broker-sync.ts) make the broker's password file.
# The tools (simulator, bench, tests) publish as the gateway account: MQTT_URL carries it.
write_mqtt_auth() {
  local svc="$MQTT_DIR/service-passwd" tmp
  tmp=$(mktemp "$svc.XXXXXX")
  CLEANUP_FILES+=("$tmp")
  mosquitto_passwd -b -c "$tmp" "$MQTT_INGEST_USER" "$MQTT_INGEST_PW" >/dev/null 2>&1
  mosquitto_passwd -b "$tmp" "$MQTT_GATEWAY_USER" "$MQTT_GATEWAY_PW" >/dev/null 2>&1
  chmod 600 "$tmp"
  mv -f "$tmp" "$svc"
  touch "$MQTT_DIR/device-passwd"
  cat "$svc" "$MQTT_DIR/device-passwd" | write_file_600 "$MQTT_DIR/passwd"
  write_file_600 "$MQTT_DIR/acl" <<EOF
# Generated by scripts/stack.sh. Topics: <root>/v1/devices/<deviceId>/(readings|status)
user $MQTT_INGEST_USER
topic read +/v1/devices/+/readings
topic read +/v1/devices/+/status
topic read \$share/+/+/v1/devices/+/readings
topic read \$share/+/+/v1/devices/+/status

user $MQTT_GATEWAY_USER
topic write +/v1/devices/+/readings
topic write +/v1/devices/+/status

# any other user is a device: its own topics, write only
pattern write +/v1/devices/%u/readings
pattern write +/v1/devices/%u/status
EOF
}

setup_mosquitto() { :; }

# --------------------------------------------------------------- influxdb ---
start_influxdb() {
  mkdir -p "$INFLUX_DIR/meta" "$INFLUX_DIR/data" "$INFLUX_DIR/wal"
  cat >"$INFLUX_DIR/influxdb.conf" <<EOF
# Generated by scripts/stack.sh (rewritten on every start). InfluxDB 1.x.
# Debian's build uses reporting-enabled, upstream reporting-disabled; unknown keys are ignored.
reporting-disabled = true
reporting-enabled = false
bind-address = "127.0.0.1:$INFLUX_RPC_PORT"

[meta]
  dir = "$INFLUX_DIR/meta"
  retention-autocreate = true
  logging-enabled = true

[data]
  dir = "$INFLUX_DIR/data"
  wal-dir = "$INFLUX_DIR/wal"
  query-log-enabled = false

[monitor]
  store-enabled = false

[http]
  enabled = true
  bind-address = "127.0.0.1:$INFLUX_PORT"
  auth-enabled = false
  log-enabled = false
  max-body-size = 0
  unix-socket-enabled = false

[logging]
  level = "info"
  suppress-logo = true

[[graphite]]
  enabled = false

[[collectd]]
  enabled = false

[[opentsdb]]
  enabled = false

[[udp]]
  enabled = false

[continuous_queries]
  enabled = true
  log-enabled = false
EOF
  rm -f "$RUN/influxdb.pid"
  local pid
  (cd "$INFLUX_DIR" && exec setsid nohup influxd -config "$INFLUX_DIR/influxdb.conf" -pidfile "$RUN/influxdb.pid" \
    >>"$RUN/influxdb.log" 2>&1 </dev/null 9>&-) &
  pid=$!
  # The subshell execs setsid, which execs (no fork: not a group leader) nohup -> influxd,
  # so $! is influxd's pid; influxd also writes the pid file itself.
  wait_ready influxdb "$pid"
  if ! wait_file "$RUN/influxdb.pid" 5; then
    echo "$pid" >"$RUN/influxdb.pid"
  fi
}

influx_query() { # query [db]  -> prints "<status>\n<body>"
  local body
  if [[ -n "${2:-}" ]]; then
    body=$(urlencode_form q "$1" db "$2")
  else
    body=$(urlencode_form q "$1")
  fi
  http_req POST "http://127.0.0.1:$INFLUX_PORT/query" "$body"
}

influx_ok() { # query [db]; fails (printing the response) on HTTP != 200 or an "error" in the body
  local out status
  out=$(influx_query "$@")
  status=$(head -n 1 <<<"$out")
  if [[ "$status" != "200" ]] || grep -q '"error"' <<<"$out"; then
    printf '%s\n' "$out" | tail -n +2
    return 1
  fi
}

setup_influxdb() {
  local out
  out=$(influx_ok "CREATE DATABASE $INFLUX_DB") || die "InfluxDB: CREATE DATABASE $INFLUX_DB failed: $out"
  local tzq="SELECT count(*) FROM mimamori_tz_check WHERE time > now() - 1h GROUP BY time(1h) tz('Asia/Tokyo')"
  if ! out=$(influx_ok "$tzq" "$INFLUX_DB"); then
    warn "InfluxDB cannot use tz('Asia/Tokyo'): $out"
    install_packages tzdata
    out=$(influx_ok "$tzq" "$INFLUX_DB") || die "InfluxDB still cannot use tz('Asia/Tokyo') after installing tzdata: $out (try: bash scripts/stack.sh down influxdb && bash scripts/stack.sh up influxdb)"
  fi
}

# --------------------------------------------------------------- postgres ---
as_pg() { # run a command as the postgres OS user (root) or as ourselves
  if ((IS_ROOT)); then
    (cd "$PG_BASE" && runuser -u postgres -- "$@")
  else
    (cd "$PG_BASE" && "$@")
  fi
}

# Make sure the postgres OS user can traverse every ancestor of the given dirs.
pg_fix_traversal() { # dir...
  local target d
  for target in "$@"; do
    d="$target"
    local chain=()
    while [[ -n "$d" && "$d" != "/" ]]; do
      chain=("$d" "${chain[@]+"${chain[@]}"}")
      d=$(dirname "$d")
    done
    for d in "${chain[@]}"; do
      if ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
        chmod o+x "$d"
        log "postgres: made $d traversable for user postgres (chmod o+x)"
      fi
    done
  done
}

pg_prepare_dirs() {
  mkdir -p "$PG_BASE"
  if ((IS_ROOT)); then
    if ! id -u postgres >/dev/null 2>&1; then
      log "postgres: creating system user postgres"
      useradd --system --home-dir /var/lib/postgresql --shell /bin/bash --user-group postgres
    fi
    pg_fix_traversal "$PG_BASE" "$RUN"
    if [[ ! -d "$PG_DATA" ]]; then
      mkdir -p "$PG_DATA"
    fi
    chown postgres:postgres "$PG_DATA"
    chmod 700 "$PG_DATA"
    touch "$RUN/postgres.log"
    chown postgres:postgres "$RUN/postgres.log"
    chmod 640 "$RUN/postgres.log"
  else
    mkdir -p "$PG_DATA"
    chmod 700 "$PG_DATA"
    touch "$RUN/postgres.log"
  fi
}

pg_initdb() {
  if [[ -n "$(ls -A "$PG_DATA" 2>/dev/null)" ]]; then
    die "postgres: $PG_DATA is not empty but has no PG_VERSION (a failed initdb?). Remove $PG_BASE and run up again."
  fi
  log "postgres: initialising cluster in $PG_DATA"
  local pwfile
  pwfile=$(mktemp "$PG_BASE/.pwfile.XXXXXX")
  CLEANUP_FILES+=("$pwfile")
  printf '%s\n' "$PG_SUPER_PW" >"$pwfile"
  ((IS_ROOT)) && chown postgres "$pwfile"
  chmod 600 "$pwfile"
  as_pg "$PGBIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 --pwfile="$pwfile" >>"$RUN/postgres.log" 2>&1 || {
    rm -f "$pwfile"
    log_tail "$RUN/postgres.log"
    die "postgres: initdb failed"
  }
  rm -f "$pwfile"
}

pg_write_conf() {
  local conf="$PG_DATA/mimamori.conf"
  local tmp
  tmp=$(mktemp "$PG_BASE/.conf.XXXXXX")
  CLEANUP_FILES+=("$tmp")
  cat >"$tmp" <<EOF
# Generated by scripts/stack.sh (rewritten on every start); included from postgresql.conf.
listen_addresses = '127.0.0.1'
port = $PG_PORT
# TCP only: socket paths under the repo can exceed the ~107 byte limit.
unix_socket_directories = ''
password_encryption = 'scram-sha-256'
logging_collector = off
log_line_prefix = '%m [%p] %q%u@%d '
EOF
  ((IS_ROOT)) && chown postgres:postgres "$tmp"
  chmod 600 "$tmp"
  mv -f "$tmp" "$conf"
  if ! grep -q "^include_if_exists = 'mimamori.conf'" "$PG_DATA/postgresql.conf"; then
    printf "\n# Added by scripts/stack.sh\ninclude_if_exists = 'mimamori.conf'\n" >>"$PG_DATA/postgresql.conf"
  fi
}

start_postgres() {
  local ver major
  if [[ -f "$PG_DATA/PG_VERSION" ]]; then
    ver=$(tr -d '[:space:]' <"$PG_DATA/PG_VERSION")
    major=$(pg_bin_major)
    [[ "$ver" == "$major" ]] || die "postgres: cluster in $PG_DATA is version $ver but binaries in $PGBIN are $major"
  else
    pg_initdb
  fi
  pg_write_conf
  as_pg "$PGBIN/pg_ctl" -D "$PG_DATA" -l "$RUN/postgres.log" -o "-p $PG_PORT" -w -t "$TIMEOUT" start \
    >/dev/null 2>>"$RUN/postgres.log" 9>&- || {
    log_tail "$RUN/postgres.log"
    die "postgres: pg_ctl start failed"
  }
  wait_ready postgres "$(pidfile_pid postgres || true)"
}

psql_admin() { # extra psql args; SQL on stdin
  PGPASSWORD="$PG_SUPER_PW" PGCONNECT_TIMEOUT=10 "$PSQL" -X -q -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"
}

setup_postgres() {
  local out
  if ! out=$(psql_admin -tA -c 'SELECT 1' 2>&1); then
    die "postgres: cannot log in as superuser postgres with the password from $SECRETS_FILE: $out"
  fi
  out=$(psql_admin -v app_role="$PG_APP_ROLE" -v app_pw="$PG_APP_PW" \
    -v app_db="$PG_APP_DB" -v test_db="$PG_TEST_DB" 2>&1 <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'app_role')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app_role') \gexec
ALTER ROLE :"app_role" WITH LOGIN NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'app_pw';
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8'' TEMPLATE template0', d, :'app_role')
  FROM unnest(ARRAY[:'app_db', :'test_db']) AS d
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
ALTER DATABASE :"app_db" OWNER TO :"app_role";
ALTER DATABASE :"test_db" OWNER TO :"app_role";
SQL
  ) || die "postgres: creating role/databases failed: $out"
  if ! out=$(PGPASSWORD="$PG_APP_PW" "$PSQL" -X -q -tA -h 127.0.0.1 -p "$PG_PORT" -U "$PG_APP_ROLE" -d "$PG_APP_DB" -c 'SELECT 1' 2>&1); then
    die "postgres: login as $PG_APP_ROLE failed: $out"
  fi
}

# ------------------------------------------------------------- up / down ---
up_service() {
  local svc="$1" port pid rport
  port=$(svc_port "$svc")
  if [[ "$svc" == postgres ]]; then
    pg_prepare_dirs
  fi
  if pid=$(running_pid "$svc"); then
    rport=$(recorded_port "$svc" || true)
    if [[ -n "$rport" && "$rport" != "$port" ]]; then
      log "$svc: running on port $rport but $(svc_portvar "$svc") asks for $port; restarting"
      down_service "$svc"
    else
      if ! svc_ready "$svc"; then
        log "$svc: pid $pid is running; waiting for it to answer on port $port"
        wait_ready "$svc" "$pid"
      fi
      echo "$port" >"$(svc_portfile "$svc")"
      "setup_$svc"
      log "$svc: reusing (pid $pid, port $port)"
      return 0
    fi
  else
    local pf
    pf=$(svc_pidfile "$svc")
    if [[ -e "$pf" ]]; then
      log "$svc: removing stale pid file $pf"
      rm -f "$pf"
    fi
  fi
  if port_open "$port"; then
    die "$svc: 127.0.0.1:$port is already in use by a process this script did not start; stop it or set $(svc_portvar "$svc")"
  fi
  if [[ "$svc" == influxdb ]] && port_open "$INFLUX_RPC_PORT"; then
    die "influxdb: RPC port 127.0.0.1:$INFLUX_RPC_PORT is already in use; set MIMAMORI_INFLUX_PORT (RPC uses port+1)"
  fi
  log "$svc: starting on 127.0.0.1:$port"
  "start_$svc"
  echo "$port" >"$(svc_portfile "$svc")"
  "setup_$svc"
  pid=$(running_pid "$svc" || echo '?')
  log "$svc: started (pid $pid, port $port)"
}

wait_gone() { # pid comm seconds
  local deadline=$((SECONDS + $3))
  while ((SECONDS < deadline)); do
    pid_is "$1" "$2" || return 0
    sleep 0.2
  done
  ! pid_is "$1" "$2"
}

down_service() {
  local svc="$1" pid comm pf
  comm=$(svc_comm "$svc")
  pf=$(svc_pidfile "$svc")
  if ! pid=$(running_pid "$svc"); then
    if [[ -e "$pf" ]]; then
      log "$svc: not running; removing stale pid file"
      rm -f "$pf"
    else
      log "$svc: not running"
    fi
    rm -f "$(svc_portfile "$svc")"
    return 0
  fi
  log "$svc: stopping (pid $pid)"
  if [[ "$svc" == postgres ]]; then
    find_pgbin || true
    if [[ -z "$PGBIN" ]] || ! as_pg "$PGBIN/pg_ctl" -D "$PG_DATA" -m fast -w -t "$TIMEOUT" stop >/dev/null 2>>"$RUN/postgres.log"; then
      warn "postgres: pg_ctl stop failed; sending SIGTERM to $pid"
      kill -TERM "$pid" 2>/dev/null || true
    fi
  else
    kill -TERM "$pid" 2>/dev/null || true
  fi
  if ! wait_gone "$pid" "$comm" "$TIMEOUT"; then
    warn "$svc: pid $pid did not exit within ${TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" "$comm" 10 || die "$svc: pid $pid survived SIGKILL"
  fi
  rm -f "$pf" "$(svc_portfile "$svc")"
  log "$svc: stopped"
}

status_service() {
  local svc="$1" pid port note=""
  if pid=$(running_pid "$svc"); then
    port=$(recorded_port "$svc" || true)
    [[ -n "$port" ]] || port=$(svc_port "$svc")
    if [[ "$port" == "$(svc_port "$svc")" ]]; then
      if [[ "$svc" == postgres ]]; then find_pgbin >/dev/null 2>&1 || true; fi
      if [[ "$svc" == postgres && -z "$PG_ISREADY" ]]; then
        :
      elif ! svc_ready "$svc"; then
        note=", not answering"
      fi
    else
      note=", configured port is $(svc_port "$svc")"
    fi
    printf '[stack] %-10s running (pid %s, port %s%s)\n' "$svc" "$pid" "$port" "$note"
  else
    printf '[stack] %-10s stopped\n' "$svc"
  fi
}

take_lock() {
  mkdir -p "$RUN"
  exec 9>"$RUN/stack.lock"
  if ! flock -w 120 9; then
    die "another scripts/stack.sh is running (lock $RUN/stack.lock)"
  fi
}

usage() {
  cat >&2 <<EOF
usage: bash scripts/stack.sh up|down|status [service...]
services: ${ALL_SERVICES[*]} (default: all)
EOF
  exit 2
}

main() {
  local cmd="${1:-}"
  [[ -n "$cmd" ]] || usage
  shift
  local services=() s known
  if (($#)); then
    for s in "$@"; do
      [[ "$s" == influx ]] && s=influxdb
      [[ "$s" == postgresql || "$s" == pg ]] && s=postgres
      [[ "$s" == mqtt ]] && s=mosquitto
      known=0
      local a
      for a in "${ALL_SERVICES[@]}"; do [[ "$a" == "$s" ]] && known=1; done
      ((known)) || {
        err "unknown service '$s'"
        usage
      }
      services+=("$s")
    done
  else
    services=("${ALL_SERVICES[@]}")
  fi

  case "$cmd" in
  up)
    umask 022
    mkdir -p "$DATA" "$RUN"
    take_lock
    ensure_software "${services[@]}"
    load_secrets
    write_env
    for s in "${services[@]}"; do up_service "$s"; done
    log "connection settings: $ENV_FILE"
    ;;
  down)
    if [[ ! -d "$RUN" ]]; then
      log "nothing to stop (no $RUN)"
      exit 0
    fi
    take_lock
    local i
    for ((i = ${#services[@]} - 1; i >= 0; i--)); do down_service "${services[$i]}"; done
    ;;
  status)
    for s in "${services[@]}"; do status_service "$s"; done
    ;;
  -h | --help | help) usage ;;
  *)
    err "unknown command '$cmd'"
    usage
    ;;
  esac
}

main "$@"
