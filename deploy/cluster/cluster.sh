#!/usr/bin/env bash
# Lectern on several nodes, for real, on one machine:
#   - PostgreSQL 15 (Debian packages) primary + a streaming replica (pg_basebackup -R);
#   - CLUSTER_NODES (3) Open Liberty servers running the real WAR (the Liberty runtime the build
#     uses, one server per node under a private WLP_USER_DIR), all on the primary with
#     LMS_DB_READ_URL on the replica, signing with the keys kept in the database;
#   - HAProxy (Debian package) in front: round robin, health checks on /health/ready, and a header
#     `X-Lectern-Node: nodeN` that pins a request to one node (each answer names its node in the
#     same header).
# Then, all through the balancer:
#   1. acceptance: sign in through node1, work through node2, an admin deactivates the user through
#      node3; the next request anywhere must be 401 (cluster-wide revocation);
#   2. read replica: anonymous catalogue reads are served by the replica (pg_stat_statements on both
#      servers), signed-in reads by the primary; with replay paused on the replica the public
#      catalogue lags while a student's own progress does not; write-to-visible lag on the replica;
#   3. throughput with one and with two nodes behind HAProxy (wrk; anonymous catalogue search and
#      the lesson heartbeat), replica lag sampled meanwhile, and the ratio;
#   4. PgBouncer in transaction mode vs a direct connection (pgbench, the heartbeat statement):
#      server connections, and named prepared statements failing through it;
#   5. failover: a node stopped under load, no request lost.
# A report is printed and written to $CLUSTER_WORK/report.md. Everything started is stopped on
# exit (also on failure or Ctrl-C); nothing is left running.
#
# Environment (defaults):
#   CLUSTER_SHORT=1          CI mode: small seed, 8 s cells. Measured: 15 min on 2 cores at load
#                            average 24 (other builds running), 11 of them building and starting
#                            the nodes; a quiet machine starts a node in 30-40 s.
#   CLUSTER_NODES (3)        server nodes (2 or 3; the acceptance flow uses node3 when present)
#   CLUSTER_DURATION (30; short 8) seconds per wrk cell, CLUSTER_WARMUP (15; short 4)
#   CLUSTER_CONNECTIONS (32) wrk connections, CLUSTER_THREADS (2)
#   CLUSTER_SKIP_BUILD=1     use the WAR already in lms-app/target
#   CLUSTER_START_TIMEOUT (900) seconds each node may take to become ready
#   CLUSTER_WLP              an Open Liberty install to use (default: the build's, or unpacked once
#                            from the Maven repository into deploy/cluster/target/wlp)
#   CLUSTER_KEEP=1           keep the work folder (logs, configuration) after exit
#   CLUSTER_PGBOUNCER (1)    0 skips the PgBouncer step (pgbouncer, Debian package)
#   CLUSTER_HOLD=1           after the checks, keep everything running until Ctrl-C
#     Both need the cluster branches (token epochs with LISTEN/NOTIFY; limits in PostgreSQL);
#     until they are merged these steps are reported as EXPECTED FAILURE and do not fail the run.
# Ports (29xxx): HAProxy 29080 (stats 29079), nodes 2918N (https 2944N), primary 29432,
# replica 29433.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/deploy/cluster
SHORT=${CLUSTER_SHORT:-0}
NODES=${CLUSTER_NODES:-3}
if [ "$SHORT" = 1 ]; then
  DURATION=${CLUSTER_DURATION:-8}; WARMUP=${CLUSTER_WARMUP:-4}
  export BENCH_STUDENTS=${BENCH_STUDENTS:-100} BENCH_COURSES=${BENCH_COURSES:-10} BENCH_TOKENS=${BENCH_TOKENS:-16}
else
  DURATION=${CLUSTER_DURATION:-30}; WARMUP=${CLUSTER_WARMUP:-15}
  export BENCH_STUDENTS=${BENCH_STUDENTS:-1000} BENCH_COURSES=${BENCH_COURSES:-60} BENCH_TOKENS=${BENCH_TOKENS:-32}
fi
CONNECTIONS=${CLUSTER_CONNECTIONS:-32}
# A node normally starts in 30-40 s; on a 2-core machine busy with other builds it took 4-8 minutes.
START_TIMEOUT=${CLUSTER_START_TIMEOUT:-900}
THREADS=${CLUSTER_THREADS:-2}
LB_PORT=29080
LB_STATS_PORT=29079
PRIMARY_PORT=29432
REPLICA_PORT=29433
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
WORK=${CLUSTER_WORK:-$(mktemp -d /tmp/lectern-cluster.XXXXXX)}
mkdir -p "$WORK"
chmod 755 "$WORK"
LB=http://127.0.0.1:$LB_PORT
REPORT=$WORK/report.md
FAILED=0
START_TIME=$SECONDS
declare -A NODE_PID=()
HAPROXY_PID=""

log() { printf '[%4ss] %s\n' "$((SECONDS - START_TIME))" "$*"; }
fail() { log "FAIL: $*"; FAILED=1; }
report() { echo "$*" >>"$REPORT"; }
[ "$NODES" -ge 2 ] && [ "$NODES" -le 3 ] || { echo "CLUSTER_NODES must be 2 or 3" >&2; exit 2; }

# --- tools -----------------------------------------------------------------------------------
install_debian() {
  local SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 \
    || { $SUDO apt-get update -q >/dev/null && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
}
[ -x "$PG_BIN/pg_ctl" ] || install_debian postgresql-15 postgresql-contrib
command -v pgbench >/dev/null || install_debian postgresql-client
command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || install_debian haproxy
command -v wrk >/dev/null || install_debian wrk
HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)
for tool in curl python3 mvn runuser psql pgbench openssl unzip "$HAPROXY" wrk; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 2; }
done
for port in $LB_PORT $LB_STATS_PORT $PRIMARY_PORT $REPLICA_PORT 29181 29182 29183; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "port $port is in use" >&2; exit 2; fi
done

pg() { runuser -u postgres -- "$PG_BIN/$1" "${@:2}"; }
sql() { # sql PORT "statement" -> unaligned rows
  runuser -u postgres -- psql -X -h "$WORK" -p "$1" -d lms -Atq -v ON_ERROR_STOP=1 -c "$2"
}

# --- cleanup: every process this script started, by its own id ------------------------------
cleanup() {
  local rc=$?
  set +e
  for n in "${!NODE_PID[@]}"; do
    kill -TERM -- "-${NODE_PID[$n]}" 2>/dev/null
  done
  [ -n "$HAPROXY_PID" ] && kill -TERM "$HAPROXY_PID" 2>/dev/null
  for _ in $(seq 1 30); do
    local alive=0
    for n in "${!NODE_PID[@]}"; do kill -0 -- "-${NODE_PID[$n]}" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 1
  done
  for n in "${!NODE_PID[@]}"; do kill -KILL -- "-${NODE_PID[$n]}" 2>/dev/null; done
  [ -f "$WORK/pgbouncer.pid" ] && kill "$(cat "$WORK/pgbouncer.pid")" 2>/dev/null
  [ -d "$WORK/replica" ] && pg pg_ctl -D "$WORK/replica" -m fast stop >/dev/null 2>&1
  [ -d "$WORK/primary" ] && pg pg_ctl -D "$WORK/primary" -m fast stop >/dev/null 2>&1
  if [ "${CLUSTER_KEEP:-0}" = 1 ] || [ $rc != 0 ] || [ $FAILED != 0 ]; then
    echo "work folder kept: $WORK (node logs in $WORK/usr/servers/node*/logs, PostgreSQL logs *.log)"
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build and Liberty runtime ----------------------------------------------------------------
cd "$ROOT"
if [ "${CLUSTER_SKIP_BUILD:-0}" != 1 ] || [ ! -f lms-app/target/lms-app.war ]; then
  log "building the WAR (mvn -pl lms-app -am package -DskipTests)"
  mvn -B -q -pl lms-app -am package -DskipTests >"$WORK/build.log" 2>&1 \
    || { tail -40 "$WORK/build.log"; echo "build failed" >&2; exit 1; }
fi
LIBERTY_VERSION=$(sed -n 's:.*<openliberty.version>\(.*\)</openliberty.version>.*:\1:p' pom.xml | head -1)
PGJDBC_VERSION=$(sed -n 's:.*<postgresql.version>\(.*\)</postgresql.version>.*:\1:p' pom.xml | head -1)
M2=${MAVEN_REPO:-$HOME/.m2/repository}
fetch() { # groupId artifactId version type -> path in the local Maven repository
  local path="$M2/$(echo "$1" | tr . /)/$2/$3/$2-$3.$4"
  [ -f "$path" ] || mvn -B -q dependency:get -Dartifact="$1:$2:$3:$4" -Dtransitive=false >/dev/null
  echo "$path"
}
if [ -n "${CLUSTER_WLP:-}" ]; then
  WLP=$CLUSTER_WLP
elif [ -x lms-app/target/liberty/wlp/bin/server ]; then
  WLP=$ROOT/lms-app/target/liberty/wlp
else
  WLP=$HERE/target/wlp
  if [ ! -x "$WLP/bin/server" ]; then
    log "unpacking Open Liberty $LIBERTY_VERSION into $WLP (once)"
    mkdir -p "$HERE/target"
    unzip -q -o "$(fetch io.openliberty openliberty-runtime "$LIBERTY_VERSION" zip)" -d "$HERE/target"
  fi
fi
# Servers, their logs and the JDBC driver live in this run's own user folder, not in the install.
export WLP_USER_DIR=$WORK/usr
mkdir -p "$WLP_USER_DIR/shared/resources"
cp "$(fetch org.postgresql postgresql "$PGJDBC_VERSION" jar)" "$WLP_USER_DIR/shared/resources/postgresql.jar"

# --- PostgreSQL: primary and streaming replica ------------------------------------------------
chown postgres "$WORK"
pg initdb -D "$WORK/primary" -U postgres --auth-local=trust --auth-host=scram-sha-256 >/dev/null
cat >>"$WORK/primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK'
max_connections = 200
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top
wal_level = replica
max_wal_senders = 5
hot_standby = on
hot_standby_feedback = on
track_commit_timestamp = on
EOF
pg pg_ctl -D "$WORK/primary" -o "-p $PRIMARY_PORT" -l "$WORK/primary.log" -w start >/dev/null
runuser -u postgres -- psql -X -h "$WORK" -p $PRIMARY_PORT -d postgres -q \
  -c "create role lms login password 'lms'" -c "create database lms owner lms"
sql $PRIMARY_PORT "create extension pg_stat_statements" >/dev/null
T0=$SECONDS
pg pg_basebackup -h "$WORK" -p $PRIMARY_PORT -U postgres -D "$WORK/replica" -R -X stream -c fast >/dev/null
pg pg_ctl -D "$WORK/replica" -o "-p $REPLICA_PORT" -l "$WORK/replica.log" -w start >/dev/null
[ "$(sql $REPLICA_PORT 'select pg_is_in_recovery()')" = t ] || { echo "replica is not in recovery" >&2; exit 1; }
log "PostgreSQL 15: primary :$PRIMARY_PORT, streaming replica :$REPLICA_PORT (replica ready in $((SECONDS - T0)) s)"

# --- Lectern nodes --------------------------------------------------------------------------------
ADMIN_EMAIL=admin@cluster.test
ADMIN_PASSWORD=cluster-admin-pass
write_node() { # n
  local n=$1 dir=$WLP_USER_DIR/servers/node$1
  mkdir -p "$dir/apps" "$WORK/node$n"
  cp lms-app/src/main/liberty/config/server.xml "$dir/server.xml"
  cp lms-app/target/lms-app.war "$dir/apps/lms-app.war"
  printf -- '-Xms128m\n-Xmx320m\n-XX:+UseParallelGC\n' >"$dir/jvm.options"
  # Per node: ports, data folder, the names its connections carry in pg_stat_activity.
  cat >"$dir/server.env" <<EOF
MALLOC_ARENA_MAX=2
LMS_HTTP_PORT=2918$n
LMS_HTTPS_PORT=2944$n
LMS_HTTP_HOST=127.0.0.1
LMS_DATA_DIR=$WORK/node$n
LMS_DB_URL=jdbc:postgresql://127.0.0.1:$PRIMARY_PORT/lms?ApplicationName=lectern-node$n
LMS_DB_READ_URL=jdbc:postgresql://127.0.0.1:$REPLICA_PORT/lms?ApplicationName=lectern-node$n-read
LMS_DB_USER=lms
LMS_DB_PASSWORD=lms
LMS_PUBLIC_BASE_URL=$LB
LMS_ADMIN_EMAIL=$ADMIN_EMAIL
LMS_ADMIN_PASSWORD=$ADMIN_PASSWORD
LMS_DEMO_DATA=$([ "$n" = 1 ] && echo true || echo false)
EOF
  # Liberty creates its default keystore only with a password; without it MP-JWT verifies no token
  # at all (every signed-in request is 401, nothing logged). The Maven plugin writes one the same way.
  echo "keystore_password=$(head -c 24 /dev/urandom | base64 | tr -dc A-Za-z0-9)" >>"$dir/server.env"
  # Settings common to every node (long-lived benchmark tokens, limits for the load runs).
  grep -v '^\s*#' "$HERE/node.env" | grep -v '^\s*$' >>"$dir/server.env"
}
start_node() { # n
  ( exec setsid "$WLP/bin/server" run "node$1" >"$WORK/node$1.out" 2>&1 ) &
  NODE_PID[$1]=$!
}
wait_ready() { # n
  local n=$1
  local until=$((SECONDS + START_TIMEOUT))
  while [ $SECONDS -lt $until ]; do
    curl -sf -o /dev/null "http://127.0.0.1:2918$n/health/ready" && return 0
    kill -0 "${NODE_PID[$n]}" 2>/dev/null || { tail -30 "$WORK/node$n.out"; echo "node$n exited" >&2; exit 1; }
    sleep 1
  done
  tail -30 "$WLP_USER_DIR/servers/node$n/logs/messages.log"; echo "node$n not ready" >&2; exit 1
}
for n in $(seq 1 "$NODES"); do write_node "$n"; done
# No key files: node1 creates the signing key in the database as it starts, the others read it.
T0=$SECONDS
# node1 migrates the schema and seeds the first admin and the demo course; the others start once
# the migration is done (two first-ever Liquibase runs at once would race to create its tables).
start_node 1
for _ in $(seq 1 "$START_TIMEOUT"); do
  grep -qs 'Database schema is up to date' "$WLP_USER_DIR/servers/node1/logs/messages.log" && break
  kill -0 "${NODE_PID[1]}" 2>/dev/null || { tail -30 "$WORK/node1.out"; echo "node1 exited" >&2; exit 1; }
  sleep 1
done
log "node1 migrated the schema in $((SECONDS - T0)) s; starting node2..node$NODES"
for n in $(seq 2 "$NODES"); do start_node "$n"; done
for n in $(seq 1 "$NODES"); do wait_ready "$n"; done
log "$NODES nodes ready in $((SECONDS - T0)) s"

# --- HAProxy ------------------------------------------------------------------------------------
{
  cat <<EOF
global
  maxconn 4096
  stats socket $WORK/haproxy.sock mode 600 level admin
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout http-request 10s
  # A request whose node went away (connection refused or closed before an answer) is sent to
  # another node; requests are idempotent-safe to retry only before the node saw them.
  retries 2
  option redispatch 1
  retry-on conn-failure empty-response
frontend lectern
  bind 127.0.0.1:$LB_PORT
  default_backend lectern
frontend stats
  bind 127.0.0.1:$LB_STATS_PORT
  stats enable
  stats uri /
backend lectern
  balance roundrobin
  option httpchk GET /health/ready
  http-check expect status 200
  # A saturated node answers its readiness check slowly, not wrongly: with a 1 s check timeout a
  # single node under full load was marked DOWN and every request got HAProxy's 503.
  timeout check 5s
  default-server check inter 2s fall 3 rise 2
  # Tests pin a request to a node with this header; every answer names the node that served it.
  http-response set-header X-Lectern-Node %[srv_name]
EOF
  for n in $(seq 1 "$NODES"); do
    echo "  use-server node$n if { req.hdr(x-lectern-node) -m str node$n }"
  done
  for n in $(seq 1 "$NODES"); do
    echo "  server node$n 127.0.0.1:2918$n"
  done
} >"$WORK/haproxy.cfg"
"$HAPROXY" -c -q -f "$WORK/haproxy.cfg"
"$HAPROXY" -db -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
HAPROXY_PID=$!
haproxy_cmd() { python3 "$HERE/cluster.py" haproxy "$WORK/haproxy.sock" "$1"; }
for _ in $(seq 1 30); do
  up=$(haproxy_cmd "show stat" | grep -c '^lectern,node[0-9],.*,UP' || true)
  [ "$up" = "$NODES" ] && break
  sleep 1
done
[ "$up" = "$NODES" ] || { haproxy_cmd "show stat" | cut -d, -f1,2,18; echo "HAProxy does not see every node UP" >&2; exit 1; }
log "HAProxy on $LB: $NODES nodes UP (health check /health/ready)"

export CLUSTER_LB=$LB CLUSTER_NODES=$NODES CLUSTER_WORK=$WORK CLUSTER_PGHOST=$WORK \
  CLUSTER_PRIMARY_PORT=$PRIMARY_PORT CLUSTER_REPLICA_PORT=$REPLICA_PORT \
  CLUSTER_ADMIN_EMAIL=$ADMIN_EMAIL CLUSTER_ADMIN_PASSWORD=$ADMIN_PASSWORD

cat >"$REPORT" <<EOF
# Lectern cluster run $(date -u +%Y-%m-%dT%H:%M:%SZ)

Load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews every figure).

$NODES nodes (Open Liberty $LIBERTY_VERSION, -Xmx320m each) behind HAProxy $("$HAPROXY" -v | head -1 | awk '{print $3}'),
PostgreSQL $(sql $PRIMARY_PORT 'show server_version' | awk '{print $1}') primary + streaming replica, $(nproc) CPUs shared by everything
(mode: $([ "$SHORT" = 1 ] && echo short || echo full)).

EOF

# --- 1. acceptance flow -------------------------------------------------------------------------
log "acceptance flow through the balancer"
python3 "$HERE/cluster.py" acceptance | tee "$WORK/acceptance.out" || FAILED=1
cat "$WORK/acceptance.out" >>"$REPORT"

# --- 2. read replica --------------------------------------------------------------------------
log "read replica: routing, paused replay, write-to-visible lag"
python3 "$HERE/cluster.py" replica | tee "$WORK/replica.out" || FAILED=1
cat "$WORK/replica.out" >>"$REPORT"

# --- 3. throughput with one and two nodes -----------------------------------------------------
log "seeding for the load runs (bench/seed.py: $BENCH_STUDENTS students, $BENCH_COURSES courses)"
PGHOST=127.0.0.1 PGPORT=$PRIMARY_PORT PGUSER=lms PGPASSWORD=lms PGDATABASE=lms \
  LMS_ADMIN_EMAIL=$ADMIN_EMAIL LMS_ADMIN_PASSWORD=$ADMIN_PASSWORD \
  python3 "$ROOT/bench/seed.py" "$LB" "$PRIMARY_PORT" "$WORK/seed" >"$WORK/seed.out" 2>&1 \
  || { tail -20 "$WORK/seed.out"; echo "seeding failed" >&2; exit 1; }
export BENCH_DATA=$WORK/seed BENCH_LUA=$ROOT/bench/lua BENCH_WRK_THREADS=$THREADS BENCH_MAX_REQUESTS=0

set_nodes() { # how many nodes take traffic (the others are set to maintenance in HAProxy)
  for n in $(seq 1 "$NODES"); do
    if [ "$n" -le "$1" ]; then haproxy_cmd "set server lectern/node$n state ready" >/dev/null
    else haproxy_cmd "set server lectern/node$n state maint" >/dev/null; fi
  done
}
run_cell() { # scenario nodes -> "rps p50 p99 errors"
  local s=$1 lua
  case $s in catalogue) lua=$HERE/catalogue.lua;; heartbeat) lua=$ROOT/bench/lua/heartbeat.lua;; esac
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s "$lua" "$LB" -- "$THREADS" >/dev/null 2>&1 || true
  python3 "$HERE/cluster.py" lag-sampler "$WORK/lag-$s-$2.tsv" &
  local sampler=$!
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s "$lua" "$LB" -- "$THREADS" \
    >"$WORK/wrk-$s-$2.txt" 2>&1
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  python3 "$HERE/cluster.py" wrk-line "$WORK/wrk-$s-$2.txt"
}
declare -A RPS=()
report "## Throughput through HAProxy ($CONNECTIONS connections, ${DURATION} s per cell after ${WARMUP} s warm-up)"
report ""
report "| scenario | nodes | req/s | p50 ms | p99 ms | errors | replica lag max (replay_lag s / bytes) |"
report "|---|---|---|---|---|---|---|"
for nodes in 1 2; do
  set_nodes $nodes
  sleep 1
  for s in catalogue heartbeat; do
    read -r rps p50 p99 errors < <(run_cell $s $nodes)
    RPS[$s-$nodes]=$rps
    lag=$(python3 "$HERE/cluster.py" lag-summary "$WORK/lag-$s-$nodes.tsv")
    log "$s with $nodes node(s): $rps req/s (p50 $p50 ms, p99 $p99 ms, errors $errors; replica lag $lag)"
    report "| $s | $nodes | $rps | $p50 | $p99 | $errors | $lag |"
    [ "$errors" = 0 ] || fail "$s with $nodes node(s): $errors errors"
  done
done
set_nodes "$NODES"
report ""
for s in catalogue heartbeat; do
  ratio=$(python3 -c "print(f'{${RPS[$s-2]} / max(${RPS[$s-1]}, 0.001):.2f}')")
  log "$s: two nodes / one node = $ratio"
  report "- $s: two nodes / one node = **$ratio**"
done
report "- the machine has $(nproc) CPUs for PostgreSQL (both servers), HAProxy, wrk and the JVMs:"
report "  the ratio shows what a second node buys when they share them, not what a second machine would."
report ""
report "### Connections per node (pg_stat_activity after the load)"
report ""
report '```'
sql $PRIMARY_PORT "select 'primary', application_name, count(*) from pg_stat_activity where application_name like 'lectern-%' group by 2 order by 2" >>"$REPORT"
sql $REPLICA_PORT "select 'replica', application_name, count(*) from pg_stat_activity where application_name like 'lectern-%' group by 2 order by 2" >>"$REPORT"
report '```'

# --- 4. PgBouncer in transaction mode (pgbench with the heartbeat statement) -------------------
# What a connection pooler in front of the primary changes, measured on the same database: many
# clients on few server connections, and why named prepared statements (pgjdbc after
# prepareThreshold executions; pgbench -M prepared) break in transaction mode before PgBouncer 1.21.
if [ "${CLUSTER_PGBOUNCER:-1}" = 1 ] && { command -v pgbouncer >/dev/null || install_debian pgbouncer; }; then
  log "PgBouncer (transaction mode) vs direct, pgbench heartbeat statement, 100 clients"
  PGB_PORT=29434
  cat >"$WORK/pgbouncer.ini" <<EOF
[databases]
lms = host=127.0.0.1 port=$PRIMARY_PORT dbname=lms
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PGB_PORT
unix_socket_dir =
auth_type = trust
auth_file = $WORK/pgbouncer.users
pool_mode = transaction
default_pool_size = 20
max_client_conn = 1000
logfile = $WORK/pgbouncer.log
pidfile = $WORK/pgbouncer.pid
EOF
  echo '"lms" "lms"' >"$WORK/pgbouncer.users"
  chown postgres "$WORK/pgbouncer.ini" "$WORK/pgbouncer.users"
  runuser -u postgres -- pgbouncer -d "$WORK/pgbouncer.ini"
  PGB_SECONDS=$([ "$SHORT" = 1 ] && echo 5 || echo 15)
  NPAIRS=$(sql $PRIMARY_PORT "select count(*) from bench.hb_pairs")
  report ""
  report "## PgBouncer $(pgbouncer --version | head -1 | awk '{print $2}') in transaction mode (pgbench, heartbeat statement, 100 clients, ${PGB_SECONDS} s)"
  report ""
  report "| path | protocol | tps | server connections (pgbench) | errors / clients aborted / first error |"
  report "|---|---|---|---|---|"
  pgb_cell() { # label port mode
    local out=$WORK/pgbench-$1-$3.txt conns
    PGPASSWORD=lms pgbench -n -h 127.0.0.1 -p "$2" -U lms -c 100 -j 2 -T "$PGB_SECONDS" -M "$3" \
      -D npairs="$NPAIRS" -f "$ROOT/bench/pgbench/heartbeat.sql" lms >"$out" 2>&1 &
    local bench_pid=$!
    sleep 2
    conns=$(sql $PRIMARY_PORT "select count(*) from pg_stat_activity where datname = 'lms' and backend_type = 'client backend' and coalesce(application_name, '') not like 'lectern-%' and pid <> pg_backend_pid()")
    wait $bench_pid || true
    local tps err
    tps=$(sed -n 's/^tps = \([0-9]*\).*/\1/p' "$out" | head -1)
    err=$(grep -m1 -i 'error' "$out" | cut -c1-90 | tr '|' '/' || true)
    local failed errors
    # pgbench ignores a failed PREPARE and runs on whatever the server connection holds, so errors
    # and aborted clients are both counted.
    errors=$(grep -c 'ERROR' "$out" || true)
    failed=$(grep -c 'aborted in command' "$out" || true)
    log "pgbench $1 -M $3: ${tps:-0} tps, $conns server connections, $errors errors, $failed clients aborted ${err:+($err)}"
    grep -q 'Run was aborted' "$out" && tps="${tps:-0} (run aborted)"
    report "| $1 | $3 | ${tps:-0} | $conns | $errors / $failed ${err:+/ $err} |"
  }
  pgb_cell direct $PRIMARY_PORT extended
  pgb_cell pgbouncer $PGB_PORT extended
  pgb_cell direct $PRIMARY_PORT prepared
  pgb_cell pgbouncer $PGB_PORT prepared
  kill "$(cat "$WORK/pgbouncer.pid")" 2>/dev/null || true
  report ""
fi

# --- 5. failover --------------------------------------------------------------------------------
log "failover: stopping node$NODES under load"
python3 "$HERE/cluster.py" failover "${NODE_PID[$NODES]}" "$NODES" | tee "$WORK/failover.out" || FAILED=1
cat "$WORK/failover.out" >>"$REPORT"
unset "NODE_PID[$NODES]"

report ""
report "Harness wall time: $((SECONDS - START_TIME)) s."
echo
cat "$REPORT"
if [ "${CLUSTER_HOLD:-0}" = 1 ]; then
  log "holding: balancer $LB, stats http://127.0.0.1:$LB_STATS_PORT/ (Ctrl-C stops everything)"
  while true; do sleep 3600; done
fi
if [ $FAILED = 0 ]; then
  log "cluster: ok"
else
  log "cluster: FAILED"
  exit 1
fi
