#!/usr/bin/env bash
# Webhooks across server restarts: nothing lost, no event delivered under two ids.
#   A real server (the README's run command) on a real PostgreSQL (Debian's postgresql-15), and
#   the real webhook receiver of the integration tests (lms-app/src/test/webhooks, Node.js), which
#   verifies every request with the independent `standardwebhooks` npm library:
#   1. a subscription to every event; the receiver answers 500 to everything;
#   2. a first round of activity (students register, enrol, complete a lesson, get a
#      certificate): the first delivery of every subject is tried and refused twice or more (the
#      later ones of a subject wait behind it), each scheduled for a retry;
#   3. SIGTERM stops the server between retries; it starts again (same database);
#   4. a second round of activity, still refused by the receiver; then SIGKILL of the server
#      (no shutdown at all), and a start again;
#   5. the receiver accepts again: every event must arrive, verified, and each event under one
#      webhook id only. Prints events, sent, retried, delivered, duplicates.
# Ports (19200-19299): WHR_HTTP_PORT (19280), WHR_HTTPS_PORT (19243), WHR_DB_PORT (19232),
# WHR_RECEIVER_PORT (19290). WHR_STUDENTS (6) students per round. WHR_KEEP=1 keeps the work folder.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HTTP_PORT=${WHR_HTTP_PORT:-19280}
HTTPS_PORT=${WHR_HTTPS_PORT:-19243}
DB_PORT=${WHR_DB_PORT:-19232}
RECEIVER_PORT=${WHR_RECEIVER_PORT:-19290}
STUDENTS=${WHR_STUDENTS:-6}
BASE=http://127.0.0.1:$HTTP_PORT
API=$BASE/api/v1
RECEIVER=http://127.0.0.1:$RECEIVER_PORT
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
SERVER_NAME=lectern-webhooks
WORK=$(mktemp -d /tmp/lectern-webhooks.XXXXXX)
chmod 755 "$WORK"
chown postgres "$WORK"
SERVER_PGID=""
RECEIVER_PID=""
FAILED=0

# Progress goes to stdout; a failure also goes to stderr, so a failure inside a command
# substitution (whose stdout is captured) is still seen.
log() { printf '[%5ss] %s\n' "$SECONDS" "$*"; }
fail() { log "FAIL: $*" >&2; FAILED=1; }

if [ ! -x "$PG_BIN/pg_ctl" ]; then
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >/dev/null
fi
for tool in curl python3 mvn runuser setsid node npm psql; do
  command -v $tool >/dev/null || { echo "missing tool: $tool" >&2; exit 2; }
done

pg() { runuser -u postgres -- "$PG_BIN/$1" "${@:2}"; }
sql() { PGPASSWORD=lms psql -X -q -t -A -h 127.0.0.1 -p "$DB_PORT" -U lms -d lms -c "$1"; }

stop_server() { # signal (TERM or KILL): the whole process group of the server
  local signal=$1
  [ -n "$SERVER_PGID" ] || return 0
  disown "$SERVER_PGID" 2>/dev/null || true # no "Killed" notice from the shell
  kill -"$signal" -- "-$SERVER_PGID" 2>/dev/null || true
  for _ in $(seq 1 90); do kill -0 -- "-$SERVER_PGID" 2>/dev/null || break; sleep 1; done
  if kill -0 -- "-$SERVER_PGID" 2>/dev/null; then
    log "server still alive 90 s after SIG$signal: SIGKILL"
    kill -KILL -- "-$SERVER_PGID" 2>/dev/null || true
    sleep 1
  fi
  SERVER_PGID=""
}

cleanup() {
  set +e
  stop_server TERM
  [ -n "$RECEIVER_PID" ] && kill "$RECEIVER_PID" 2>/dev/null
  pg pg_ctl -D "$WORK/pgdata" -m immediate stop >/dev/null 2>&1
  [ "${WHR_KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

# A throw-away cluster with durable defaults; password authentication over TCP.
pg initdb -D "$WORK/pgdata" -U postgres --auth-local=trust --auth-host=scram-sha-256 >/dev/null
pg pg_ctl -D "$WORK/pgdata" -o "-p $DB_PORT -k $WORK -c listen_addresses=127.0.0.1" -l "$WORK/pg.log" -w start >/dev/null
runuser -u postgres -- psql -h "$WORK" -p "$DB_PORT" -d postgres -q \
  -c "create role lms login password 'lms'" -c "create database lms owner lms"
log "PostgreSQL 15 on port $DB_PORT"

# The integration tests' receiver, with the standardwebhooks package from npm.
mkdir -p "$WORK/receiver"
cp "$ROOT/lms-app/src/test/webhooks/package.json" "$ROOT/lms-app/src/test/webhooks/receiver.mjs" "$WORK/receiver/"
(cd "$WORK/receiver" && npm install --no-audit --no-fund --silent >/dev/null)
(cd "$WORK/receiver" && PORT=$RECEIVER_PORT exec node receiver.mjs >"$WORK/receiver.log" 2>&1) &
RECEIVER_PID=$!
for _ in $(seq 1 50); do grep -q listening "$WORK/receiver.log" 2>/dev/null && break; sleep 0.2; done
grep -q "listening $RECEIVER_PORT" "$WORK/receiver.log" || { cat "$WORK/receiver.log"; echo "receiver did not start" >&2; exit 1; }
log "receiver (standardwebhooks $(cd "$WORK/receiver" && node -p "require('standardwebhooks/package.json').version")) on port $RECEIVER_PORT"

export LMS_DB_URL="jdbc:postgresql://127.0.0.1:$DB_PORT/lms" LMS_DB_USER=lms LMS_DB_PASSWORD=lms \
  LMS_HTTP_PORT=$HTTP_PORT LMS_HTTPS_PORT=$HTTPS_PORT LMS_DATA_DIR="$WORK/data" \
  LMS_ADMIN_EMAIL=admin@webhooks.test LMS_ADMIN_PASSWORD=webhooks-admin-pass \
  LMS_PUBLIC_BASE_URL=$BASE \
  LMS_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true LMS_WEBHOOKS_POLL_MILLIS=200 \
  LMS_WEBHOOKS_RETRY_BASE_MILLIS=1000 LMS_WEBHOOKS_RETRY_MAX_SECONDS=3 \
  LMS_WEBHOOKS_MAX_ATTEMPTS=1000 LMS_WEBHOOKS_DISABLE_AFTER_FAILURES=100000 \
  LMS_RATE_LIMIT_WRITES_PER_MINUTE=100000 LMS_RATE_LIMIT_SIGN_IN_PER_MINUTE=100000

wait_ready() {
  for _ in $(seq 1 400); do
    curl -sf -o /dev/null "$BASE/health/ready" && return 0
    kill -0 "$SERVER_PGID" 2>/dev/null || { tail -30 "$1"; echo "server exited" >&2; exit 1; }
    sleep 1
  done
  tail -30 "$1"; echo "server not ready" >&2; exit 1
}
STARTS=0
start_server() {
  STARTS=$((STARTS + 1))
  local logfile="$WORK/server-$STARTS.log"
  cd "$ROOT"
  if [ "$STARTS" = 1 ]; then # builds the WAR and creates the Liberty server
    (exec setsid mvn -B -q -pl lms-app -am package -Dlms.run -DskipTests \
      -Dliberty.server.name=$SERVER_NAME >"$logfile" 2>&1) &
  else # the same server, started again without a build
    (exec setsid "$ROOT/lms-app/target/liberty/wlp/bin/server" run $SERVER_NAME >"$logfile" 2>&1) &
  fi
  SERVER_PGID=$!
  local t0=$SECONDS
  wait_ready "$logfile"
  log "server ready on $BASE (start $STARTS, $((SECONDS - t0)) s)"
}
start_server

json() { python3 -c "import sys,json; d=json.load(sys.stdin); print(eval('d'+sys.argv[1]))" "$1"; }
login() {
  curl -s -X POST "$API/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$2\"}" | json "['accessToken']"
}
post() { # path token [body]: prints the answer, fails the run on a non-2xx
  local out code auth=()
  [ -z "$2" ] || auth=(-H "Authorization: Bearer $2")
  out=$(curl -s -w '\n%{http_code}' -X POST "$API$1" "${auth[@]}" \
    -H 'Content-Type: application/json' -d "${3:-{\}}")
  # Split with parameter expansion, not `echo | head`: under pipefail a reader that stops early
  # turns a large answer into SIGPIPE (exit 141) for the whole script.
  code=${out##*$'\n'}
  out=${out%$'\n'*}
  case $code in 2??) ;; *) fail "POST $1 answered $code: ${out:0:300}";; esac
  printf '%s\n' "$out"
}
ADMIN=$(login admin@webhooks.test webhooks-admin-pass)

# 1. The subscription; the receiver refuses everything.
FIRST_SEQUENCE=$(sql "select coalesce(max(sequence), 0) from events.outbox") # events before it are not for it
CREATED=$(post /admin/webhooks "$ADMIN" "{\"url\":\"$RECEIVER/hooks/all\",\"description\":\"restart check\"}")
SUBSCRIPTION=$(echo "$CREATED" | json "['webhook']['id']")
SECRET=$(echo "$CREATED" | json "['secret']")
curl -sf -X POST "$RECEIVER/control/endpoints" -H 'Content-Type: application/json' \
  -d "{\"name\":\"all\",\"secret\":\"$SECRET\",\"alwaysFail\":true}"
log "subscription $SUBSCRIPTION to every event; the receiver answers 500"

# An instructor with a published one-lesson course.
TEACHER_EMAIL="teacher-$RANDOM@webhooks.test"
TEACHER_ID=$(post /auth/register "" "{\"email\":\"$TEACHER_EMAIL\",\"password\":\"teacher-password\",\"fullName\":\"Teacher\"}" | json "['id']" 2>/dev/null || true)
[ -n "$TEACHER_ID" ] || TEACHER_ID=$(sql "select id from users.users where email = '$TEACHER_EMAIL'")
curl -sf -o /dev/null -X PATCH "$API/admin/users/$TEACHER_ID" -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' -d '{"role":"instructor"}' || fail "role change"
TEACHER=$(login "$TEACHER_EMAIL" teacher-password)
COURSE=$(post /courses "$TEACHER" "{\"title\":\"Restart check $RANDOM\"}" | json "['id']")
LESSON=$(post "/courses/$COURSE/lessons" "$TEACHER" '{"title":"The only lesson","type":"text"}' | json "['id']")
post "/courses/$COURSE/publish" "$TEACHER" >/dev/null

activity() { # round: students register, enrol, start and complete the lesson (certificate issued)
  for i in $(seq 1 "$STUDENTS"); do
    local email="student-$1-$i-$RANDOM@webhooks.test" token enrolment
    post /auth/register "" "{\"email\":\"$email\",\"password\":\"student-password\",\"fullName\":\"Student $1 $i\"}" >/dev/null
    token=$(login "$email" student-password)
    enrolment=$(post "/courses/$COURSE/enrollments" "$token" | json "['id']")
    post "/enrollments/$enrolment/lessons/$LESSON/start" "$token" >/dev/null
    post "/enrollments/$enrolment/lessons/$LESSON/complete" "$token" >/dev/null
  done
}
# Waits until the first pending delivery of every subject (the later ones wait behind it: order
# per subject) has been tried and refused at least $1 times, and none was given up.
wait_tried() {
  for _ in $(seq 1 120); do
    [ "$(sql "select count(*) from (select distinct on (subject) attempts
      from events.webhook_delivery where subscription_id = '$SUBSCRIPTION' and status = 'pending'
      order by subject, event_sequence) head where attempts < $1")" = 0 ] && break
    sleep 0.5
  done
  [ "$(sql "select count(*) from events.webhook_delivery where subscription_id = '$SUBSCRIPTION'
    and status <> 'pending'")" = 0 ] || fail "deliveries settled while the receiver refused them"
  [ "$(sql "select count(*) from (select distinct on (subject) attempts
    from events.webhook_delivery where subscription_id = '$SUBSCRIPTION' and status = 'pending'
    order by subject, event_sequence) head where attempts < $1")" = 0 ] \
    || fail "the first delivery of some subject was not tried $1 times"
}
expected_events() {
  # Certificates come from a consumer after the completion: wait for one per student.
  for _ in $(seq 1 60); do
    [ "$(sql "select count(*) from events.outbox where type = 'certificate.issued'")" -ge "$1" ] && break
    sleep 0.5
  done
}

# 2. First round, every delivery refused.
activity 1
expected_events "$STUDENTS"
wait_tried 2
log "round 1: $(sql "select count(*) from events.webhook_delivery where subscription_id = '$SUBSCRIPTION'") events queued; the first of each of $(sql "select count(distinct subject) from events.webhook_delivery where subscription_id = '$SUBSCRIPTION'") subjects tried and refused at least twice"

# 3. SIGTERM between retries, start again.
stop_server TERM
log "server stopped with SIGTERM; $(sql "select count(*) from events.webhook_delivery where status = 'pending'") deliveries pending"
start_server

# 4. Second round, still refused; then SIGKILL, start again.
activity 2
expected_events $((STUDENTS * 2))
wait_tried 2
log "round 2: $(sql "select count(*) from events.webhook_delivery where subscription_id = '$SUBSCRIPTION'") events queued in all, the first of each subject tried and refused"
stop_server KILL
log "server killed with SIGKILL; $(sql "select count(*) from events.webhook_delivery where status = 'pending'") deliveries pending"
start_server

# 5. The receiver accepts again: everything must arrive.
curl -sf -X POST "$RECEIVER/control/mode" -H 'Content-Type: application/json' -d '{"name":"all","alwaysFail":false}'
log "receiver accepts again"
DELIVERED=no
for _ in $(seq 1 240); do
  if [ "$(sql "select count(*) from events.webhook_delivery where subscription_id = '$SUBSCRIPTION' and status <> 'delivered'")" = 0 ]; then
    DELIVERED=yes; break
  fi
  sleep 0.5
done
[ "$DELIVERED" = yes ] || fail "not delivered: $(sql "select status, count(*) from events.webhook_delivery where subscription_id = '$SUBSCRIPTION' group by 1")"

curl -s "$RECEIVER/control/received?name=all" >"$WORK/received.json"
sql "select o.id, o.subject, o.sequence, o.type from events.outbox o join events.webhook_delivery d
  on d.event_id = o.id where d.subscription_id = '$SUBSCRIPTION' order by o.sequence" >"$WORK/queued.txt"
sql "select count(*) from events.outbox where sequence > $FIRST_SEQUENCE" >"$WORK/outbox-count.txt"
if ! python3 - "$WORK/received.json" "$WORK/queued.txt" "$WORK/outbox-count.txt" <<'PY'
import collections, json, sys
received = json.load(open(sys.argv[1]))
queued = [line.split('|') for line in open(sys.argv[2]).read().split('\n') if line]
outbox = int(open(sys.argv[3]).read().strip())
queued_ids = {q[0] for q in queued}
problems = []
unverified = [r for r in received if not r['verified']]
if unverified:
    problems.append(f"{len(unverified)} requests failed the signature check: {unverified[0]['error']}")
accepted = collections.Counter(r['webhookId'] for r in received if r['status'] == 204)
refused = [r for r in received if r['status'] != 204]
if set(accepted) != queued_ids:
    problems.append(f"accepted ids differ from the queued events: missing {len(queued_ids - set(accepted))},"
                    f" unexpected {len(set(accepted) - queued_ids)}")
if len(queued_ids) != outbox:
    problems.append(f"{outbox} events since the subscription, {len(queued_ids)} queued for it")
# One id per fact: the subject and sequence carried in the signed body.
ids_by_fact = collections.defaultdict(set)
for r in received:
    e = r['event'] or {}
    ids_by_fact[(e.get('subject'), e.get('sequence'))].add(r['webhookId'])
    if e.get('id') != r['webhookId']:
        problems.append(f"body id {e.get('id')} under webhook-id {r['webhookId']}")
duplicates = sum(1 for ids in ids_by_fact.values() if len(ids) > 1)
again = sum(n - 1 for n in accepted.values() if n > 1)
types = collections.Counter(q[3] for q in queued)
print(f"events: {len(queued_ids)} ({', '.join(f'{t} {n}' for t, n in sorted(types.items()))})")
print(f"sent: {len(received)} requests, retried: {len(refused)} refused (500) and sent again,"
      f" delivered: {len(accepted)}, accepted again under the same id: {again}, duplicates: {duplicates}")
if duplicates:
    problems.append(f"{duplicates} events delivered under two different webhook ids")
for p in problems:
    print("problem:", p)
sys.exit(1 if problems else 0)
PY
then
  fail "the deliveries do not add up"
fi

if [ "$FAILED" = 0 ]; then
  log "PASS: every event delivered and verified across a SIGTERM and a SIGKILL restart, one webhook id each"
  echo "1 passed, 0 failed"
else
  echo "0 passed, 1 failed"
  exit 1
fi
