#!/usr/bin/env bash
# Lectern soak test: many hostile and varied requests against a fresh server; fails unless memory
# stays bounded, the server stays responsive and every error is a problem+json reply.
#
#   bench/soak/soak.sh                          # 20,000 requests (see bench/soak/README.md)
#   SOAK_REQUESTS=1500 bench/soak/soak.sh       # a quick run
#   SOAK_BASE_URL=http://localhost:29080 SOAK_PID=1234 bench/soak/soak.sh   # an already running server
#
# Steps: build and start the server with the README's run command in the background (own process
# group, embedded PostgreSQL on a fresh data folder under bench/results/tmp/soak-<stamp>/, default
# heap), wait for /health/ready, run bench/soak/soak.py (hostile phase, health polling, heap after
# full GC before and after, normal flow, summary.json), then stop the server and its database,
# also on failure or Ctrl-C.
#
# Environment (defaults):
#   SOAK_REQUESTS (20000) hostile/varied requests; SOAK_CONCURRENCY (4) worker threads;
#   SOAK_SECONDS (1200) hard time bound of soak.py (the hostile phase stops early when reached)
#   LMS_HTTP_PORT (29080), LMS_HTTPS_PORT (29443), LMS_EMBEDDED_DB_PORT (25433): ports of this run;
#     9080, 9443 and 5433 are refused (a developer's server may use them)
#   SOAK_BASE_URL: use the server already running there (127.0.0.1/localhost only) and start none;
#     SOAK_PID then names its JVM for the heap figures (otherwise it is looked up by port)
#   SOAK_START_TIMEOUT (300) seconds to wait for /health/ready after launch (build included)
#   SOAK_KEEP_DATA=1: keep the run's data folder (database, uploads); by default it is deleted
#     once the server has stopped (server.log, summary.json and failures.jsonl stay)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SOAK=$ROOT/bench/soak
HTTP_PORT=${LMS_HTTP_PORT:-29080}
HTTPS_PORT=${LMS_HTTPS_PORT:-29443}
DB_PORT=${LMS_EMBEDDED_DB_PORT:-25433}
START_TIMEOUT=${SOAK_START_TIMEOUT:-300}
export SOAK_REQUESTS=${SOAK_REQUESTS:-20000}
export SOAK_CONCURRENCY=${SOAK_CONCURRENCY:-4}
export SOAK_SECONDS=${SOAK_SECONDS:-1200}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN=$ROOT/bench/results/tmp/soak-$STAMP
export SOAK_RUN_DIR=$RUN

for tool in python3 curl jcmd; do
  command -v $tool >/dev/null || { echo "missing tool: $tool" >&2; exit 2; }
done

SERVER_PID=
stop_server() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$SERVER_PID" ]; then
    if kill -0 "$SERVER_PID" 2>/dev/null || pgrep -s "$SERVER_PID" >/dev/null 2>&1; then
      echo "stopping the server (process group $SERVER_PID)" >&2
      kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
      for _ in $(seq 60); do
        pgrep -g "$SERVER_PID" >/dev/null 2>&1 || break
        sleep 0.5
      done
      kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
    fi
    # The embedded PostgreSQL runs detached (its own session); Maven's shutdown hook stops it,
    # this is the safety net: a fast shutdown, then SIGKILL for the postmaster of this run only.
    local pm
    pm=$(pgrep -f -- "bin/postgres -D $RUN/data/postgres" || true)
    if [ -n "$pm" ]; then
      for _ in $(seq 20); do kill -0 $pm 2>/dev/null || break; sleep 0.5; done
      if kill -0 $pm 2>/dev/null; then
        echo "stopping the embedded PostgreSQL ($pm)" >&2
        kill -INT $pm 2>/dev/null || true
        for _ in $(seq 20); do kill -0 $pm 2>/dev/null || break; sleep 0.5; done
        kill -0 $pm 2>/dev/null && kill -KILL $pm 2>/dev/null || true
      fi
    fi
    local left
    left=$( { pgrep -g "$SERVER_PID"; pgrep -f -- "$RUN/data/postgres"; } 2>/dev/null | sort -u | tr '\n' ' ' || true)
    if [ -n "$left" ]; then
      echo "warning: processes of this run still alive: $left" >&2
    elif [ "${SOAK_KEEP_DATA:-0}" != 1 ]; then
      rm -rf "$RUN/data"  # the database and uploads of this run; SOAK_KEEP_DATA=1 keeps them
    fi
  fi
  exit $rc
}
trap stop_server EXIT
trap 'exit 130' INT TERM

if [ -n "${SOAK_BASE_URL:-}" ]; then
  case $SOAK_BASE_URL in
    http://localhost:*|http://127.0.0.1:*|http://localhost/*|http://127.0.0.1/*|http://localhost|http://127.0.0.1) ;;
    *) echo "SOAK_BASE_URL must be http://localhost or http://127.0.0.1" >&2; exit 2;;
  esac
  case $SOAK_BASE_URL in
    *:9080|*:9080/*|*:9443|*:9443/*|http://localhost|http://127.0.0.1|http://localhost/*|http://127.0.0.1/*)
      echo "$SOAK_BASE_URL: give an explicit port other than 9080/9443 (a developer's server may be there)" >&2
      exit 2;;
  esac
  export SOAK_BASE_URL SOAK_PID=${SOAK_PID:-}
  curl -sf -m 10 "$SOAK_BASE_URL/health/ready" >/dev/null \
    || { echo "$SOAK_BASE_URL/health/ready is not 200" >&2; exit 2; }
  mkdir -p "$RUN"
  echo "== soaking the running server $SOAK_BASE_URL (pid ${SOAK_PID:-looked up}); output in $RUN"
  rc=0
  timeout --kill-after=30 $((SOAK_SECONDS + 300)) python3 "$SOAK/soak.py" || rc=$?
  exit $rc
fi

for p in "$HTTP_PORT" "$HTTPS_PORT" "$DB_PORT"; do
  case $p in 9080|9443|5433) echo "port $p is reserved for developers; pick another" >&2; exit 2;; esac
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "port $p is already in use; set LMS_HTTP_PORT / LMS_HTTPS_PORT / LMS_EMBEDDED_DB_PORT" >&2
    exit 2
  fi
done
command -v mvn >/dev/null || { echo "missing tool: mvn" >&2; exit 2; }

BASE=http://127.0.0.1:$HTTP_PORT
mkdir -p "$RUN"
echo "== building and starting the server on $BASE (log: $RUN/server.log)"
START=$(date +%s)
# The README's run command, in the background in its own session/process group. No JVM_ARGS: the
# default heap. Rate limits stay on but far above the soak's load (a few users, one address). The
# per-address sign-in throttle is raised (as bench/run.sh does): every request
# comes from 127.0.0.1, and the hostile phase's failed sign-ins would otherwise lock the normal
# flow's sign-in out for 15 minutes.
env -u JVM_ARGS LMS_DATA_DIR="$RUN/data" LMS_HTTP_PORT="$HTTP_PORT" LMS_HTTPS_PORT="$HTTPS_PORT" \
  LMS_EMBEDDED_DB_PORT="$DB_PORT" LMS_PUBLIC_BASE_URL="http://localhost:$HTTP_PORT" \
  LMS_LOGIN_MAX_FAILURES_ADDRESS="${LMS_LOGIN_MAX_FAILURES_ADDRESS:-100000}" \
  LMS_RATE_LIMIT_READS_PER_MINUTE="${LMS_RATE_LIMIT_READS_PER_MINUTE:-10000000}" \
  LMS_RATE_LIMIT_WRITES_PER_MINUTE="${LMS_RATE_LIMIT_WRITES_PER_MINUTE:-10000000}" \
  LMS_RATE_LIMIT_SIGN_IN_PER_MINUTE="${LMS_RATE_LIMIT_SIGN_IN_PER_MINUTE:-10000000}" \
  setsid mvn -q -f "$ROOT/pom.xml" -pl lms-app -am package -Dlms.run -DskipTests \
  >"$RUN/server.log" 2>&1 </dev/null &
SERVER_PID=$!
echo "$SERVER_PID" >"$RUN/server.pgid"
until curl -sf -m 2 "$BASE/health/ready" >/dev/null 2>&1; do
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited; see $RUN/server.log" >&2; tail -30 "$RUN/server.log" >&2; exit 1; }
  if [ $(( $(date +%s) - START )) -gt "$START_TIMEOUT" ]; then
    echo "server not ready after $START_TIMEOUT s; see $RUN/server.log" >&2; tail -30 "$RUN/server.log" >&2; exit 1
  fi
  sleep 1
done
echo "ready after $(( $(date +%s) - START )) s (build included)"

# The Liberty JVM of this run: in the Maven session, running ws-server.jar.
JAVA_PID=$(ps -eo pid=,sid=,args= | awk -v s="$SERVER_PID" '$2 == s && /ws-server\.jar/ {print $1}' | head -1)
echo "server java pid ${JAVA_PID:-not found (soak.py looks it up by port)}"
export SOAK_BASE_URL=$BASE SOAK_PID=${JAVA_PID:-} SOAK_HTTP_PORT=$HTTP_PORT
rc=0
timeout --kill-after=30 $((SOAK_SECONDS + 300)) python3 "$SOAK/soak.py" || rc=$?
exit $rc
