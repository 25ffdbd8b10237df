#!/usr/bin/env bash
# Restore test of the embedded database (CI short mode, a few minutes): real server, real API,
# real WAL archive and base backup, real point-in-time recovery.
#
#   reliability/backup/embedded-restore-test.sh
#   RESTORE_TEST_MVN_ARGS=-o reliability/backup/embedded-restore-test.sh    # Maven offline
#
# Steps: start the server with the README's run command in the background (LMS_DATA_DIR in a
# temporary folder, free ports in 26000-26999), wait for /health/ready and for the first base
# backup (taken shortly after start); as the demo student write tutorial progress A through the
# API, switch and archive the WAL, note the time, wait 2 s, write progress B, switch and archive
# again; stop the server; run restore-embedded.sh to the noted time; start the server again on
# the same data folder and check through the API that exactly A is there (B is not).
# Everything it started is stopped and its temporary folder removed on exit, also on failure
# (RESTORE_TEST_KEEP=1 keeps the folder). The last line is `embedded-restore: ok (...)`; any
# failure exits 1.
#
# Environment: RESTORE_TEST_HTTP_PORT / RESTORE_TEST_HTTPS_PORT / RESTORE_TEST_DB_PORT (26180,
# 26181, 26182); RESTORE_TEST_MVN_ARGS (extra Maven arguments, such as -o). Needs curl, psql
# (Debian's postgresql-client, installed when missing) and the Maven build of this checkout; do
# not run it while another run command of the same checkout is running (they share target/).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HTTP_PORT=${RESTORE_TEST_HTTP_PORT:-26180}
HTTPS_PORT=${RESTORE_TEST_HTTPS_PORT:-26181}
DB_PORT=${RESTORE_TEST_DB_PORT:-26182}
BASE=http://localhost:$HTTP_PORT
STARTED=$(date +%s)

fail() { echo "embedded-restore: FAILED: $*" >&2; exit 1; }
step() { echo "== $*"; }

for p in "$HTTP_PORT" "$HTTPS_PORT" "$DB_PORT"; do
  case $p in 9080|9443|5433|29080|25433|19080|15433) fail "port $p is reserved for others";; esac
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    fail "port $p is in use; set RESTORE_TEST_HTTP_PORT / RESTORE_TEST_HTTPS_PORT / RESTORE_TEST_DB_PORT"
  fi
done
if ! command -v psql >/dev/null; then
  step "installing postgresql-client (psql)"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-client >/dev/null 2>&1 \
    || { $SUDO apt-get update -q >/dev/null && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-client >/dev/null; }; } \
    || fail "psql is missing and postgresql-client could not be installed"
fi
for tool in mvn curl psql setsid; do
  command -v $tool >/dev/null || fail "missing tool: $tool"
done

TMP=$(mktemp -d /tmp/lectern-restore-test.XXXXXX)
DATA=$TMP/data
SERVER_PID=
RUNS=0

postmaster_pid() {
  local pid
  [ -f "$DATA/postgres/postmaster.pid" ] || return 0
  pid=$(head -1 "$DATA/postgres/postmaster.pid" | tr -dc 0-9)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
  return 0
}

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 120); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
  # The embedded PostgreSQL runs detached (its own session); Maven's shutdown stops it. Wait for
  # that, and stop it ourselves (fast shutdown) if it is still there after 30 s.
  local pm
  pm=$(postmaster_pid)
  if [ -n "$pm" ]; then
    for _ in $(seq 60); do kill -0 "$pm" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pm" 2>/dev/null; then
      kill -INT "$pm" 2>/dev/null || true
      for _ in $(seq 60); do kill -0 "$pm" 2>/dev/null || break; sleep 0.5; done
    fi
  fi
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_server
  if [ $rc -ne 0 ]; then
    for log in "$TMP"/server-*.log "$DATA"/backups/restore-*.log; do
      [ -f "$log" ] || continue
      echo "--- $log (last lines)" >&2
      tail -n 25 "$log" >&2
    done
  fi
  if [ "${RESTORE_TEST_KEEP:-0}" = 1 ]; then
    echo "kept $TMP" >&2
  else
    rm -rf "$TMP"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_server() {
  RUNS=$((RUNS + 1))
  local log=$TMP/server-$RUNS.log started
  started=$(date +%s)
  # The README's run command, with this test's data folder and ports.
  # shellcheck disable=SC2086
  LMS_DATA_DIR=$DATA LMS_HTTP_PORT=$HTTP_PORT LMS_HTTPS_PORT=$HTTPS_PORT LMS_EMBEDDED_DB_PORT=$DB_PORT \
    setsid mvn -q ${RESTORE_TEST_MVN_ARGS:-} -f "$ROOT/pom.xml" -pl lms-app -am package -Dlms.run -DskipTests \
    >"$log" 2>&1 </dev/null &
  SERVER_PID=$!
  until curl -sf -m 2 "$BASE/health/ready" >/dev/null 2>&1; do
    kill -0 "$SERVER_PID" 2>/dev/null || fail "the server exited; see $log"
    [ $(( $(date +%s) - started )) -lt 600 ] || fail "the server was not ready after 600 s"
    sleep 0.5
  done
  echo "   ready after $(( $(date +%s) - started )) s"
}

sql() { psql -X -q -At -v ON_ERROR_STOP=1 -h localhost -p "$DB_PORT" -U postgres -d lms -c "$1"; }

# Switches to a new WAL segment and waits until the archive holds the one just finished.
archive_wal() {
  local segment
  segment=$(sql "select pg_walfile_name(pg_switch_wal())")
  for _ in $(seq 120); do
    [ -f "$DATA/backups/wal/$segment" ] && return 0
    sleep 0.5
  done
  fail "WAL segment $segment did not reach $DATA/backups/wal within 60 s"
}

TOKEN=
login() {
  local reply
  reply=$(curl -sf -m 30 -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"email":"student@lectern.local","password":"student-demo-pass"}') || fail "sign-in failed"
  TOKEN=$(sed -E 's/.*"accessToken":"([^"]+)".*/\1/' <<<"$reply")
  [ -n "$TOKEN" ] && [ "$TOKEN" != "$reply" ] || fail "no access token in the sign-in reply"
}
chapter() { # tutorial chapter
  curl -sf -m 30 -X POST "$BASE/v1/tutorials/progress/$1/chapter" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' \
    -d "{\"chapterId\":\"$2\",\"watchTime\":60,\"completed\":true,\"totalChapters\":4}" >/dev/null \
    || fail "recording chapter $2 of $1 failed"
}
progress() { # tutorial
  curl -sf -m 30 "$BASE/v1/tutorials/progress/$1" -H "Authorization: Bearer $TOKEN" \
    || fail "reading the progress of $1 failed"
}

step "starting the server (data in $DATA, http $HTTP_PORT, database $DB_PORT)"
start_server

step "waiting for the first base backup"
BACKUP=
for _ in $(seq 240); do
  BACKUP=$(ls -1 "$DATA/backups/base" 2>/dev/null | grep -E '^[0-9]{8}T[0-9]{6}Z$' | head -1 || true)
  [ -n "$BACKUP" ] && [ -f "$DATA/backups/base/$BACKUP/backup_label" ] && break
  BACKUP=
  sleep 0.5
done
[ -n "$BACKUP" ] || fail "no base backup in $DATA/backups/base 120 s after the server was ready"
grep -h 'Embedded PostgreSQL base backup' "$TMP/server-1.log" | sed 's/^/   /' || true

step "writing A: progress of tutorial restore-test-a, chapter a-1"
login
chapter restore-test-a a-1
archive_wal
sleep 1
TARGET=$(sql "select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")
step "noted time $TARGET"
sleep 1
step "writing B: chapter b-2 of restore-test-a, chapter b-1 of restore-test-b"
chapter restore-test-a b-2
chapter restore-test-b b-1
archive_wal
grep -q '"b-2"' <<<"$(progress restore-test-a)" || fail "B was not written"

step "stopping the server"
stop_server
[ -z "$(postmaster_pid)" ] || fail "the embedded PostgreSQL is still running"

step "restoring to $TARGET"
if ! bash "$ROOT/reliability/backup/restore-embedded.sh" "$DATA" "$TARGET" 2>&1 | sed 's/^/   /'; then
  fail "restore-embedded.sh failed"
fi

step "starting the server again on the restored data"
start_server
login
A=$(progress restore-test-a)
B=$(progress restore-test-b)
echo "   restore-test-a: $A"
echo "   restore-test-b: $B"
grep -q '"chapterId":"a-1"' <<<"$A" || fail "A (chapter a-1 of restore-test-a) is missing after the restore"
! grep -q '"b-2"' <<<"$A" || fail "B (chapter b-2 of restore-test-a) is still there after the restore"
! grep -q '"b-1"' <<<"$B" || fail "B (chapter b-1 of restore-test-b) is still there after the restore"
# The restored server keeps archiving and backing up: its new timeline reaches the archive.
archive_wal

stop_server
echo "embedded-restore: ok (base backup $BACKUP, restored to $TARGET: A present, B absent; $(( $(date +%s) - STARTED )) s)"
