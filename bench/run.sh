#!/usr/bin/env bash
# Lectern benchmark: one command, from a fresh database to a report.
#
#   bench/run.sh                      # full run (see bench/README.md)
#   BENCH_DURATION=3 BENCH_CONNECTIONS="1 8" BENCH_STUDENTS=300 BENCH_COURSES=20 bench/run.sh
#
# Steps: build and start the server (run command in the background, embedded PostgreSQL on a fresh
# data folder under bench/results/tmp/, durable commits as the run command starts it, or the
# database given by LMS_DB_URL), wait for /health/ready (the start time is measured from launch to
# ready), record the database's durability settings, seed (bench/seed.py), capture the SQL each
# scenario's request sends (bench/probe.py), run the wrk scenarios (bench/lua/) and pgbench with
# each endpoint's whole transaction (bench/pgbench/), write bench/results/<timestamp>.md (with the
# targets of issue 20 evaluated) and print it. The server (Maven process group) and the embedded
# PostgreSQL are stopped on exit, also on failure or Ctrl-C.
#
# Environment (defaults):
#   BENCH_HTTP_PORT (19080), BENCH_HTTPS_PORT (19443), BENCH_DB_PORT (15433): ports of this run;
#     9080, 9443 and 5433 are refused (a developer's server may use them)
#   BENCH_DURATION (10) seconds per cell; BENCH_MAX_REQUESTS (200000) requests per cell at most
#     (a cell ends at whichever comes first); BENCH_CONNECTIONS ("1 8 32"); BENCH_LOGIN_CONNECTIONS
#     ("1 8"); BENCH_REPEAT (1) repetitions per cell, the report shows the median;
#     BENCH_WARMUP (20) seconds of unrecorded load per scenario before the cells;
#     BENCH_THREADS (2) wrk threads (never more than the connections);
#     BENCH_SCENARIOS ("heartbeat progress search course tutorial quiz popular spread");
#     BENCH_PGBENCH_SCRIPTS ("heartbeat" and every "<scenario>-transaction" in bench/pgbench/);
#     BENCH_CROWD (2000) students of the popular/spread scenarios, each with a token of their own;
#     BENCH_PERF (auto): "0" skips `perf stat` (instructions per request), else used where it works;
#     BENCH_JFR ("heartbeat quiz popular"): scenarios whose first cell at the highest concurrency is
#       recorded with Java Flight Recorder and summarised by part of the stack (bench/jfr_summary.py)
#     BENCH_ANALYTICS (1): time the analytics and per-student queries (bench/analytics.py)
#   BENCH_SMOKE=1: CI smoke (small seed, 1-second cells, fails on any error or rejected reply)
#   BENCH_HOLD=1: start and seed, then keep the server running (no measurements) until Ctrl-C,
#     for profiling by hand
#   seeding sizes: BENCH_STUDENTS, BENCH_COURSES, BENCH_ENROLMENTS_PER_STUDENT, BENCH_TOKENS
#   LMS_DB_URL / LMS_DB_USER / LMS_DB_PASSWORD: use an external (empty) database instead; then set
#     PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE for psql and pgbench, and LMS_ADMIN_EMAIL /
#     LMS_ADMIN_PASSWORD for the first admin (the seeder signs in with it). PostgreSQL CPU is only
#     measured for the embedded database.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ "${BENCH_SMOKE:-0}" = 1 ]; then
  # CI smoke: a small seed and 1-second cells; any error or rejected reply fails the run.
  : "${BENCH_DURATION:=1}" "${BENCH_WARMUP:=1}" "${BENCH_STUDENTS:=100}" "${BENCH_COURSES:=10}"
  : "${BENCH_TOKENS:=8}" "${BENCH_CONNECTIONS:=1 8}" "${BENCH_LOGIN_CONNECTIONS:=1}"
  export BENCH_STUDENTS BENCH_COURSES BENCH_TOKENS
fi
BENCH=$ROOT/bench
HTTP_PORT=${BENCH_HTTP_PORT:-19080}
HTTPS_PORT=${BENCH_HTTPS_PORT:-19443}
DB_PORT=${BENCH_DB_PORT:-15433}
DURATION=${BENCH_DURATION:-10}
export BENCH_MAX_REQUESTS=${BENCH_MAX_REQUESTS:-200000}
CONNECTIONS=${BENCH_CONNECTIONS:-"1 8 32"}
TOP_CONNECTIONS=$(echo "$CONNECTIONS" | tr ' ' '\n' | sort -n | tail -1)
JFR_SCENARIOS=${BENCH_JFR-"heartbeat quiz popular"}
LOGIN_CONNECTIONS=${BENCH_LOGIN_CONNECTIONS:-"1 8"}
REPEAT=${BENCH_REPEAT:-1}
WARMUP=${BENCH_WARMUP:-20}
THREADS=${BENCH_THREADS:-2}
SCENARIOS=${BENCH_SCENARIOS:-"heartbeat progress search course tutorial quiz popular spread"}
PGBENCH_SCRIPTS=${BENCH_PGBENCH_SCRIPTS:-"heartbeat heartbeat-transaction progress-transaction search-transaction course-transaction tutorial-transaction quiz-transaction"}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN=$BENCH/results/tmp/$STAMP
RESULTS=$RUN/results.tsv
REPORT=$BENCH/results/$STAMP.md
BASE=http://localhost:$HTTP_PORT

for p in "$HTTP_PORT" "$HTTPS_PORT" "$DB_PORT"; do
  case $p in 9080|9443|5433) echo "port $p is reserved for developers; pick another" >&2; exit 2;; esac
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "port $p is already in use; set BENCH_HTTP_PORT / BENCH_HTTPS_PORT / BENCH_DB_PORT" >&2
    exit 2
  fi
done

if ! command -v wrk >/dev/null; then
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
for tool in wrk psql pgbench python3 mvn curl; do
  command -v $tool >/dev/null || { echo "missing tool: $tool" >&2; exit 2; }
done

mkdir -p "$RUN"
export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-$DB_PORT} PGUSER=${PGUSER:-lms}
export PGPASSWORD=${PGPASSWORD:-lms} PGDATABASE=${PGDATABASE:-lms}
EMBEDDED=yes
[ -n "${LMS_DB_URL:-}" ] && EMBEDDED=no
# The embedded database keeps the run command's durable settings (fsync, synchronous_commit,
# full_page_writes on); its logging collector is on so that bench/probe.py can switch statement
# logging on for its probe calls (nothing is logged otherwise).
export LMS_EMBEDDED_DB_SETTINGS="logging_collector=on${LMS_EMBEDDED_DB_SETTINGS:+;$LMS_EMBEDDED_DB_SETTINGS}"

SERVER_PID=
SAMPLER_PID=
stop_server() {
  local rc=$?
  trap - EXIT INT TERM
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "stopping the server (process group $SERVER_PID)" >&2
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
  fi
  # The embedded PostgreSQL runs detached; Maven's shutdown stops it, this is the safety net.
  local pm
  pm=$(pgrep -f -- "bin/postgres -D $RUN/data/postgres" || true)
  if [ -n "$pm" ]; then
    for _ in $(seq 20); do kill -0 $pm 2>/dev/null || break; sleep 0.5; done
    if kill -0 $pm 2>/dev/null; then kill -INT $pm 2>/dev/null || true; fi
  fi
  exit $rc
}
trap stop_server EXIT
trap 'exit 130' INT TERM

echo "== building and starting the server (log: $RUN/server.log)"
START=$(date +%s.%N)
# Rate limits stay on (their one statement per request is part of what is measured) but far above
# what 64 bench students at 32 connections send (thousands of requests a minute each).
LMS_DATA_DIR=$RUN/data LMS_HTTP_PORT=$HTTP_PORT LMS_HTTPS_PORT=$HTTPS_PORT \
  LMS_EMBEDDED_DB_PORT=$DB_PORT LMS_LOGIN_MAX_FAILURES_ADDRESS=100000 \
  LMS_RATE_LIMIT_READS_PER_MINUTE=${LMS_RATE_LIMIT_READS_PER_MINUTE:-10000000} \
  LMS_RATE_LIMIT_WRITES_PER_MINUTE=${LMS_RATE_LIMIT_WRITES_PER_MINUTE:-10000000} \
  LMS_RATE_LIMIT_SIGN_IN_PER_MINUTE=${LMS_RATE_LIMIT_SIGN_IN_PER_MINUTE:-10000000} \
  LMS_JWT_ACCESS_TTL_SECONDS=${LMS_JWT_ACCESS_TTL_SECONDS:-14400} \
  setsid mvn -q -f "$ROOT/pom.xml" -pl lms-app -am package -Dlms.run -DskipTests \
  >"$RUN/server.log" 2>&1 </dev/null &
SERVER_PID=$!
until curl -sf -m 2 "$BASE/health/ready" >/dev/null 2>&1; do
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited; see $RUN/server.log" >&2; tail -30 "$RUN/server.log" >&2; exit 1; }
  if [ $(( $(date +%s) - ${START%.*} )) -gt 900 ]; then echo "server not ready after 900 s" >&2; exit 1; fi
  sleep 0.2
done
READY=$(python3 -c "import time; print(round(time.time() - $START, 1))")
echo "ready after $READY s (build included)"
# Liberty's own start-to-ready time (without the Maven build) from its log.
LIBERTY_READY=$(grep -ho "The lectern server started in [0-9.]* seconds" \
  "$ROOT/lms-app/target/liberty/wlp/usr/servers/lectern/logs/messages.log" 2>/dev/null | tail -1 \
  | grep -o "[0-9.]*" || echo "n/a")

JAVA_PID=$(ps -eo pid=,sid=,args= | awk -v s="$SERVER_PID" '$2 == s && /ws-javaagent/ {print $1}' | head -1)
PG_PID=
[ $EMBEDDED = yes ] && PG_PID=$(pgrep -f -- "bin/postgres -D $RUN/data/postgres" | head -1)
echo "server java pid $JAVA_PID, postgres pid ${PG_PID:-external}"

ticks() { # utime+stime (clock ticks) of a process, plus its children for the postmaster
  local total=0 p
  for p in "$@"; do
    [ -r /proc/$p/stat ] && total=$((total + $(awk '{print $14 + $15}' /proc/$p/stat)))
  done
  echo $total
}
pg_pids() { [ -n "$PG_PID" ] && echo "$PG_PID $(ps -o pid= --ppid "$PG_PID" | tr '\n' ' ')"; }
# PostgreSQL's CPU so far: the live processes plus the backends that have exited (the postmaster
# has reaped them: its cutime+cstime), so pgbench's own short-lived backends are counted too.
pg_ticks() {
  [ -n "$PG_PID" ] && [ -r /proc/$PG_PID/stat ] || { echo 0; return; }
  echo $(( $(ticks $(pg_pids)) + $(awk '{print $16 + $17}' /proc/$PG_PID/stat) ))
}
HZ=$(getconf CLK_TCK)

# The database's settings that decide what a commit costs (durability first), for the report.
psql -X -At -F $'\t' -c "select name, setting from pg_settings where name in ('fsync',
  'synchronous_commit', 'full_page_writes', 'wal_level', 'archive_mode', 'wal_sync_method',
  'commit_delay', 'shared_buffers', 'max_connections', 'server_version', 'work_mem',
  'max_wal_size', 'checkpoint_timeout') order by name" >"$RUN/pg-settings.tsv"
echo "database: $(awk -F'\t' '$1 ~ /^(fsync|synchronous_commit|full_page_writes)$/ {printf "%s=%s ", $1, $2}' "$RUN/pg-settings.tsv")"

# Resident memory of the server, sampled every 0.5 s for the whole run (the report shows the max per
# cell and overall), with a timestamp so cells can find their window.
( while kill -0 "$JAVA_PID" 2>/dev/null; do
    echo "$(date +%s.%N) $(ps -o rss= -p "$JAVA_PID" | tr -d ' ')"; sleep 0.5
  done ) >"$RUN/rss.log" 2>/dev/null &
SAMPLER_PID=$!

# Instructions per request with `perf stat` where the machine exposes hardware counters (many VMs
# do not: then n/a). Installed from Debian when missing.
PERF=no
if [ "${BENCH_PERF:-auto}" != 0 ]; then
  command -v perf >/dev/null || apt-get install -y linux-perf >/dev/null 2>&1 || true
  if command -v perf >/dev/null && perf stat -x, -e instructions -- true 2>&1 | grep -q '^[0-9]'; then
    PERF=yes
  fi
fi
echo "perf stat instructions: $PERF"

echo "== seeding"
SEED_START=$(date +%s)
python3 "$BENCH/seed.py" "$BASE" "$DB_PORT" "$RUN/seed" | tee "$RUN/seed.out"
SEED_S=$(( $(date +%s) - SEED_START ))
export BENCH_DATA=$RUN/seed BENCH_LUA=$BENCH/lua

if [ $EMBEDDED = yes ]; then
  echo "== probe: the SQL of one request per scenario (bench/probe.py)"
  python3 "$BENCH/probe.py" "$BASE" "$RUN/seed" "$RUN"
fi

if [ "${BENCH_HOLD:-0}" = 1 ]; then
  # Profiling mode: keep the seeded server up for hand-run wrk/psql/jcmd until interrupted.
  echo "== holding: server $BASE (java pid $JAVA_PID), database port $DB_PORT"
  echo "   e.g. BENCH_DATA=$RUN/seed BENCH_LUA=$BENCH/lua wrk -t2 -c32 -d10s -s $BENCH/lua/heartbeat.lua $BASE -- 2"
  echo "   Ctrl-C (or SIGTERM to this script) stops the server"
  while kill -0 "$SERVER_PID" 2>/dev/null; do sleep 1; done
  exit 0
fi

printf "scenario\tconnections\trep\trps\tp50\tp90\tp95\tp99\terrors\tbad\tserver_cpu_s\tpg_cpu_s\trss_kb\trequests\trss_max_kb\tserver_instructions\tpg_instructions\tprogress_updates\thot_pct\n" >"$RESULTS"
# perf stat over the processes given, in the background until stop_perf; writes the count to $1.
PERF_PIDS=
start_perf() { # out pids...
  local out=$1; shift
  [ $PERF = yes ] || return 0
  perf stat -x, -e instructions -p "$(echo "$@" | tr ' ' ',')" -o "$out" 2>/dev/null &
  PERF_PIDS="$PERF_PIDS $!"
}
stop_perf() {
  local p
  for p in $PERF_PIDS; do kill -INT "$p" 2>/dev/null || true; done
  for p in $PERF_PIDS; do wait "$p" 2>/dev/null || true; done
  PERF_PIDS=
}
# Updates of the progress tables so far, and how many were HOT (no index entry added): the popular
# course's contention showed as non-HOT enrolment updates (docs/adr/0023).
hot_stats() {
  psql -X -At -F ' ' -c "select coalesce(sum(n_tup_upd), 0), coalesce(sum(n_tup_hot_upd), 0)
    from pg_stat_user_tables where schemaname = 'enrollment'
    and relname in ('enrollments', 'lesson_progress')" 2>/dev/null || echo "0 0"
}
# What PostgreSQL's client backends wait on during a cell: one psql session samples
# pg_stat_activity every 0.2 s (\watch) until the cell ends; "CPU" = active without a wait event.
start_waits() { # out
  printf "%s\n%s\n" "select coalesce(wait_event_type || ':' || wait_event, 'CPU') from pg_stat_activity
    where state = 'active' and backend_type = 'client backend' and pid <> pg_backend_pid()" \
    '\watch 0.2' >"$RUN/waits.sql"
  psql -X -At -f "$RUN/waits.sql" >"$1" 2>/dev/null &
  WAITS_PID=$!
}
stop_waits() { [ -n "${WAITS_PID:-}" ] && { kill "$WAITS_PID" 2>/dev/null; wait "$WAITS_PID" 2>/dev/null; WAITS_PID=; } || true; }
perf_count() { [ -s "$1" ] && awk -F, '$3 == "instructions" || $3 ~ /^instructions/ {print $1}' "$1" | head -1 || true; }
cell() { # scenario connections rep
  local s=$1 c=$2 r=$3 t=$THREADS
  [ "$s" = quiz ] && python3 "$BENCH/quiz_reset.py" "$BASE" "$RUN/seed"
  [ "$t" -gt "$c" ] && t=$c
  local j0 p0 j1 p1 line rss t0 t1 pj pp
  pj=$RUN/perf-java-$s-$c-$r.txt; pp=$RUN/perf-pg-$s-$c-$r.txt
  local jfr=
  if [ "$c" = "$TOP_CONNECTIONS" ] && [ "$r" = 1 ] && [[ " $JFR_SCENARIOS " == *" $s "* ]]; then
    jfr=$RUN/jfr-$s.jfr
    jcmd "$JAVA_PID" JFR.start name="bench-$s" settings=profile filename="$jfr" >/dev/null 2>&1 || jfr=
  fi
  start_perf "$pj" "$JAVA_PID"
  [ -n "$PG_PID" ] && start_perf "$pp" $(pg_pids)
  local h0 h1
  h0=$(hot_stats)
  start_waits "$RUN/waits-$s-$c-$r.txt"
  t0=$(date +%s.%N); j0=$(ticks $JAVA_PID); p0=$(pg_ticks)
  line=$(BENCH_WRK_THREADS=$t wrk -t"$t" -c"$c" -d"${DURATION}s" --timeout 10s --latency -s "$BENCH/lua/$s.lua" "$BASE" -- "$t" \
    | tee "$RUN/wrk-$s-$c-$r.txt" | grep '^BENCH ')
  j1=$(ticks $JAVA_PID); p1=$(pg_ticks); t1=$(date +%s.%N)
  stop_waits
  stop_perf
  sleep 0.6 # the statistics collector reports at most every 500 ms
  h1=$(hot_stats)
  if [ -n "$jfr" ]; then
    jcmd "$JAVA_PID" JFR.stop name="bench-$s" >/dev/null 2>&1 || true
    python3 "$BENCH/jfr_summary.py" "$jfr" "$RUN/profile-$s.tsv" >/dev/null 2>&1 \
      || echo "JFR summary of $s failed" >&2
  fi
  rss=$(ps -o rss= -p "$JAVA_PID" | tr -d ' ')
  python3 - "$s" "$c" "$r" "$line" "$((j1 - j0))" "$((p1 - p0))" "$HZ" "$rss" "$EMBEDDED" \
    "$RUN/rss.log" "$t0" "$t1" "$(perf_count "$pj")" "$(perf_count "$pp")" "$h0" "$h1" >>"$RESULTS" <<'EOF'
import sys
s, c, r, line, jt, pt, hz, rss, emb, rsslog, t0, t1, ij, ip, h0, h1 = sys.argv[1:]
u0, k0 = (int(x) for x in h0.split())
u1, k1 = (int(x) for x in h1.split())
hot = f"{100 * (k1 - k0) / (u1 - u0):.0f}" if u1 > u0 else ""
f = dict(kv.split("=") for kv in line.split()[1:])
errors = sum(int(f[k]) for k in f if k.startswith("errors_"))
pg = f"{int(pt) / int(hz):.2f}" if emb == "yes" else "n/a"
window = [int(v) for ts, v in (l.split() for l in open(rsslog) if len(l.split()) == 2)
          if float(t0) - 0.5 <= float(ts) <= float(t1) + 0.5]
print("\t".join([s, c, r, f["rps"], f["p50"], f["p90"], f["p95"], f["p99"], str(errors), f["bad"],
                 f"{int(jt) / int(hz):.2f}", pg, rss, f["requests"], str(max(window + [int(rss)])),
                 ij or "n/a", ip or "n/a", str(u1 - u0), hot]))
EOF
  tail -1 "$RESULTS"
  case $line in *capped=1*)
    echo "$s at $c connections (repetition $r) reached BENCH_MAX_REQUESTS: its req/s is a lower bound" \
      | tee -a "$RUN/capped.txt" >&2;;
  esac
}

# Warm-up, not recorded: the JIT compiles the hot paths (the first cell would otherwise pay for it).
echo "== warm-up: ${WARMUP}s per scenario at 8 connections (not recorded)"
if [ "$WARMUP" -gt 0 ]; then
  for s in $SCENARIOS; do
    [ "$s" = quiz ] && python3 "$BENCH/quiz_reset.py" "$BASE" "$RUN/seed"
    wrk -t2 -c8 -d"${WARMUP}s" -s "$BENCH/lua/$s.lua" "$BASE" -- 2 | grep '^BENCH ' || true
  done
fi

echo "== wrk: ${DURATION}s per cell, $REPEAT repetition(s)"
for s in $SCENARIOS; do
  for c in $CONNECTIONS; do
    for r in $(seq "$REPEAT"); do cell "$s" "$c" "$r"; done
  done
done
for c in $LOGIN_CONNECTIONS; do
  for r in $(seq "$REPEAT"); do cell login "$c" "$r"; done
done

echo "== pgbench: the endpoints' SQL ($PGBENCH_SCRIPTS)"
# Row counts of the helper tables the scripts pick their rows from (bench schema, see seed.py).
PGB_VARS=$(psql -X -At -F ' ' -c "select '-D npairs=' || (select count(*) from bench.hb_pairs),
  '-D nprogress=' || (select count(*) from bench.progress_k),
  '-D ncourses=' || (select count(*) from bench.course_k),
  '-D ntutorials=' || (select count(*) from bench.tutorial_k),
  '-D nquiz=' || (select count(*) from bench.quiz_k),
  '-D nwords=' || (select count(*) from bench.word_k)")
printf "script\tclients\trep\ttps\tavg_ms\tp50\tp90\tp95\tp99\tfailed\tpg_cpu_s\ttransactions\n" >"$RUN/pgbench.tsv"
for script in $PGBENCH_SCRIPTS; do
  for c in $CONNECTIONS; do
    for r in $(seq "$REPEAT"); do
      j=$c; [ "$j" -gt 2 ] && j=2
      logdir=$RUN/pgbench-$script-$c-$r; mkdir -p "$logdir"
      p0=$(pg_ticks)
      # The last quiz cell left attempts open (wrk stops mid-attempt): submit them first.
      if [ "$script" = quiz-transaction ]; then python3 "$BENCH/quiz_reset.py" "$BASE" "$RUN/seed"; fi
      # shellcheck disable=SC2086 # PGB_VARS is a list of -D options
      (cd "$logdir" && pgbench -n -M prepared -c "$c" -j "$j" -T "$DURATION" $PGB_VARS -D nclients="$c" \
        -f "$BENCH/pgbench/$script.sql" -l --log-prefix=tx >"$logdir/out.txt" 2>&1) \
        || { echo "pgbench $script failed:" >&2; tail -5 "$logdir/out.txt" >&2; exit 1; }
      p1=$(pg_ticks)
      python3 - "$script" "$c" "$r" "$logdir" "$((p1 - p0))" "$HZ" "$EMBEDDED" >>"$RUN/pgbench.tsv" <<'EOF'
import glob, re, sys
script, c, r, d, pt, hz, emb = sys.argv[1:]
out = open(d + "/out.txt").read()
done = re.search(r"number of transactions actually processed: (\d+)", out).group(1)
tps = re.search(r"tps = ([0-9.]+)", out).group(1)
avg = re.search(r"latency average = ([0-9.]+) ms", out).group(1)
failed = re.search(r"number of failed transactions: (\d+)", out)
lat = sorted(int(l.split()[2]) for f in glob.glob(d + "/tx*") for l in open(f))
pct = lambda q: f"{lat[min(len(lat) - 1, int(q * len(lat)))] / 1000:.2f}"
pg = f"{int(pt) / int(hz):.2f}" if emb == "yes" else "n/a"
print("\t".join([script, c, r, f"{float(tps):.1f}", avg, pct(.5), pct(.9), pct(.95), pct(.99),
                 failed.group(1) if failed else "0", pg, done]))
EOF
      rm -f "$logdir"/tx*
      tail -1 "$RUN/pgbench.tsv"
    done
  done
done

if [ "${BENCH_ANALYTICS:-1}" = 1 ]; then
  echo "== analytics and per-student query timings (after the load: the JIT is warm)"
  python3 "$BENCH/analytics.py" "$BASE" "$RUN/seed" "$RUN/analytics.tsv"
fi

RSS_AFTER=$(ps -o rss= -p "$JAVA_PID" | tr -d ' ')
python3 "$BENCH/report.py" "$RUN" "$REPORT" "$READY" "$LIBERTY_READY" "$SEED_S" "$RSS_AFTER" \
  "$DURATION" "$REPEAT" "$EMBEDDED" "$PERF" "$BENCH"
cat "$REPORT"
echo "report: $REPORT"
if [ "${BENCH_SMOKE:-0}" = 1 ]; then
  failed=$(awk -F'\t' 'NR > 1 && ($9 + $10) > 0 {print $1 "@" $2}' "$RESULTS")
  if [ -n "$failed" ]; then echo "smoke: errors or rejected replies in: $failed" >&2; exit 1; fi
  echo "smoke: every scenario ran without an error"
fi
