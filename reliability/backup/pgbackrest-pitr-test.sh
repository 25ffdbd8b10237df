#!/usr/bin/env bash
# Point-in-time recovery with pgBackRest against a real PostgreSQL (Debian's packages), using the
# documented configuration in ops/pgbackrest/ with throw-away paths and port.
#
#   reliability/backup/pgbackrest-pitr-test.sh        # as root; about 30 seconds
#
# Steps: install `postgresql` and `pgbackrest` with apt-get when missing; create a cluster in a
# temporary folder on a free port (26000-26999, or PITR_PORT) running as the `postgres` user;
# configure WAL archiving (ops/pgbackrest/postgresql.conf.snippet) into a temporary repository
# (ops/pgbackrest/pgbackrest.conf.example); stanza-create, check, full backup; write rows A in
# database lms, note the time, write rows B, incremental backup, write rows C; stop the cluster;
# restore with --type=time to the noted time (--delta, --target-action=promote); start it and check
# that exactly rows A are there. Everything it started or created is stopped and removed on exit,
# also on failure. The last line is `pgbackrest-pitr: ok (...)`; any failure exits 1.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
EXAMPLE_CONF=$ROOT/ops/pgbackrest/pgbackrest.conf.example
SNIPPET=$ROOT/ops/pgbackrest/postgresql.conf.snippet
STANZA=lectern
STARTED=$(date +%s)

fail() { echo "pgbackrest-pitr: FAILED: $*" >&2; exit 1; }
step() { echo "== $*"; }

[ -f "$EXAMPLE_CONF" ] && [ -f "$SNIPPET" ] || fail "missing $EXAMPLE_CONF or $SNIPPET"

# --- tools -------------------------------------------------------------------------------------
pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
PGBIN=$(pg_bin_dir)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ] || ! command -v pgbackrest >/dev/null; then
  step "installing postgresql and pgbackrest (Debian packages)"
  [ "$(id -u)" -eq 0 ] || fail "postgresql/pgbackrest are missing and installing them needs root"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q postgresql pgbackrest >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q postgresql pgbackrest >/dev/null; } \
    || fail "apt-get could not install postgresql and pgbackrest"
  PGBIN=$(pg_bin_dir)
fi
[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] && [ -x "$PGBIN/pg_ctl" ] && [ -x "$PGBIN/psql" ] \
  || fail "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin"
command -v pgbackrest >/dev/null || fail "pgbackrest not found after installation"
id postgres >/dev/null 2>&1 || fail "no 'postgres' user (it comes with the postgresql package)"

# PostgreSQL and pgBackRest refuse to run as root: run them as postgres.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" -eq 0 ] || [ "$(id -un)" = postgres ] || fail "run as root (or as the postgres user)"

# --- a free port -------------------------------------------------------------------------------
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=${PITR_PORT:-}
if [ -z "$PORT" ]; then
  for p in $(seq 26432 26481); do
    if port_free "$p"; then PORT=$p; break; fi
  done
fi
[ -n "$PORT" ] || fail "no free port in 26432-26481 (set PITR_PORT)"
case $PORT in 9080|9443|5433|29080|25433|19080|15433) fail "port $PORT is reserved";; esac
port_free "$PORT" || fail "port $PORT is in use"

# --- throw-away folders, removed on exit ---------------------------------------------------------
TMP=$(mktemp -d /tmp/lectern-pgbackrest.XXXXXX)
DATA=$TMP/data
REPO=$TMP/repo
SOCK=$TMP/run
CONF=$TMP/pgbackrest.conf
mkdir -p "$REPO" "$SOCK" "$TMP/log" "$TMP/lock"
chown -R postgres:postgres "$TMP" 2>/dev/null || true
chmod 700 "$TMP"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -f "$DATA/postmaster.pid" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  if [ $rc -ne 0 ]; then
    echo "--- server log (last lines)" >&2
    tail -n 25 "$TMP/postgresql.log" >&2 2>/dev/null || true
    echo "--- pgBackRest logs (last lines)" >&2
    tail -n 15 "$TMP"/log/*.log >&2 2>/dev/null || true
  fi
  rm -rf "$TMP"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PGBR=(pgbackrest "--config=$CONF" "--stanza=$STANZA")
sql() { as_pg "$PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PORT" -U postgres "$@"; }
start_pg() {
  as_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$TMP/postgresql.log" -w -t 120 start >/dev/null \
    || fail "PostgreSQL did not start"
}
stop_pg() {
  as_pg "$PGBIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null || fail "PostgreSQL did not stop"
}

# --- the cluster, configured with the documented snippet -----------------------------------------
PG_VERSION=$("$PGBIN/postgres" --version | awk '{print $3}')
step "PostgreSQL $PG_VERSION cluster in $DATA on port $PORT"
as_pg "$PGBIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --no-instructions >"$TMP/initdb.log" 2>&1 \
  || { cat "$TMP/initdb.log" >&2; fail "initdb failed"; }
{
  echo ""
  echo "# --- throw-away test cluster"
  echo "port = $PORT"
  echo "listen_addresses = 'localhost'"
  echo "unix_socket_directories = '$SOCK'"
  echo ""
  echo "# --- ops/pgbackrest/postgresql.conf.snippet (config path replaced)"
  sed "s|--config=/etc/pgbackrest/pgbackrest.conf|--config=$CONF|" "$SNIPPET"
} >>"$DATA/postgresql.conf"
grep -q "^archive_command = 'pgbackrest --config=$CONF --stanza=$STANZA archive-push %p'" \
  "$DATA/postgresql.conf" || fail "the snippet's archive_command is not the documented one"

# --- pgBackRest, configured with the documented example ------------------------------------------
for key in repo1-path repo1-retention-full-type repo1-retention-full compress-type archive-async \
  process-max log-path pg1-path pg1-port pg1-socket-path; do
  grep -q "^$key=" "$EXAMPLE_CONF" || fail "$EXAMPLE_CONF has no $key"
done
grep -q '^repo1-retention-full-type=time$' "$EXAMPLE_CONF" || fail "retention is not time-based"
grep -q '^repo1-retention-full=30$' "$EXAMPLE_CONF" || fail "retention is not 30 days"
grep -q '^archive-async=n$' "$EXAMPLE_CONF" || fail "archive-async is not off"
sed -e "s|^repo1-path=.*|repo1-path=$REPO|" \
  -e "s|^log-path=.*|log-path=$TMP/log|" \
  -e "s|^pg1-path=.*|pg1-path=$DATA|" \
  -e "s|^pg1-port=.*|pg1-port=$PORT|" \
  -e "s|^pg1-socket-path=.*|pg1-socket-path=$SOCK|" \
  -e "s|^\[global\]$|[global]\nlock-path=$TMP/lock|" \
  "$EXAMPLE_CONF" >"$CONF"
chown postgres:postgres "$CONF" 2>/dev/null || true
PGBR_VERSION=$(pgbackrest version | awk '{print $2}')

start_pg
step "pgBackRest $PGBR_VERSION: stanza-create, check, full backup"
as_pg "${PGBR[@]}" --log-level-console=warn stanza-create || fail "stanza-create failed"
as_pg "${PGBR[@]}" --log-level-console=warn check || fail "check failed (is WAL archiving working?)"
as_pg "${PGBR[@]}" --log-level-console=warn --type=full backup || fail "full backup failed"

# --- data: A, the noted time, B, incremental backup, C -------------------------------------------
ROWS=5
sql -d postgres -c "create database lms"
sql -d lms -c "create table pitr_rows (batch text not null, n int not null,
  written_at timestamptz not null default clock_timestamp())"
write_rows() { sql -d lms -c "insert into pitr_rows (batch, n) select '$1', g from generate_series(1, $ROWS) g"; }
now_utc() { sql -d lms -c "select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'"; }

step "writing rows A"
write_rows A
sleep 1.5
TARGET=$(now_utc)
step "noted time $TARGET"
sleep 1.5
step "writing rows B, incremental backup"
write_rows B
as_pg "${PGBR[@]}" --log-level-console=warn --type=incr backup || fail "incremental backup failed"
step "writing rows C (and archiving them, so the restore has to stop before B and C on its own)"
write_rows C
sql -d lms -c "select pg_switch_wal()" >/dev/null
as_pg "${PGBR[@]}" --log-level-console=warn check || fail "check after rows C failed"
[ "$(sql -d lms -c "select string_agg(batch || ':' || c, ',' order by batch) from
  (select batch, count(*) c from pitr_rows group by batch) t")" = "A:$ROWS,B:$ROWS,C:$ROWS" ] \
  || fail "rows A, B and C were not all written"

INFO=$(as_pg "${PGBR[@]}" info) || fail "info failed"
echo "$INFO"
FULLS=$(grep -c 'full backup:' <<<"$INFO" || true)
INCRS=$(grep -c 'incr backup:' <<<"$INFO" || true)
[ "$FULLS" -ge 1 ] && [ "$INCRS" -ge 1 ] || fail "info does not list a full and an incremental backup"

# --- restore to the noted time --------------------------------------------------------------------
step "stopping the cluster, restoring to $TARGET"
stop_pg
as_pg "${PGBR[@]}" --log-level-console=info --delta --type=time "--target=$TARGET" \
  --target-action=promote restore >"$TMP/restore.log" 2>&1 || { cat "$TMP/restore.log" >&2; fail "restore failed"; }
grep -E 'restore backup set|INFO: restore command begin' "$TMP/restore.log" | sed 's/^/   /' | tail -2 || true
SET=$(grep -o 'restore backup set [^,]*' "$TMP/restore.log" | awk '{print $4}' | head -1 || true)
start_pg
deadline=$(( $(date +%s) + 60 ))
until [ "$(sql -d lms -c 'select pg_is_in_recovery()' 2>/dev/null || true)" = f ]; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the restored cluster did not finish recovery within 60 s"
  sleep 0.5
done
grep -E 'recovery stopping before|archive recovery complete' "$TMP/postgresql.log" | sed 's/^/   /' || true

# --- exactly rows A ---------------------------------------------------------------------------------
GOT=$(sql -d lms -c "select coalesce(string_agg(batch || ':' || c, ',' order by batch), '') from
  (select batch, count(*) c from pitr_rows group by batch) t")
[ "$GOT" = "A:$ROWS" ] || fail "after the restore the table holds '$GOT', expected exactly 'A:$ROWS' (no B, no C)"
step "after the restore: $GOT (B and C absent)"

stop_pg
echo "pgbackrest-pitr: ok (PostgreSQL $PG_VERSION, pgBackRest $PGBR_VERSION, $FULLS full + $INCRS incr backup(s), restored backup set ${SET:-?} to $TARGET: $ROWS rows A, no B, no C; $(( $(date +%s) - STARTED )) s)"
