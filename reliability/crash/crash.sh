#!/usr/bin/env bash
# Lectern crash test: a mixed write load, SIGKILL of PostgreSQL and, separately, of the server,
# restart, then every acknowledged write must be in the database and the invariants must hold.
#
#   reliability/crash/crash.sh                  # full: embedded and external database, both victims
#   CRASH_SHORT=1 reliability/crash/crash.sh    # CI: embedded database, both victims, 8 s of load
#   CRASH_DB=external CRASH_KILL=postgres reliability/crash/crash.sh
#
# The scenarios run in reliability/crash/crash.py (see reliability/crash/README.md). This script
# checks the tools and ports, creates the run folder, bounds the run's time, and on exit (also on
# failure, Ctrl-C or timeout) stops every process of the run it can still find (each carries
# CRASH_RUN_MARK=<run folder>/... in its environment) and removes the folder (CRASH_KEEP=1 keeps it).
#
# Environment (defaults):
#   CRASH_SHORT (0)            1: CI mode (embedded database only, 8 s of load, 18 students)
#   CRASH_DB                   embedded | external | all (short: embedded; full: all)
#   CRASH_KILL (both)          postgres | server | both
#   CRASH_SECONDS (20; short 8) seconds of load (the kill falls at 30-70 % of it)
#   CRASH_THREADS (6)          load threads (one of them the admin revoking certificates)
#   CRASH_STUDENTS (30; short 18)
#   CRASH_SEED (the time)      random seed (kill moment, actions, values)
#   CRASH_HTTP_PORT (28080), CRASH_HTTPS_PORT (28443), CRASH_DB_PORT (28433): ports of the run
#   CRASH_MVN_FLAGS            extra Maven flags for the run command (e.g. -o)
#   CRASH_START_TIMEOUT (600)  seconds to wait for /health/ready after a (re)start
#   CRASH_TIMEOUT (1800; short 900) hard bound of the whole run in seconds
#   CRASH_KEEP (0)             1: keep the run folder (data, server and PostgreSQL logs)
#   CRASH_EXTERNAL_PG_SETTINGS extra postgresql.conf lines for the external cluster (";"-separated),
#                              e.g. "synchronous_commit = off" as a negative control
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHORT=${CRASH_SHORT:-0}
LIMIT=${CRASH_TIMEOUT:-$([ "$SHORT" = 1 ] && echo 900 || echo 1800)}
DB=${CRASH_DB:-$([ "$SHORT" = 1 ] && echo embedded || echo all)}

for p in "${CRASH_HTTP_PORT:-28080}" "${CRASH_HTTPS_PORT:-28443}" "${CRASH_DB_PORT:-28433}"; do
  case $p in 9080|9443|5433) echo "port $p is reserved for developers; pick another" >&2; exit 2;; esac
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "port $p is already in use; set CRASH_HTTP_PORT / CRASH_HTTPS_PORT / CRASH_DB_PORT" >&2
    exit 2
  fi
done
for tool in python3 mvn psql timeout; do
  command -v $tool >/dev/null || { echo "missing tool: $tool (psql: Debian package postgresql-client)" >&2; exit 2; }
done
if [ "$DB" = external ] || [ "$DB" = all ]; then
  PG_BIN=${CRASH_PG_BIN:-/usr/lib/postgresql/15/bin}
  for tool in "$PG_BIN/initdb" "$PG_BIN/pg_ctl"; do
    [ -x "$tool" ] || { echo "missing $tool (Debian package postgresql-15; or set CRASH_PG_BIN)" >&2; exit 2; }
  done
  [ "$(id -u)" = 0 ] || { echo "the external mode runs initdb as user postgres: run as root" >&2; exit 2; }
  id postgres >/dev/null 2>&1 || { echo "no user postgres (Debian package postgresql-15)" >&2; exit 2; }
  command -v runuser >/dev/null || { echo "missing tool: runuser" >&2; exit 2; }
fi

RUN=$(mktemp -d "${TMPDIR:-/tmp}/lectern-crash.XXXXXX")
chmod 755 "$RUN"
export CRASH_RUN_DIR=$RUN

# Processes of this run: those whose environment holds CRASH_RUN_MARK=$RUN/<scenario>.
run_pids() {
  local f pid
  for f in /proc/[0-9]*/environ; do
    pid=${f#/proc/}; pid=${pid%/environ}
    [ "$pid" = $$ ] && continue
    # grep -z reads the NUL-separated environment itself: no pipe whose writer a matching
    # `grep -q` could cut off (SIGPIPE makes the whole pipeline false under pipefail).
    if grep -qsz "^CRASH_RUN_MARK=$RUN/" "$f"; then echo "$pid"; fi
  done
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local pgid pids pm
  # Maven process groups of the run command (started by crash.py), then anything else left.
  if [ -f "$RUN/pgids" ]; then
    while read -r pgid; do
      [ -n "$pgid" ] && kill -0 -- "-$pgid" 2>/dev/null || continue
      if grep -qsz "^CRASH_RUN_MARK=$RUN/" "/proc/$pgid/environ"; then
        echo "stopping the server (process group $pgid)" >&2
        kill -TERM -- "-$pgid" 2>/dev/null || true
        for _ in $(seq 120); do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 0.5; done
        kill -KILL -- "-$pgid" 2>/dev/null || true
      fi
    done <"$RUN/pgids"
  fi
  pids=$(run_pids)
  if [ -n "$pids" ]; then
    # PostgreSQL postmasters get a fast shutdown first; whatever is left after 30 s gets SIGKILL.
    for pm in $pids; do
      grep -qa "bin/postgres" "/proc/$pm/cmdline" 2>/dev/null && kill -INT "$pm" 2>/dev/null || true
    done
    for _ in $(seq 60); do [ -z "$(run_pids)" ] && break; sleep 0.5; done
    pids=$(run_pids)
    if [ -n "$pids" ]; then
      echo "killing processes of this run still alive: $pids" >&2
      kill -KILL $pids 2>/dev/null || true
      sleep 1
    fi
  fi
  if [ -n "$(run_pids)" ]; then
    echo "warning: processes of this run still alive: $(run_pids | tr '\n' ' '); keeping $RUN" >&2
  elif [ "${CRASH_KEEP:-0}" = 1 ]; then
    echo "run folder kept: $RUN" >&2
  else
    rm -rf "$RUN"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cd "$ROOT"
rc=0
timeout --kill-after=30 "$LIMIT" python3 -u "$HERE/crash.py" || rc=$?
[ $rc = 124 ] && echo "crash: the run took more than $LIMIT s (CRASH_TIMEOUT)" >&2
exit $rc
