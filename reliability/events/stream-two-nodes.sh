#!/usr/bin/env bash
# The live event stream across two real server nodes on one PostgreSQL (ADR 0020): node A started
# by the run command (embedded PostgreSQL, demo accounts), node B a copy of node A's Liberty server
# on the same database and signing keys (as reliability/storage/s3-storage.sh builds it). Then:
#   1. a student's stream (GET /api/v1/me/events) and an instructor's course stream are open on
#      node B while every write goes to node A: each event arrives on node B, in order, once, with
#      the delay from the write's answer to its arrival printed;
#   2. the notification connections of both nodes are killed (pg_terminate_backend) and events are
#      written at once: they still arrive on B (read from the outbox when the listener is back, or
#      by the polling fallback);
#   3. the student's stream reconnects to node B with Last-Event-ID after writes on node A made
#      while it was away: exactly the missed events come back, then live ones.
# Needs python3, curl, java, mvn, setsid, tar and psql (Debian's postgresql-client).
# Ports: STREAM_HTTP_PORT (19180), STREAM_HTTPS_PORT (19143), STREAM_DB_PORT (19132),
# node B: STREAM_HTTP_PORT_B (19181), STREAM_HTTPS_PORT_B (19144). STREAM_LESSONS (10) lessons.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HTTP_PORT=${STREAM_HTTP_PORT:-19180}
HTTPS_PORT=${STREAM_HTTPS_PORT:-19143}
DB_PORT=${STREAM_DB_PORT:-19132}
HTTP_PORT_B=${STREAM_HTTP_PORT_B:-19181}
HTTPS_PORT_B=${STREAM_HTTPS_PORT_B:-19144}
LESSONS=${STREAM_LESSONS:-10}
BASE=http://127.0.0.1:$HTTP_PORT
BASE_B=http://127.0.0.1:$HTTP_PORT_B
WORK=$(mktemp -d /tmp/lectern-stream.XXXXXX)
SERVER_PGID=""
SERVER_B_PGID=""

log() { printf '[%5ss] %s\n' "$SECONDS" "$*"; }
for tool in curl python3 mvn java setsid psql tar; do
  command -v $tool >/dev/null || { echo "missing tool: $tool" >&2; exit 2; }
done

stop_group() {
  local pgid=$1
  if [ -n "$pgid" ] && kill -0 -- "-$pgid" 2>/dev/null; then
    kill -TERM -- "-$pgid"
    for _ in $(seq 1 60); do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$pgid" 2>/dev/null
  fi
}
cleanup() {
  set +e
  stop_group "$SERVER_B_PGID"
  stop_group "$SERVER_PGID"
  [ "${STREAM_KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

wait_ready() { # base-url pgid log
  for _ in $(seq 1 400); do
    curl -sf -o /dev/null "$1/health/ready" && return 0
    kill -0 "$2" 2>/dev/null || { tail -30 "$3"; echo "server exited" >&2; exit 1; }
    sleep 1
  done
  tail -30 "$3"; echo "server not ready: $1" >&2; exit 1
}

# Node A: the run command with the embedded database. Fast keep-alives so that the checks see
# dead connections quickly; the polling fallback at 1 s.
cd "$ROOT"
( export LMS_HTTP_PORT=$HTTP_PORT LMS_HTTPS_PORT=$HTTPS_PORT LMS_EMBEDDED_DB_PORT=$DB_PORT \
    LMS_DATA_DIR="$WORK/data" LMS_PUBLIC_BASE_URL=$BASE \
    LMS_EVENTS_STREAM_KEEPALIVE_SECONDS=5 LMS_EVENTS_STREAM_POLL_MILLIS=1000 \
    LMS_RATE_LIMIT_READS_PER_MINUTE=100000 LMS_RATE_LIMIT_WRITES_PER_MINUTE=100000
  unset LMS_DB_URL
  exec setsid mvn -B -q -pl lms-app -am package -Dlms.run -DskipTests \
    -Dliberty.server.name=lectern-stream >"$WORK/server.log" 2>&1 ) &
SERVER_PGID=$!
wait_ready "$BASE" "$SERVER_PGID" "$WORK/server.log"
log "node A ready on $BASE"

# Node B: a copy of node A's server, on the same database and signing keys.
SERVERS="$ROOT/lms-app/target/liberty/wlp/usr/servers"
rm -rf "$SERVERS/lectern-streamb"
mkdir "$SERVERS/lectern-streamb"
(cd "$SERVERS/lectern-stream" && tar --exclude=./logs --exclude=./workarea --exclude=./tranlog \
  --exclude=./apps/expanded -cf - .) | (cd "$SERVERS/lectern-streamb" && tar -xf -)
( export LMS_DB_URL="jdbc:postgresql://127.0.0.1:$DB_PORT/lms" LMS_DB_USER=lms LMS_DB_PASSWORD=lms \
    LMS_HTTP_PORT=$HTTP_PORT_B LMS_HTTPS_PORT=$HTTPS_PORT_B LMS_DATA_DIR="$WORK/data-b" \
    LMS_JWT_KEY_DIR="$WORK/data/keys" LMS_DEMO_DATA=false LMS_PUBLIC_BASE_URL=$BASE \
    LMS_EVENTS_STREAM_KEEPALIVE_SECONDS=5 LMS_EVENTS_STREAM_POLL_MILLIS=1000 \
    LMS_RATE_LIMIT_READS_PER_MINUTE=100000 LMS_RATE_LIMIT_WRITES_PER_MINUTE=100000
  exec setsid "$ROOT/lms-app/target/liberty/wlp/bin/server" run lectern-streamb >"$WORK/server-b.log" 2>&1 ) &
SERVER_B_PGID=$!
wait_ready "$BASE_B" "$SERVER_B_PGID" "$WORK/server-b.log"
log "node B ready on $BASE_B (same database and keys)"

export A_API=$BASE/api/v1 B_API=$BASE_B/api/v1 LESSONS DB_PORT
python3 "$ROOT/reliability/events/stream_check.py"
