#!/usr/bin/env bash
# Recovery without an operator, against a real external PostgreSQL (Debian's postgresql-15):
#   1. the server runs on it and answers;
#   2. PostgreSQL stops for RECOVERY_OUTAGE_SECONDS (default 60; CI short mode 15): requests get
#      503 problem+json with Retry-After within a bounded time, /health/ready is DOWN (503);
#   3. PostgreSQL starts again: without a server restart, reads and writes answer 200 and
#      /health/ready is UP within RECOVERY_BACK_SECONDS (default 30);
#   4. SIGTERM stops the server while requests are in flight: every in-flight request gets an
#      answer, and the server exits within 60 s.
# Ports: RECOVERY_HTTP_PORT (24080), RECOVERY_HTTPS_PORT (24443), RECOVERY_DB_PORT (24432).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HTTP_PORT=${RECOVERY_HTTP_PORT:-24080}
HTTPS_PORT=${RECOVERY_HTTPS_PORT:-24443}
DB_PORT=${RECOVERY_DB_PORT:-24432}
OUTAGE=${RECOVERY_OUTAGE_SECONDS:-60}
BACK=${RECOVERY_BACK_SECONDS:-30}
BASE=http://127.0.0.1:$HTTP_PORT
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
WORK=$(mktemp -d /tmp/lectern-recovery.XXXXXX)
chmod 755 "$WORK"
chown postgres "$WORK"
SERVER_PGID=""
FAILED=0

log() { printf '[%5ss] %s\n' "$SECONDS" "$*"; }
fail() { log "FAIL: $*"; FAILED=1; }

if [ ! -x "$PG_BIN/pg_ctl" ]; then
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >/dev/null
fi
for tool in curl python3 mvn runuser; do command -v $tool >/dev/null || { echo "missing tool: $tool" >&2; exit 2; }; done

pg() { runuser -u postgres -- "$PG_BIN/$1" "${@:2}"; }

cleanup() {
  set +e
  if [ -n "$SERVER_PGID" ] && kill -0 -- "-$SERVER_PGID" 2>/dev/null; then
    kill -TERM -- "-$SERVER_PGID"; sleep 5; kill -KILL -- "-$SERVER_PGID" 2>/dev/null
  fi
  pg pg_ctl -D "$WORK/pgdata" -m immediate stop >/dev/null 2>&1
  [ "${RECOVERY_KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

# A throw-away cluster with durable defaults; password authentication over TCP.
pg initdb -D "$WORK/pgdata" -U postgres --auth-local=trust --auth-host=scram-sha-256 >/dev/null
start_pg() { pg pg_ctl -D "$WORK/pgdata" -o "-p $DB_PORT -k $WORK -c listen_addresses=127.0.0.1" -l "$WORK/pg.log" -w start >/dev/null; }
start_pg
runuser -u postgres -- psql -h "$WORK" -p "$DB_PORT" -d postgres -q \
  -c "create role lms login password 'lms'" -c "create database lms owner lms"
log "PostgreSQL 15 on port $DB_PORT"

cd "$ROOT"
( export LMS_DB_URL="jdbc:postgresql://127.0.0.1:$DB_PORT/lms" LMS_DB_USER=lms LMS_DB_PASSWORD=lms \
    LMS_HTTP_PORT=$HTTP_PORT LMS_HTTPS_PORT=$HTTPS_PORT LMS_DATA_DIR="$WORK/data" \
    LMS_ADMIN_EMAIL=admin@recovery.test LMS_ADMIN_PASSWORD=recovery-admin-pass \
    LMS_PUBLIC_BASE_URL=$BASE
  exec setsid mvn -B -q -pl lms-app -am package -Dlms.run -DskipTests \
    -Dliberty.server.name=lectern-recovery >"$WORK/server.log" 2>&1 ) &
SERVER_PGID=$!
for _ in $(seq 1 300); do
  curl -sf -o /dev/null "$BASE/health/ready" && break
  kill -0 "$SERVER_PGID" 2>/dev/null || { tail -30 "$WORK/server.log"; echo "server exited" >&2; exit 1; }
  sleep 1
done
curl -sf -o /dev/null "$BASE/health/ready" || { echo "server not ready" >&2; exit 1; }
log "server ready on $BASE"

json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
TOKEN=$(curl -s -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"admin@recovery.test","password":"recovery-admin-pass"}' | json "['accessToken']")
# One request: prints "status seconds content-type retry-after".
probe() {
  curl -s -o "$WORK/body" -D "$WORK/headers" -m 30 -w '%{http_code} %{time_total}' "$@" || echo "000 30"
  printf ' %s %s\n' "$(grep -i '^content-type:' "$WORK/headers" | tr -d '\r' | cut -d' ' -f2)" \
    "$(grep -i '^retry-after:' "$WORK/headers" | tr -d '\r' | cut -d' ' -f2)"
}
chapter() {
  probe -X POST "$BASE/v1/tutorials/progress/recovery/chapter" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d "{\"chapterId\":\"c$1\",\"watchTime\":$1}"
}

read -r s _ _ _ < <(probe "$BASE/api/v1/courses"); [ "$s" = 200 ] || fail "catalogue before the outage: $s"
read -r s _ _ _ < <(chapter 1); [ "$s" = 200 ] || fail "write before the outage: $s"

# 2. The outage.
pg pg_ctl -D "$WORK/pgdata" -m fast stop >/dev/null
log "PostgreSQL stopped for ${OUTAGE}s"
SLOWEST=0
OUTAGE_END=$((SECONDS + OUTAGE))
N=0
while [ $SECONDS -lt $OUTAGE_END ]; do
  for call in read write health; do
    case $call in
      read) line=$(probe "$BASE/api/v1/courses");;
      write) line=$(chapter $((N + 100)));;
      health) line=$(probe "$BASE/health/ready");;
    esac
    read -r s t ct ra <<<"$line"
    N=$((N + 1))
    SLOWEST=$(python3 -c "print(max($SLOWEST, $t))")
    if [ "$s" != 503 ]; then fail "$call during the outage answered $s"; fi
    if [ "$call" != health ]; then
      [ "${ct%%;*}" = application/problem+json ] || fail "$call during the outage: content type $ct"
      [ -n "$ra" ] || fail "$call during the outage: no Retry-After"
      grep -q '"code":"server.database-unavailable"' "$WORK/body" || fail "$call: $(head -c 200 "$WORK/body")"
    fi
  done
  sleep 1
done
log "outage: $N requests, all 503 (problem+json with Retry-After; readiness DOWN), slowest ${SLOWEST}s"
python3 -c "import sys; sys.exit(0 if $SLOWEST < 15 else 1)" || fail "a request waited ${SLOWEST}s during the outage"

# 3. Back without a restart.
start_pg
log "PostgreSQL started again"
BACK_END=$((SECONDS + BACK)); OK=""
while [ $SECONDS -lt $BACK_END ]; do
  read -r r _ _ _ < <(probe "$BASE/api/v1/courses")
  read -r w _ _ _ < <(chapter 2)
  read -r h _ _ _ < <(probe "$BASE/health/ready")
  if [ "$r" = 200 ] && [ "$w" = 200 ] && [ "$h" = 200 ]; then OK=$SECONDS; break; fi
  sleep 1
done
[ -n "$OK" ] || fail "not serving ${BACK}s after PostgreSQL came back (read $r, write $w, ready $h)"
[ -n "$OK" ] && log "serving again: reads and writes 200, readiness UP"
for i in $(seq 3 12); do read -r s _ _ _ < <(chapter "$i"); [ "$s" = 200 ] || fail "write $i after recovery: $s"; done

# 4. SIGTERM with requests in flight.
for i in $(seq 1 8); do ( read -r s _ _ _ < <(chapter $((200 + i))); echo "$s" >"$WORK/inflight.$i" ) & done
sleep 0.2
kill -TERM -- "-$SERVER_PGID"
STOP_START=$SECONDS
wait_exit=""
for _ in $(seq 1 60); do
  if ! kill -0 -- "-$SERVER_PGID" 2>/dev/null && ! pgrep -f "ws-server.jar lectern-recovery" >/dev/null; then wait_exit=1; break; fi
  sleep 1
done
wait
[ -n "$wait_exit" ] || fail "the server did not stop within 60 s of SIGTERM"
ANSWERED=0
for i in $(seq 1 8); do s=$(cat "$WORK/inflight.$i"); [ "$s" != 000 ] && ANSWERED=$((ANSWERED + 1)); done
[ "$ANSWERED" = 8 ] || fail "only $ANSWERED of 8 in-flight requests were answered"
log "SIGTERM: stopped in $((SECONDS - STOP_START))s, $ANSWERED of 8 in-flight requests answered"
SERVER_PGID=""

ROWS=$(runuser -u postgres -- psql -h "$WORK" -p "$DB_PORT" -d lms -Atc \
  "select count(*) from tutorials.chapter_progress c join tutorials.tutorial_progress p on p.id = c.progress_id where p.tutorial_id = 'recovery' and c.chapter_id in ('c1','c2','c3','c4','c5','c6','c7','c8','c9','c10','c11','c12')" 2>&1)
[ "$ROWS" = 12 ] || fail "expected the 12 acknowledged chapters, found $ROWS"

if [ $FAILED = 0 ]; then
  echo "recovery: ok (outage ${OUTAGE}s: $N requests answered 503 within ${SLOWEST}s at most; back within $(( OK - OUTAGE_END ))s of the database; SIGTERM stop $((SECONDS - STOP_START))s)"
else
  echo "recovery: FAILED (see above; server log $WORK/server.log with RECOVERY_KEEP=1)"
  exit 1
fi
