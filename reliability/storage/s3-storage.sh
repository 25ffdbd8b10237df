#!/usr/bin/env bash
# Files in an S3-compatible object store and the scheduled jobs, through two real server nodes:
#   S3Proxy (org.gaul:s3proxy from Maven Central, filesystem blob store) and node A started by the
#   run command (embedded PostgreSQL, demo accounts) with LMS_STORAGE=s3, then:
#   1. an upload answers 201, its download is byte-identical, and the object is in the bucket
#      (and nothing in the server's data folder);
#   2. a one-lesson course completed by the demo student issues a certificate whose PDF downloads
#      and is in the bucket;
#   3. with the object store stopped, an upload answers 503 problem+json
#      (files.storage-unavailable) with Retry-After; with it back, uploads work again;
#   then node B (a copy of node A's Liberty server: same database, bucket and signing keys, its
#   own data folder and ports), both nodes with their job timers off so that every grading and
#   issue is counted by the call that did it:
#   4. a file uploaded through either node downloads byte-identical through the other;
#   5. overdue quiz attempts swept by four concurrent calls, two on each node: the graded counts
#      add up to exactly the number of attempts, and every attempt is graded;
#   6. completions whose event was lost, reconciled by four concurrent calls, two on each node: the
#      issued counts add up to exactly the number of enrolments, one certificate and one PDF each.
# Needs psql (Debian's postgresql-client) for the database checks.
# Ports: S3_HTTP_PORT (25080), S3_HTTPS_PORT (25443), S3_DB_PORT (25433), S3_PROXY_PORT (25555),
# node B: S3_HTTP_PORT_B (25081), S3_HTTPS_PORT_B (25444). S3_STUDENTS (20) attempts/enrolments.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HTTP_PORT=${S3_HTTP_PORT:-25080}
HTTPS_PORT=${S3_HTTPS_PORT:-25443}
DB_PORT=${S3_DB_PORT:-25433}
PROXY_PORT=${S3_PROXY_PORT:-25555}
HTTP_PORT_B=${S3_HTTP_PORT_B:-25081}
HTTPS_PORT_B=${S3_HTTPS_PORT_B:-25444}
STUDENTS=${S3_STUDENTS:-20}
S3PROXY_VERSION=${S3PROXY_VERSION:-4.1.0}
BASE=http://127.0.0.1:$HTTP_PORT
API=$BASE/api/v1
BUCKET=lectern-files
WORK=$(mktemp -d /tmp/lectern-s3.XXXXXX)
SERVER_PGID=""
SERVER_B_PGID=""
PROXY_PID=""
FAILED=0

log() { printf '[%5ss] %s\n' "$SECONDS" "$*"; }
fail() { log "FAIL: $*"; FAILED=1; }
for tool in curl python3 mvn java sha256sum setsid psql tar; do
  command -v $tool >/dev/null || { echo "missing tool: $tool" >&2; exit 2; }
done

cleanup() {
  set +e
  if [ -n "$SERVER_B_PGID" ] && kill -0 -- "-$SERVER_B_PGID" 2>/dev/null; then
    kill -TERM -- "-$SERVER_B_PGID"
    for _ in $(seq 1 60); do kill -0 -- "-$SERVER_B_PGID" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$SERVER_B_PGID" 2>/dev/null
  fi
  if [ -n "$SERVER_PGID" ] && kill -0 -- "-$SERVER_PGID" 2>/dev/null; then
    kill -TERM -- "-$SERVER_PGID"
    for _ in $(seq 1 60); do kill -0 -- "-$SERVER_PGID" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$SERVER_PGID" 2>/dev/null
  fi
  [ -n "$PROXY_PID" ] && kill "$PROXY_PID" 2>/dev/null
  [ "${S3_KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

# S3Proxy's self-contained jar from Maven Central; each folder under its base directory is a bucket.
cd "$ROOT"
mvn -B -q -N dependency:copy -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" \
  -DoutputDirectory="$WORK" -Dmdep.stripVersion=true -Dmdep.stripClassifier=true
mkdir -p "$WORK/blobs/$BUCKET"
cat >"$WORK/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$PROXY_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=lectern-access
s3proxy.credential=lectern-secret-key-for-the-check
jclouds.provider=filesystem
jclouds.filesystem.basedir=$WORK/blobs
CONF
start_proxy() {
  java -Xmx128m -jar "$WORK/s3proxy.jar" --properties "$WORK/s3proxy.conf" >>"$WORK/s3proxy.log" 2>&1 &
  PROXY_PID=$!
  for _ in $(seq 1 60); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PROXY_PORT") 2>/dev/null && return 0
    sleep 0.5
  done
  tail -20 "$WORK/s3proxy.log"; echo "S3Proxy did not start" >&2; exit 1
}
start_proxy
log "S3Proxy $S3PROXY_VERSION on port $PROXY_PORT, bucket $BUCKET"

( export LMS_STORAGE=s3 LMS_S3_ENDPOINT="http://127.0.0.1:$PROXY_PORT" LMS_S3_BUCKET=$BUCKET \
    LMS_S3_PATH_STYLE=true LMS_S3_PREFIX=lectern/ LMS_S3_ACCESS_KEY=lectern-access \
    LMS_S3_SECRET_KEY=lectern-secret-key-for-the-check \
    LMS_HTTP_PORT=$HTTP_PORT LMS_HTTPS_PORT=$HTTPS_PORT LMS_EMBEDDED_DB_PORT=$DB_PORT \
    LMS_DATA_DIR="$WORK/data" LMS_PUBLIC_BASE_URL=$BASE \
    LMS_QUIZ_SWEEP_SECONDS=0 LMS_CERTIFICATES_RECONCILE_SECONDS=86400
  unset LMS_DB_URL
  exec setsid mvn -B -q -pl lms-app -am package -Dlms.run -DskipTests \
    -Dliberty.server.name=lectern-s3 >"$WORK/server.log" 2>&1 ) &
SERVER_PGID=$!
for _ in $(seq 1 400); do
  curl -sf -o /dev/null "$BASE/health/ready" && break
  kill -0 "$SERVER_PGID" 2>/dev/null || { tail -30 "$WORK/server.log"; echo "server exited" >&2; exit 1; }
  sleep 1
done
curl -sf -o /dev/null "$BASE/health/ready" || { tail -30 "$WORK/server.log"; echo "server not ready" >&2; exit 1; }
log "server ready on $BASE with LMS_STORAGE=s3"

json() { python3 -c "import sys,json; d=json.load(sys.stdin); print(eval('d'+sys.argv[1]))" "$1"; }
login_at() {
  curl -s -X POST "$1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$2\",\"password\":\"$3\"}" | json "['accessToken']"
}
login() { login_at "$API" "$1" "$2"; }
STUDENT=$(login student@lectern.local student-demo-pass)
TEACHER=$(login instructor@lectern.local instructor-demo-pass)
object_of() { find "$WORK/blobs/$BUCKET/lectern/objects" -type f -name "$1" -print -quit 2>/dev/null; }

# 1. Upload, download, and the object in the bucket.
head -c 300000 /dev/urandom | base64 >"$WORK/notes.txt"
UPLOAD=$(curl -s -w '\n%{http_code}' -X POST "$API/files" -H "Authorization: Bearer $STUDENT" \
  -F "file=@$WORK/notes.txt;type=text/plain" -F folder=notes)
# Body and status split with parameter expansion: `echo | head` or `echo | grep -q` can cut off
# the writer, and SIGPIPE makes the pipeline fail under pipefail.
[ "${UPLOAD##*$'\n'}" = 201 ] || fail "upload: $UPLOAD"
FILE=$(printf '%s' "${UPLOAD%$'\n'*}" | json "['id']")
curl -s -o "$WORK/downloaded" -H "Authorization: Bearer $STUDENT" "$API/files/$FILE/content"
[ "$(sha256sum <"$WORK/notes.txt")" = "$(sha256sum <"$WORK/downloaded")" ] \
  || fail "the download differs from the upload"
OBJECT=$(object_of "$FILE")
if [ -n "$OBJECT" ] && cmp -s "$OBJECT" "$WORK/notes.txt"; then
  log "upload $FILE: downloaded byte-identical; stored in the bucket as ${OBJECT#$WORK/blobs/}"
else
  fail "the upload is not in the bucket"
fi
if [ -d "$WORK/data/files/objects" ] && [ -n "$(find "$WORK/data/files/objects" -type f)" ]; then
  fail "objects were written to the local data folder"
fi
[ -z "$(find "$WORK/data/files/scratch" -type f 2>/dev/null)" ] || fail "scratch files left behind"

# 2. A certificate issued on completion: its PDF is in the bucket.
COURSE=$(curl -s -X POST "$API/courses" -H "Authorization: Bearer $TEACHER" -H 'Content-Type: application/json' \
  -d "{\"title\":\"Object storage $RANDOM\"}" | json "['id']")
LESSON=$(curl -s -X POST "$API/courses/$COURSE/lessons" -H "Authorization: Bearer $TEACHER" \
  -H 'Content-Type: application/json' -d '{"title":"The only lesson","type":"text"}' | json "['id']")
curl -sf -o /dev/null -X POST "$API/courses/$COURSE/publish" -H "Authorization: Bearer $TEACHER"
ENROLMENT=$(curl -s -X POST "$API/courses/$COURSE/enrollments" -H "Authorization: Bearer $STUDENT" | json "['id']")
curl -sf -o /dev/null -X POST "$API/enrollments/$ENROLMENT/lessons/$LESSON/complete" \
  -H "Authorization: Bearer $STUDENT" -H 'Content-Type: application/json' -d '{}'
CERT=""
for _ in $(seq 1 60); do
  CERT=$(curl -s "$API/me/certificates?size=100" -H "Authorization: Bearer $STUDENT" | python3 -c "
import sys,json
for c in json.load(sys.stdin)['items']:
    if c['enrollmentId']=='$ENROLMENT': print(c['id'])")
  [ -n "$CERT" ] && break
  sleep 0.5
done
[ -n "$CERT" ] || fail "no certificate issued"
if [ -n "$CERT" ]; then
  curl -s -o "$WORK/certificate.pdf" "$API/certificates/$CERT/pdf" -H "Authorization: Bearer $STUDENT"
  [ "$(head -c 5 "$WORK/certificate.pdf")" = "%PDF-" ] || fail "the certificate PDF does not download"
  PDF_OBJECT=""
  for candidate in $(find "$WORK/blobs/$BUCKET/lectern/objects" -type f); do
    cmp -s "$candidate" "$WORK/certificate.pdf" && PDF_OBJECT=$candidate
  done
  if [ -n "$PDF_OBJECT" ]; then
    log "certificate $CERT: PDF ($(stat -c %s "$WORK/certificate.pdf") bytes) stored in the bucket"
  else
    fail "the certificate PDF is not in the bucket"
  fi
fi

# 3. The object store stops: 503 with a retry hint, then uploads work again.
kill "$PROXY_PID"; wait "$PROXY_PID" 2>/dev/null || true; PROXY_PID=""
OUT=$(curl -s -D "$WORK/headers" -w '\n%{http_code}' -X POST "$API/files" -H "Authorization: Bearer $STUDENT" \
  -F "file=@$WORK/notes.txt;type=text/plain")
CODE=${OUT##*$'\n'}
if [ "$CODE" = 503 ] && [[ $OUT == *files.storage-unavailable* ]] \
  && grep -qi '^retry-after:' "$WORK/headers" && grep -qi '^content-type: application/problem+json' "$WORK/headers"; then
  log "object store down: upload answered 503 files.storage-unavailable with Retry-After"
else
  fail "object store down: expected 503 files.storage-unavailable, got $CODE: ${OUT%$'\n'*}"
fi
start_proxy
CODE=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$API/files" -H "Authorization: Bearer $STUDENT" \
  -F "file=@$WORK/notes.txt;type=text/plain")
[ "$CODE" = 201 ] && log "object store back: upload answered 201" || fail "after the store came back: $CODE"

# 4. Node B: a copy of node A's Liberty server on the same database, bucket and signing keys.
SERVERS="$ROOT/lms-app/target/liberty/wlp/usr/servers"
rm -rf "$SERVERS/lectern-s3b"
mkdir "$SERVERS/lectern-s3b"
(cd "$SERVERS/lectern-s3" && tar --exclude=./logs --exclude=./workarea --exclude=./tranlog \
  --exclude=./apps/expanded -cf - .) | (cd "$SERVERS/lectern-s3b" && tar -xf -)
BASE_B=http://127.0.0.1:$HTTP_PORT_B
API_B=$BASE_B/api/v1
( export LMS_DB_URL="jdbc:postgresql://127.0.0.1:$DB_PORT/lms" LMS_DB_USER=lms LMS_DB_PASSWORD=lms \
    LMS_STORAGE=s3 LMS_S3_ENDPOINT="http://127.0.0.1:$PROXY_PORT" LMS_S3_BUCKET=$BUCKET \
    LMS_S3_PATH_STYLE=true LMS_S3_PREFIX=lectern/ LMS_S3_ACCESS_KEY=lectern-access \
    LMS_S3_SECRET_KEY=lectern-secret-key-for-the-check \
    LMS_HTTP_PORT=$HTTP_PORT_B LMS_HTTPS_PORT=$HTTPS_PORT_B LMS_DATA_DIR="$WORK/data-b" \
    LMS_JWT_KEY_DIR="$WORK/data/keys" LMS_DEMO_DATA=false LMS_PUBLIC_BASE_URL=$BASE \
    LMS_QUIZ_SWEEP_SECONDS=0 LMS_CERTIFICATES_RECONCILE_SECONDS=86400
  exec setsid "$ROOT/lms-app/target/liberty/wlp/bin/server" run lectern-s3b >"$WORK/server-b.log" 2>&1 ) &
SERVER_B_PGID=$!
for _ in $(seq 1 400); do
  curl -sf -o /dev/null "$BASE_B/health/ready" && break
  kill -0 "$SERVER_B_PGID" 2>/dev/null || { tail -30 "$WORK/server-b.log"; echo "node B exited" >&2; exit 1; }
  sleep 1
done
curl -sf -o /dev/null "$BASE_B/health/ready" || { tail -30 "$WORK/server-b.log"; echo "node B not ready" >&2; exit 1; }
sleep 8 # node B's start-up reconciliation pass (5 s after start) is over before the test data exists
log "node B ready on $BASE_B (same database, bucket and keys)"

sql() { PGPASSWORD=lms psql -X -q -t -A -h 127.0.0.1 -p "$DB_PORT" -U lms -d lms -c "$1" 2>/dev/null; }
upload() {
  curl -s -X POST "$1/files" -H "Authorization: Bearer $STUDENT" -F "file=@$WORK/notes.txt;type=text/plain" \
    | json "['id']"
}
for pair in "$API $API_B A B" "$API_B $API B A"; do
  set -- $pair
  ID=$(upload "$1")
  curl -s -o "$WORK/cross" -H "Authorization: Bearer $STUDENT" "$2/files/$ID/content"
  if cmp -s "$WORK/cross" "$WORK/notes.txt"; then
    log "file uploaded through node $3 downloads byte-identical through node $4"
  else
    fail "file uploaded through node $3 is not readable through node $4"
  fi
done

# 5. Overdue attempts at the demo course's quiz, swept by both nodes at once.
COURSE_ID=$(sql "select id from courses.courses where slug = 'getting-started-with-lectern'")
QUIZ=$(sql "select id from quiz.quizzes where course_id = '$COURSE_ID' limit 1")
ENROLMENTS=()
TOKENS=()
for i in $(seq 1 "$STUDENTS"); do
  EMAIL="node-check-$i-$RANDOM@lectern.test"
  NODE=$([ $((i % 2)) = 0 ] && echo "$API" || echo "$API_B")
  curl -sf -o /dev/null -X POST "$NODE/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$EMAIL\",\"password\":\"node-check-password\",\"fullName\":\"Node Check $i\"}"
  TOKEN=$(login_at "$NODE" "$EMAIL" node-check-password)
  ENROLMENTS+=("$(curl -s -X POST "$NODE/courses/$COURSE_ID/enrollments" -H "Authorization: Bearer $TOKEN" | json "['id']")")
  CODE=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$NODE/quizzes/$QUIZ/attempts" -H "Authorization: Bearer $TOKEN")
  [ "$CODE" = 201 ] || fail "attempt $i not started: $CODE"
  TOKENS+=("$TOKEN")
done
IDS=$(printf "'%s'," "${ENROLMENTS[@]}"); IDS=${IDS%,}
MOVED=$(sql "update quiz.attempts set started_at = now() - interval '2 hours',
  deadline_at = now() - interval '1 hour' where quiz_id = '$QUIZ' and enrollment_id in ($IDS)
  and status = 'in_progress' returning id" | wc -l)
[ "$MOVED" = "$STUDENTS" ] || fail "expected $STUDENTS open attempts, moved $MOVED"
concurrently() { # path: two calls on each node at the same moment; prints the field $2 of each answer
  for node in "$API" "$API_B" "$API" "$API_B"; do
    curl -s -X POST "$node$1" -H "Authorization: Bearer $ADMIN" >"$WORK/answer.$RANDOM$RANDOM" &
  done
  wait
  python3 -c "
import sys,json
print(' '.join(str(json.load(open(f))[sys.argv[1]]) for f in sys.argv[2:]))" "$2" "$WORK"/answer.*
  rm -f "$WORK"/answer.*
}
ADMIN=$(login admin@lectern.local admin-demo-pass)
SHARES=$(concurrently /admin/quizzes/grade-overdue graded)
TOTAL=$(( ${SHARES// /+} ))
GRADED=$(sql "select count(*) from quiz.attempts where quiz_id = '$QUIZ' and enrollment_id in ($IDS)
  and status = 'graded' and auto_submitted")
if [ "$TOTAL" = "$STUDENTS" ] && [ "$GRADED" = "$STUDENTS" ]; then
  log "overdue attempts: $STUDENTS graded once each; the four sweeps on two nodes graded $SHARES"
else
  fail "overdue attempts: sweeps reported $SHARES (sum $TOTAL), $GRADED graded, expected $STUDENTS"
fi

# 6. Completions whose event was lost, reconciled by both nodes at once.
OBJECTS_BEFORE=$(find "$WORK/blobs/$BUCKET/lectern/objects" -type f | wc -l)
sql "update enrollment.enrollments set status = 'completed', completed_at = now(),
  progress_percentage = 100 where id in ($IDS)" >/dev/null
sql "insert into enrollment.course_completions (enrollment_id, student_id, course_id, completed_at)
  select id, student_id, course_id, now() from enrollment.enrollments where id in ($IDS)" >/dev/null
SHARES=$(concurrently /admin/certificates/reconcile issued)
TOTAL=$(( ${SHARES// /+} ))
CERTS=$(sql "select count(distinct enrollment_id) || ' ' || count(*) || ' ' || count(pdf_file_id)
  from certificates.certificates where enrollment_id in ($IDS)")
OBJECTS_AFTER=$(find "$WORK/blobs/$BUCKET/lectern/objects" -type f | wc -l)
if [ "$TOTAL" = "$STUDENTS" ] && [ "$CERTS" = "$STUDENTS $STUDENTS $STUDENTS" ] \
  && [ $((OBJECTS_AFTER - OBJECTS_BEFORE)) = "$STUDENTS" ]; then
  log "missing certificates: $STUDENTS issued once each with one PDF in the bucket; the four passes on two nodes issued $SHARES"
else
  fail "missing certificates: passes reported $SHARES (sum $TOTAL); enrolments/certificates/PDFs $CERTS; new objects $((OBJECTS_AFTER - OBJECTS_BEFORE)), expected $STUDENTS"
fi

if [ "$FAILED" = 0 ]; then
  log "PASS: files in the object store reach every node; each job item is done once across nodes"
  echo "6 passed, 0 failed"
else
  echo "0 passed, 1 failed"
  exit 1
fi
