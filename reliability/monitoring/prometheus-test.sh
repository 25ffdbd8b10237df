#!/usr/bin/env bash
# Monitoring check against a real Prometheus: the alert rules are valid and pass their unit tests,
# and a real Prometheus scraping a real Lectern server sees the metrics the rules and the dashboard
# use, and loads and evaluates the rules.
#
#   reliability/monitoring/prometheus-test.sh
#   MVN_ARGS=-o reliability/monitoring/prometheus-test.sh      # offline Maven
#
# Steps: install Debian's `prometheus` (promtool included) when missing; `promtool check rules` and
# `promtool test rules` on ops/prometheus/; start the server with the run command in the background
# (embedded PostgreSQL, fresh data folder under a temporary folder, free ports in 27000-27999);
# start Prometheus (own temporary data folder and configuration, 127.0.0.1 only) scraping it every
# 2 s with ops/prometheus/lectern-alerts.yml loaded; send a few API requests while polling
# Prometheus' HTTP API (at most POLL_SECONDS, default 60) until the target is up, the database,
# request, pool, cache and disk metrics have samples, a p95 comes out of histogram_quantile and every
# alert rule is loaded and evaluated without error. Everything started is stopped on exit, also on
# failure. Prints `prometheus: ok (...)` or exits 1. About 1-2 minutes with a warm Maven build.
#
# Environment: MON_HTTP_PORT, MON_HTTPS_PORT, MON_DB_PORT, MON_PROMETHEUS_PORT pick ports (default:
# free ones in 27000-27999); POLL_SECONDS (60); START_SECONDS (600, server start with the build);
# MVN_ARGS (extra Maven arguments, e.g. -o); KEEP_TMP=1 keeps the temporary folder.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RULES=$ROOT/ops/prometheus/lectern-alerts.yml
RULE_TESTS=$ROOT/ops/prometheus/lectern-alerts.test.yml
POLL_SECONDS=${POLL_SECONDS:-60}
START_SECONDS=${START_SECONDS:-600}
T0=$(date +%s)

fail() {
  echo "prometheus: FAILED: $*" >&2
  exit 1
}

# --- tools -----------------------------------------------------------------------------------------
install_packages() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "== installing Debian packages: $*"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" \
    >/dev/null 2>&1 \
    || { $sudo apt-get update -q >/dev/null \
      && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" \
        >/dev/null; } \
    || fail "could not install $* with apt-get"
}
missing=()
command -v promtool >/dev/null && command -v prometheus >/dev/null || missing+=(prometheus)
command -v jq >/dev/null || missing+=(jq)
[ ${#missing[@]} -eq 0 ] || install_packages "${missing[@]}"
for tool in promtool prometheus jq curl mvn setsid; do
  command -v $tool >/dev/null || fail "missing tool: $tool"
done
echo "== $(prometheus --version 2>&1 | head -n 1)"

# --- the rules on their own ------------------------------------------------------------------------
echo "== promtool check rules"
promtool check rules "$RULES" || fail "promtool check rules"
echo "== promtool test rules"
(cd "$(dirname "$RULE_TESTS")" && promtool test rules "$(basename "$RULE_TESTS")") \
  || fail "promtool test rules"
mapfile -t ALERTS < <(sed -n -E 's/^[[:space:]]*- alert:[[:space:]]*([A-Za-z0-9_]+).*/\1/p' "$RULES")
[ ${#ALERTS[@]} -gt 0 ] || fail "no alert rules in $RULES"

# --- ports -----------------------------------------------------------------------------------------
in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
TAKEN=" "
pick_port() {
  local wanted=$1 port
  if [ -n "$wanted" ]; then
    case $wanted in 9080|9443|5433|29080|25433|19080|15433|26[0-9][0-9][0-9])
      fail "port $wanted is reserved; pick one in 27000-27999";; esac
    in_use "$wanted" && fail "port $wanted is already in use"
    echo "$wanted"; return
  fi
  for _ in $(seq 50); do
    port=$((27000 + RANDOM % 1000))
    case $TAKEN in *" $port "*) continue;; esac
    in_use "$port" || { echo "$port"; return; }
  done
  fail "no free port found in 27000-27999"
}
HTTP_PORT=$(pick_port "${MON_HTTP_PORT:-}"); TAKEN+="$HTTP_PORT "
HTTPS_PORT=$(pick_port "${MON_HTTPS_PORT:-}"); TAKEN+="$HTTPS_PORT "
DB_PORT=$(pick_port "${MON_DB_PORT:-}"); TAKEN+="$DB_PORT "
PROM_PORT=$(pick_port "${MON_PROMETHEUS_PORT:-}")
BASE=http://127.0.0.1:$HTTP_PORT
PROM=http://127.0.0.1:$PROM_PORT

# --- clean-up --------------------------------------------------------------------------------------
TMP=$(mktemp -d /tmp/lectern-prometheus.XXXXXX)
SERVER_PID=
PROM_PID=
stop_group() {
  local pid=$1 what=$2
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  echo "== stopping $what (process group $pid)" >&2
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL -- "-$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ $rc -ne 0 ]; then
    [ -f "$TMP/server.log" ] && { echo "--- server log (tail)" >&2; tail -n 25 "$TMP/server.log" >&2; }
    [ -f "$TMP/prometheus.log" ] && { echo "--- prometheus log (tail)" >&2; tail -n 15 "$TMP/prometheus.log" >&2; }
  fi
  stop_group "$PROM_PID" Prometheus
  stop_group "$SERVER_PID" "the Lectern server"
  # The embedded PostgreSQL runs detached; Maven's shutdown stops it, this is the safety net.
  local pm
  pm=$(pgrep -f -- "bin/postgres -D $TMP/data/postgres" || true)
  if [ -n "$pm" ]; then
    for _ in $(seq 20); do kill -0 $pm 2>/dev/null || break; sleep 0.5; done
    if kill -0 $pm 2>/dev/null; then kill -INT $pm 2>/dev/null || true; fi
  fi
  if [ "${KEEP_TMP:-0}" = 1 ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the server ------------------------------------------------------------------------------------
echo "== starting the server on $BASE (embedded PostgreSQL on $DB_PORT; log: $TMP/server.log)"
# shellcheck disable=SC2086
env -u LMS_DB_URL LMS_DATA_DIR="$TMP/data" LMS_HTTP_PORT="$HTTP_PORT" LMS_HTTPS_PORT="$HTTPS_PORT" \
  LMS_EMBEDDED_DB_PORT="$DB_PORT" \
  setsid mvn -q ${MVN_ARGS:-} -f "$ROOT/pom.xml" -pl lms-app -am package -Dlms.run -DskipTests \
  >"$TMP/server.log" 2>&1 </dev/null &
SERVER_PID=$!
START=$(date +%s)
until curl -sf -m 2 "$BASE/health/ready" >/dev/null 2>&1; do
  kill -0 "$SERVER_PID" 2>/dev/null || fail "the server exited"
  [ $(($(date +%s) - START)) -lt "$START_SECONDS" ] || fail "server not ready after $START_SECONDS s"
  sleep 1
done
echo "   ready after $(($(date +%s) - START)) s (build included)"

# --- Prometheus ------------------------------------------------------------------------------------
mkdir -p "$TMP/prometheus"
cat >"$TMP/prometheus.yml" <<EOF
global:
  scrape_interval: 2s
  evaluation_interval: 2s
rule_files:
  - $RULES
scrape_configs:
  - job_name: lectern
    metrics_path: /metrics
    static_configs:
      - targets: ['127.0.0.1:$HTTP_PORT']
EOF
promtool check config "$TMP/prometheus.yml" >/dev/null || fail "promtool check config"
echo "== starting Prometheus on $PROM (log: $TMP/prometheus.log)"
setsid prometheus --config.file="$TMP/prometheus.yml" --storage.tsdb.path="$TMP/prometheus" \
  --web.listen-address="127.0.0.1:$PROM_PORT" --storage.tsdb.retention.time=1h \
  >"$TMP/prometheus.log" 2>&1 </dev/null &
PROM_PID=$!
PROM_START=$(date +%s)
until curl -sf -m 2 "$PROM/-/ready" >/dev/null 2>&1; do
  kill -0 "$PROM_PID" 2>/dev/null || fail "Prometheus exited"
  [ $(($(date +%s) - PROM_START)) -lt 30 ] || fail "Prometheus not ready after 30 s"
  sleep 0.5
done

# --- traffic and polling ---------------------------------------------------------------------------
TOKEN=$(curl -s -m 10 -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"student@lectern.local","password":"student-demo-pass"}' | jq -r '.accessToken // empty')
[ -n "$TOKEN" ] || fail "could not sign in as the demo student"
traffic() {
  curl -s -o /dev/null -m 10 "$BASE/api/v1/courses?size=5" || true
  curl -s -o /dev/null -m 10 "$BASE/api/v1/courses/getting-started-with-lectern" || true
  curl -s -o /dev/null -m 10 "$BASE/api/v1/users/me" -H "Authorization: Bearer $TOKEN" || true
  curl -s -o /dev/null -m 10 "$BASE/api/v1/no-such-endpoint" || true
}
# One instant query; prints the values of the result, one a line.
query() {
  curl -sfG -m 5 "$PROM/api/v1/query" --data-urlencode "query=$1" \
    | jq -r 'select(.status == "success") | .data.result[].value[1]' 2>/dev/null || true
}
# The first value of a query that is a number (not NaN), or nothing.
number() { query "$1" | grep -v -i -E '^(nan|[+-]?inf)$' | head -n 1 || true; }

P95_QUERY='histogram_quantile(0.95, sum by (le, route) (rate(lectern_http_requests_seconds_bucket[30s])))'
POOL_QUERY='sum by (job, instance) (connectionpool_managedConnections{datasource="jdbc_lms"} - connectionpool_freeConnections{datasource="jdbc_lms"}) / sum by (job, instance) (lectern_db_connections_max)'
echo "== polling Prometheus (at most $POLL_SECONDS s) while sending requests"
POLL_START=$(date +%s)
UP_AFTER= SIZE= COUNT= P95= POOL= CACHE= DISK= RULES_OK= MISSING=
while :; do
  traffic
  if [ -z "$UP_AFTER" ] && [ "$(query 'up{job="lectern"}')" = 1 ]; then
    UP_AFTER=$(($(date +%s) - POLL_START))
  fi
  [ -n "$SIZE" ] || SIZE=$(number 'lectern_db_size_bytes{job="lectern"} > 0')
  [ -n "$COUNT" ] || COUNT=$(number 'sum(lectern_http_requests_seconds_count{job="lectern"}) > 0')
  [ -n "$P95" ] || P95=$(number "$P95_QUERY")
  [ -n "$POOL" ] || POOL=$(number "($POOL_QUERY) >= 0 <= 1")
  [ -n "$CACHE" ] || CACHE=$(number 'lectern_db_cache_hit_ratio >= 0 <= 1')
  [ -n "$DISK" ] || DISK=$(number 'lectern_data_disk_used_ratio > 0 < 1')
  if [ -z "$RULES_OK" ]; then
    RULES_JSON=$(curl -sf -m 5 "$PROM/api/v1/rules?type=alert" || true)
    [ -n "$RULES_JSON" ] || RULES_JSON='{}'
    MISSING=
    for alert in "${ALERTS[@]}"; do
      # Loaded, and evaluated at least once without error.
      health=$(jq -r --arg a "$alert" \
        '[.data.groups[]?.rules[]? | select(.name == $a) | .health] | first // "missing"' \
        <<<"$RULES_JSON" 2>/dev/null || echo missing)
      if [ "$health" != ok ]; then MISSING+="$alert($health) "; fi
    done
    if [ -z "$MISSING" ]; then RULES_OK=${#ALERTS[@]}; fi
  fi
  if [ -n "$UP_AFTER" ] && [ -n "$SIZE" ] && [ -n "$COUNT" ] && [ -n "$P95" ] && [ -n "$POOL" ] \
    && [ -n "$CACHE" ] && [ -n "$DISK" ] && [ -n "$RULES_OK" ]; then
    break
  fi
  if [ $(($(date +%s) - POLL_START)) -ge "$POLL_SECONDS" ]; then
    echo "after $POLL_SECONDS s: target up after: ${UP_AFTER:-never}; lectern_db_size_bytes: ${SIZE:-none};" \
      "requests: ${COUNT:-none}; p95: ${P95:-none}; pool usage: ${POOL:-none};" \
      "cache hit ratio: ${CACHE:-none}; disk: ${DISK:-none}; rules not ok: ${MISSING:-none}" >&2
    curl -s -m 5 "$PROM/api/v1/targets" | jq -c '.data.activeTargets[] | {health, lastError}' >&2 || true
    fail "Prometheus did not see everything in time"
  fi
  sleep 2
done

# Every query of the Grafana dashboard runs on the real data (dashboard variables filled in).
DASHBOARD=$ROOT/ops/grafana/lectern-dashboard.json
mapfile -t PANEL_QUERIES < <(jq -r '.panels[] | select(.type != "row") | .targets[].expr' "$DASHBOARD" \
  | sed -e 's/\$__rate_interval/1m/g' -e 's/\$job/lectern/g' -e 's/\$instance/.*/g' -e 's/\$route/.*/g')
[ ${#PANEL_QUERIES[@]} -gt 0 ] || fail "no queries in $DASHBOARD"
WITH_DATA=0
for q in "${PANEL_QUERIES[@]}"; do
  answer=$(curl -sG -m 5 "$PROM/api/v1/query" --data-urlencode "query=$q" || true)
  [ -n "$answer" ] || answer='{}'
  if [ "$(jq -r '.status' <<<"$answer" 2>/dev/null)" != success ]; then
    fail "dashboard query refused: $q: $(jq -r '.error // empty' <<<"$answer" 2>/dev/null)"
  fi
  if [ "$(jq -r '.data.result | length' <<<"$answer")" -gt 0 ]; then WITH_DATA=$((WITH_DATA + 1)); fi
done

FIRING=$(curl -sf -m 5 "$PROM/api/v1/alerts" \
  | jq -r '[.data.alerts[] | select(.state == "firing") | .labels.alertname] | join(",")' || true)
printf 'prometheus: ok (%s; target up after %s s; lectern_db_size_bytes %s, %s requests counted, p95 %.4g s, pool in use %s, cache hit ratio %.4f, disk used %.3f; %s alert rules loaded and evaluated, firing: %s; %s dashboard queries valid, %s with data; %s s in all)\n' \
  "$(prometheus --version 2>&1 | head -n 1 | awk '{sub(",", "", $1); print $1, $3}')" "$UP_AFTER" "$SIZE" "$COUNT" \
  "$P95" "$POOL" "$CACHE" "$DISK" "$RULES_OK" "${FIRING:-none}" "${#PANEL_QUERIES[@]}" "$WITH_DATA" \
  "$(($(date +%s) - T0))"
