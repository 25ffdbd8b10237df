#!/usr/bin/env python3
"""Lectern crash test: acknowledged writes survive a SIGKILL of PostgreSQL or of the server.

Run by reliability/crash/crash.sh (which creates the run folder and cleans up after it); standard
library only. For each scenario (database x victim):

  1. start the server with the README's run command on a fresh data folder (embedded PostgreSQL),
     or on a throw-away PostgreSQL 15 cluster made with initdb (external);
  2. set up through the API: an instructor, three published courses (one with several lessons and
     a quiz lesson whose published quiz allows several attempts, two one-lesson courses so that
     completions issue certificates), fresh students, sign-ins;
  3. a mixed write load from several threads (enrolments, lesson start / heartbeat / complete, quiz
     attempt start + submit, tutorial chapters and quizzes, certificate revocations by the admin),
     every acknowledged (2xx) write recorded with what identifies it in the database;
  4. SIGKILL of the victim (the PostgreSQL postmaster, or the Liberty server JVM) at a random
     moment in the middle of the load, restart, wait for /health/ready, a little more load;
  5. verification by SQL: every acknowledged write is present, and the invariants hold (enrolment
     totals equal their lesson rows, one certificate per completed enrolment, attempt numbers
     without gaps, tutorial totals equal their chapter rows, ...).

Exit code 0 when every scenario has 0 missing writes and 0 broken invariants, 1 otherwise, 2 for a
usage or environment problem. See reliability/crash/README.md.
"""

import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback
import uuid
from collections import Counter, defaultdict

# ---------------------------------------------------------------------------------------------
# configuration


def env_int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def env_float(name, default):
    value = os.environ.get(name, "")
    return float(value) if value.strip() else default


ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
RUN_DIR = os.environ.get("CRASH_RUN_DIR", "")
SHORT = os.environ.get("CRASH_SHORT", "0") == "1"
SECONDS = env_float("CRASH_SECONDS", 8 if SHORT else 20)
THREADS = max(2, env_int("CRASH_THREADS", 6))
STUDENTS = max(THREADS, env_int("CRASH_STUDENTS", 18 if SHORT else 30))
SEED = env_int("CRASH_SEED", int(time.time()))
HTTP_PORT = env_int("CRASH_HTTP_PORT", 28080)
HTTPS_PORT = env_int("CRASH_HTTPS_PORT", 28443)
DB_PORT = env_int("CRASH_DB_PORT", 28433)
START_TIMEOUT = env_float("CRASH_START_TIMEOUT", 600)
RECONCILE_SECONDS = env_int("CRASH_RECONCILE_SECONDS", 10)
MVN_FLAGS = os.environ.get("CRASH_MVN_FLAGS", "").split()
PG_BIN = os.environ.get("CRASH_PG_BIN", "/usr/lib/postgresql/15/bin")
# Extra postgresql.conf lines for the external cluster, e.g. "synchronous_commit = off": a negative
# control showing that the test does detect lost commits.
PG_SETTINGS = [x.strip() for x in os.environ.get("CRASH_EXTERNAL_PG_SETTINGS", "").split(";")
               if x.strip()]
REQUEST_TIMEOUT = 10.0
PASSWORD = "crash-password-1"
TAG = uuid.uuid4().hex[:6]
T0 = time.monotonic()

dbs = os.environ.get("CRASH_DB", "").strip() or ("embedded" if SHORT else "all")
kills = os.environ.get("CRASH_KILL", "").strip() or "both"
DBS = ["embedded", "external"] if dbs == "all" else [dbs]
KILLS = ["postgres", "server"] if kills == "both" else [kills]


def die(msg, code=2):
    print(f"crash: {msg}", file=sys.stderr, flush=True)
    sys.exit(code)


for d in DBS:
    if d not in ("embedded", "external"):
        die(f"CRASH_DB must be embedded, external or all, not {d!r}")
for k in KILLS:
    if k not in ("postgres", "server"):
        die(f"CRASH_KILL must be postgres, server or both, not {k!r}")
if not RUN_DIR or not os.path.isdir(RUN_DIR):
    die("CRASH_RUN_DIR must name an existing folder (reliability/crash/crash.sh creates it)")
for p in (HTTP_PORT, HTTPS_PORT, DB_PORT):
    if p in (80, 9080, 9443, 5433):
        die(f"port {p} is reserved (a developer's server may use it); pick another")


def log(msg):
    print(f"[{time.monotonic() - T0:7.1f}s] {msg}", flush=True)


class StepFailed(Exception):
    """A step of a scenario could not be done (start, setup, restart...): the scenario fails."""


# ---------------------------------------------------------------------------------------------
# processes of this run: every process started here carries CRASH_RUN_MARK=<scenario folder> in
# its environment (inherited by Maven's children: the Liberty JVM and the embedded PostgreSQL), so
# that only this run's processes are ever signalled.


def pids_with_mark(mark):
    needle = b"CRASH_RUN_MARK=" + mark.encode()
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/environ", "rb") as f:
                env = f.read()
        except OSError:
            continue
        for item in env.split(b"\0"):
            if item == needle:
                found.append(int(name))
                break
    return found


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[-1].split()[0] != "Z"
    except OSError:
        return False


def children_of(pid):
    out = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().split(") ")[-1].split()
            if int(fields[1]) == pid:
                out.append(int(name))
        except (OSError, ValueError, IndexError):
            continue
    return out


def wait_gone(pids, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(alive(p) for p in pids):
            return True
        time.sleep(0.1)
    return not any(alive(p) for p in pids)


def signal_pid(pid, sig):
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def group_members(pgid):
    """Live (not zombie) processes of the process group."""
    members = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            if os.getpgid(int(name)) == pgid and alive(int(name)):
                members.append(int(name))
        except OSError:
            continue
    return members


def stop_group(pgid, timeout=60, proc=None):
    """SIGTERM to the process group, then SIGKILL after `timeout` seconds. `proc` (the group
    leader, our child) is reaped on the way, so that it does not linger as a zombie."""

    def live():
        if proc is not None:
            proc.poll()
        return group_members(pgid)

    if not live():
        return
    try:
        os.killpg(pgid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and live():
        time.sleep(0.25)
    members = live()
    if members:
        log(f"process group {pgid} still alive after {timeout} s: SIGKILL to "
            f"{[f'{m} {cmdline(m)[:100]}' for m in members]}")
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        end = time.monotonic() + 10
        while time.monotonic() < end and live():
            time.sleep(0.1)



def start_time(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[-1].split()[19]
    except (OSError, IndexError):
        return None


def wait_vanished(procs, timeout):
    """Waits until each (pid, start time) is gone from /proc, zombies included: PostgreSQL refuses
    to start while the pid in postmaster.pid still exists, and here the init process reaps
    orphaned zombies only every few seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(start_time(p) != t for p, t in procs):
            return True
        time.sleep(0.1)
    return False


def kill_postmaster(pm, label):
    kids = children_of(pm)
    procs = [(p, start_time(p)) for p in [pm] + kids]
    log(f"SIGKILL to the {label} PostgreSQL postmaster {pm} ({len(kids)} children)")
    signal_pid(pm, signal.SIGKILL)
    # Backends notice the postmaster's death and exit; a new postmaster can only start once they
    # are gone (they hold the shared memory) and the old pid has been reaped.
    if not wait_gone(kids, 30):
        left = [k for k in kids if alive(k)]
        log(f"backends {left} still alive 30 s after the postmaster died: SIGKILL")
        for k in left:
            signal_pid(k, signal.SIGKILL)
    if not wait_vanished(procs, 60):
        log("the killed postmaster or its backends are still in the process table after 60 s")


def tail(path, lines=30):
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - 20000))
            return "\n".join(f.read().decode("utf-8", "replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def port_in_use(port):
    import socket

    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


# ---------------------------------------------------------------------------------------------
# HTTP (a fresh connection per request, 10 s timeout; never raises)


class Reply:
    __slots__ = ("status", "body", "error")

    def __init__(self, status=None, body=b"", error=None):
        self.status, self.body, self.error = status, body, error

    @property
    def ok(self):
        return self.status is not None and 200 <= self.status < 300

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except Exception:
            return None

    def code(self):
        j = self.json()
        return j.get("code") if isinstance(j, dict) else None

    def __repr__(self):
        return f"{self.status} {self.error or self.body[:200]!r}"


def call(method, path, token=None, body=None, timeout=REQUEST_TIMEOUT):
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    elif method in ("POST", "PUT", "PATCH"):
        data = b""
    conn = http.client.HTTPConnection("127.0.0.1", HTTP_PORT, timeout=timeout)
    try:
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        return Reply(resp.status, resp.read(4 * 1024 * 1024))
    except (OSError, http.client.HTTPException) as e:
        return Reply(error=f"{type(e).__name__}: {e}"[:200])
    finally:
        conn.close()


def ready():
    r = call("GET", "/health/ready", timeout=5)
    return r.status == 200


# ---------------------------------------------------------------------------------------------
# databases


class Psql:
    def __init__(self, port):
        self.env = dict(os.environ, PGHOST="127.0.0.1", PGPORT=str(port), PGUSER="lms",
                        PGPASSWORD="lms", PGDATABASE="lms", PGCONNECT_TIMEOUT="10")

    def rows(self, query, timeout=120):
        out = subprocess.run(
            ["psql", "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", query],
            env=self.env, capture_output=True, text=True, timeout=timeout)
        if out.returncode != 0:
            raise StepFailed(f"psql failed: {out.stderr.strip()[:500]}")
        return [line.split("\t") for line in out.stdout.splitlines() if line != ""]


class EmbeddedPostgres:
    """The run command's own PostgreSQL: started and stopped by the server's Maven process."""

    kind = "embedded"

    def __init__(self, scenario):
        self.sc = scenario
        self.data = os.path.join(scenario.data_dir, "postgres")
        self.port = DB_PORT

    def setup(self):
        pass

    def postmaster(self):
        """The postmaster pid named by postmaster.pid, if it is a live postgres of this data dir."""
        try:
            with open(os.path.join(self.data, "postmaster.pid")) as f:
                pid = int(f.readline().strip())
        except (OSError, ValueError):
            return None
        if alive(pid) and self.data in cmdline(pid):
            return pid
        return None

    def kill9(self):
        pm = self.postmaster()
        if pm is None:
            raise StepFailed("no live embedded postmaster to kill")
        kill_postmaster(pm, "embedded")

    def ensure_stopped(self, timeout=30):
        """After the server's Maven process is gone: its shutdown hook stops PostgreSQL; if the
        postmaster is still up, a fast shutdown, then SIGKILL."""
        pm = self.postmaster()
        if pm is None:
            return
        if wait_gone([pm], timeout):
            return
        log(f"embedded postmaster {pm} still up: fast shutdown")
        signal_pid(pm, signal.SIGINT)
        if not wait_gone([pm], 30):
            signal_pid(pm, signal.SIGKILL)
            wait_gone([pm], 10)

    def restart_after_kill(self, server):
        # The embedded database belongs to the run command: stop it and start it again.
        server.stop()
        self.ensure_stopped()
        server.start()

    def teardown(self):
        self.ensure_stopped(timeout=20)


class ExternalPostgres:
    """A throw-away Debian PostgreSQL 15 cluster (initdb as user postgres, durable defaults)."""

    kind = "external"

    def __init__(self, scenario):
        self.sc = scenario
        self.base = os.path.join(scenario.dir, "pg")
        self.data = os.path.join(self.base, "data")
        self.sock = os.path.join(self.base, "sock")
        self.logfile = os.path.join(self.base, "postgres.log")
        self.port = DB_PORT
        self.started = False

    def as_postgres(self, args, timeout=120, check=True):
        out = subprocess.run(["runuser", "-u", "postgres", "--"] + args, env=self.sc.env_base(),
                             capture_output=True, text=True, timeout=timeout, cwd="/")
        if check and out.returncode != 0:
            raise StepFailed(f"{' '.join(args[:2])} failed: {(out.stderr or out.stdout).strip()[:800]}")
        return out

    def setup(self):
        os.makedirs(self.sock)
        shutil.chown(self.base, "postgres", "postgres")
        shutil.chown(self.sock, "postgres", "postgres")
        os.chmod(self.base, 0o700)
        self.as_postgres([f"{PG_BIN}/initdb", "-D", self.data, "-U", "postgres", "-E", "UTF8",
                          "--auth-local=trust", "--auth-host=scram-sha-256", "--no-instructions"])
        with open(os.path.join(self.data, "postgresql.conf"), "a") as f:
            f.write(f"port = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                    f"unix_socket_directories = '{self.sock}'\nmax_connections = 100\n")
            for line in PG_SETTINGS:
                f.write(line + "\n")
        if PG_SETTINGS:
            log(f"external cluster with extra settings: {'; '.join(PG_SETTINGS)}")
        self.start()
        for q in ("create role lms login password 'lms'", "create database lms owner lms"):
            self.as_postgres(["psql", "-X", "-q", "-h", self.sock, "-p", str(self.port),
                              "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", q])
        log(f"external PostgreSQL 15 cluster ready on port {self.port} ({self.data})")

    def start(self):
        self.as_postgres([f"{PG_BIN}/pg_ctl", "-D", self.data, "-l", self.logfile, "-w",
                          "-t", "120", "start"], timeout=180)
        self.started = True

    def postmaster(self):
        try:
            with open(os.path.join(self.data, "postmaster.pid")) as f:
                pid = int(f.readline().strip())
        except (OSError, ValueError):
            return None
        if alive(pid) and self.data in cmdline(pid):
            return pid
        return None

    def kill9(self):
        pm = self.postmaster()
        if pm is None:
            raise StepFailed("no live external postmaster to kill")
        kill_postmaster(pm, "external")

    def restart_after_kill(self, server):
        # The server keeps running and must reconnect by itself.
        log("starting the external PostgreSQL again (pg_ctl start: crash recovery)")
        for attempt in range(3):
            try:
                self.start()
                return
            except StepFailed as e:
                if attempt == 2:
                    raise StepFailed(f"{e}\n{tail(self.logfile, 10)}")
                log(f"pg_ctl start failed, again in 5 s: {tail(self.logfile, 3)}")
                time.sleep(5)

    def ensure_stopped(self, timeout=30):
        pass

    def teardown(self):
        if self.postmaster() is not None:
            self.as_postgres([f"{PG_BIN}/pg_ctl", "-D", self.data, "-m", "fast", "-w", "-t", "60",
                              "stop"], timeout=90, check=False)
        pm = self.postmaster()
        if pm is not None:
            signal_pid(pm, signal.SIGKILL)
            wait_gone([pm], 10)


# ---------------------------------------------------------------------------------------------
# the server (the README's run command, in the background in its own process group)


class Server:
    def __init__(self, scenario):
        self.sc = scenario
        self.proc = None
        self.starts = 0

    def start(self):
        self.starts += 1
        logfile = os.path.join(self.sc.dir, f"server-{self.starts}.log")
        self.logfile = logfile
        env = self.sc.server_env()
        cmd = ["mvn"] + MVN_FLAGS + ["-q", "-f", os.path.join(ROOT, "pom.xml"), "-pl", "lms-app",
                                     "-am", "package", "-Dlms.run", "-DskipTests"]
        log(f"starting the server (run command, start {self.starts}; log {logfile})")
        with open(logfile, "wb") as out:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                                         stdout=out, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        with open(os.path.join(RUN_DIR, "pgids"), "a") as f:
            f.write(f"{self.proc.pid}\n")
        self.started_at = time.monotonic()

    def wait_ready(self, timeout=START_TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if ready():
                took = time.monotonic() - self.started_at
                log(f"server ready ({took:.1f} s after launch)")
                return took
            if self.proc.poll() is not None:
                raise StepFailed(f"the run command exited ({self.proc.returncode}); last lines of "
                                 f"{self.logfile}:\n{tail(self.logfile)}")
            time.sleep(1)
        raise StepFailed(f"server not ready after {timeout:.0f} s; last lines of {self.logfile}:\n"
                         f"{tail(self.logfile)}")

    def jvm(self):
        """The Liberty server JVM of this run (java ... ws-server.jar, in this Maven session)."""
        if self.proc is None:
            return None
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            pid = int(name)
            try:
                if os.getsid(pid) != self.proc.pid:
                    continue
            except OSError:
                continue
            line = cmdline(pid)
            if "ws-server.jar" in line and "java" in line:
                return pid
        return None

    def kill9(self):
        pid = self.jvm()
        if pid is None:
            raise StepFailed("the Liberty server JVM of this run was not found")
        log(f"SIGKILL to the Liberty server JVM {pid}")
        signal_pid(pid, signal.SIGKILL)
        wait_gone([pid], 10)

    def restart_after_kill(self, database):
        # The run command ends when its server JVM dies (its shutdown hook stops the embedded
        # PostgreSQL); wait for that, stop whatever is left of the group, start it again.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.proc.poll() is None:
            time.sleep(0.25)
        self.stop()
        database.ensure_stopped()
        self.start()

    def stop(self):
        if self.proc is None:
            return
        stop_group(self.proc.pid, timeout=60, proc=self.proc)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass


# ---------------------------------------------------------------------------------------------
# acknowledged writes

KINDS = [
    "enrolment",
    "lesson start",
    "heartbeat",
    "lesson completion",
    "course completion",
    "quiz attempt start",
    "quiz attempt submit",
    "tutorial chapter",
    "tutorial quiz",
    "certificate revocation",
]


class Ack:
    __slots__ = ("kind", "key", "value", "t")

    def __init__(self, kind, key, value, t):
        self.kind, self.key, self.value, self.t = kind, key, value, t


class Load:
    """Shared state of the load: stop flag, clock, acknowledged writes, request counts."""

    def __init__(self):
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.acks = []
        self.requests = Counter()  # outcome -> count ("2xx", "4xx", "5xx", "error")
        self.errors = Counter()  # short description -> count (non-2xx replies of writes)
        self.t0 = None
        self.crashed = None  # a load thread's unexpected exception
        self.recovered_at = None  # load time at which the victim was back and ready

    def now(self):
        return time.monotonic() - self.t0

    def ack(self, kind, key, value=None):
        with self.lock:
            self.acks.append(Ack(kind, key, value, self.now()))

    def count(self, reply, what):
        with self.lock:
            if reply.status is None:
                self.requests["error"] += 1
                self.errors[f"{what}: {reply.error.split(':')[0]}"] += 1
            else:
                self.requests[f"{reply.status // 100}xx"] += 1
                if not reply.ok:
                    self.errors[f"{what}: {reply.status} {reply.code() or ''}".strip()] += 1


class Student:
    def __init__(self, index, email, uid, token):
        self.index, self.email, self.id, self.token = index, email, uid, token
        self.enrolments = {}  # course key -> enrolment id
        self.completed = defaultdict(set)  # enrolment id -> lessons completed (acknowledged)
        self.open_attempt = {}  # enrolment id -> attempt id
        self.exhausted = set()  # enrolment ids with no attempt left
        self.quiz_passed = set()
        self.hb_sum = defaultdict(int)  # (enrolment, lesson) -> acknowledged accepted seconds
        self.tq_count = Counter()  # (tutorial, quiz) -> acknowledged posts


TUTORIALS = ["crash-tutorial-a", "crash-tutorial-b"]
CHAPTERS = ["intro", "basics", "practice", "summary"]
TUTORIAL_QUIZZES = ["check-1", "check-2"]


class Worker(threading.Thread):
    """Writes as its own students (one thread per student: no client-side races)."""

    def __init__(self, n, students, world, load, rng):
        super().__init__(name=f"load-{n}", daemon=True)
        self.students, self.w, self.load, self.rng = students, world, load, rng

    def run(self):
        try:
            while not self.load.stop.is_set():
                s = self.rng.choice(self.students)
                if not self.step(s):
                    # connection refused / 5xx: the victim is down; do not spin
                    self.load.stop.wait(0.25)
        except Exception as e:
            traceback.print_exc()
            self.load.crashed = f"{self.name}: {type(e).__name__}: {e}"
            self.load.stop.set()

    # -- one write; returns False after a connection error or 5xx

    def step(self, s):
        rng, w = self.rng, self.w
        missing = [k for k in w.courses if k not in s.enrolments]
        choices = [("tutorial chapter", 3), ("tutorial quiz", 1.5)]
        if missing:
            choices.append(("enrol", 2.5 if not s.enrolments else 1.2))
        if s.enrolments:
            choices += [("heartbeat", 4), ("start", 1), ("complete", 2.5)]
            if "big" in s.enrolments and s.enrolments["big"] not in s.exhausted:
                choices.append(("quiz", 2.5))
        action = weighted(rng, choices)
        return getattr(self, "do_" + action.replace(" ", "_"))(s)

    def result(self, reply, what):
        self.load.count(reply, what)
        return reply.status is not None and reply.status < 500

    def do_enrol(self, s):
        key = self.rng.choice([k for k in self.w.courses if k not in s.enrolments])
        course = self.w.courses[key]
        r = call("POST", f"/api/v1/courses/{course['id']}/enrollments", s.token)
        if r.status == 201 and (r.json() or {}).get("id"):
            eid = r.json()["id"]
            self.load.ack("enrolment", eid, (s.id, course["id"]))
            s.enrolments[key] = eid
        elif r.status == 409:
            # An earlier enrolment whose reply was lost (a crash): find it, not acknowledged.
            found = self.find_enrolment(s, course["id"])
            if found:
                s.enrolments[key] = found
        return self.result(r, "enrol")

    def find_enrolment(self, s, course_id):
        r = call("GET", "/api/v1/me/enrollments?size=100", s.token)
        for e in ((r.json() or {}).get("items") or []) if r.ok else []:
            if (e.get("course") or {}).get("id") == course_id:
                return e.get("id")
        return None

    def pick_lesson(self, s, quiz_ok):
        key = self.rng.choice(list(s.enrolments))
        eid = s.enrolments[key]
        lessons = [l for l in self.w.courses[key]["lessons"] if quiz_ok or not l["quiz"]]
        return key, eid, self.rng.choice(lessons)

    def do_heartbeat(self, s):
        key, eid, lesson = self.pick_lesson(s, quiz_ok=True)
        seconds = self.rng.randint(1, 45)
        r = call("POST", f"/api/v1/enrollments/{eid}/lessons/{lesson['id']}/heartbeat", s.token,
                 {"seconds": seconds, "positionSeconds": self.rng.randint(0, 600)})
        j = r.json() if r.status == 200 else None
        if j and "timeSpentSeconds" in j:
            pair = (eid, lesson["id"])
            s.hb_sum[pair] += int(j.get("acceptedSeconds") or 0)
            # The lesson's time after this heartbeat, and the sum of the seconds every acknowledged
            # heartbeat added: the stored time can be neither lower.
            # (The heartbeat also starts the lesson: the check needs its row.)
            self.load.ack("heartbeat", pair, max(int(j["timeSpentSeconds"]), s.hb_sum[pair]))
        return self.result(r, "heartbeat")

    def do_start(self, s):
        key, eid, lesson = self.pick_lesson(s, quiz_ok=True)
        r = call("POST", f"/api/v1/enrollments/{eid}/lessons/{lesson['id']}/start", s.token)
        if r.status == 200:
            self.load.ack("lesson start", (eid, lesson["id"]))
        return self.result(r, "start")

    def do_complete(self, s):
        key = self.rng.choice(list(s.enrolments))
        eid = s.enrolments[key]
        todo = [l for l in self.w.courses[key]["lessons"]
                if not l["quiz"] and l["id"] not in s.completed[eid]]
        if not todo:
            return self.do_heartbeat(s)
        lesson = todo[0] if self.rng.random() < 0.7 else self.rng.choice(todo)
        body = {"score": self.rng.randint(40, 100)} if self.rng.random() < 0.5 else {}
        r = call("POST", f"/api/v1/enrollments/{eid}/lessons/{lesson['id']}/complete", s.token,
                 body)
        j = r.json() if r.status == 200 else None
        if j is not None:
            self.load.ack("lesson completion", (eid, lesson["id"]))
            s.completed[eid].add(lesson["id"])
            if (j.get("course") or {}).get("status") == "completed":
                self.load.ack("course completion", eid)
        return self.result(r, "complete")

    def do_quiz(self, s):
        eid = s.enrolments["big"]
        quiz = self.w.quiz
        attempt = s.open_attempt.get(eid)
        if attempt is None:
            r = call("POST", f"/api/v1/quizzes/{quiz['id']}/attempts", s.token)
            j = r.json() if r.status == 201 else None
            if j and j.get("id"):
                self.load.ack("quiz attempt start", j["id"], (eid, int(j["attemptNumber"])))
                s.open_attempt[eid] = j["id"]
            elif r.status == 409 and r.code() == "quiz.attempt-open":
                # Started by a request whose reply was lost: carry on with it (not acknowledged).
                m = re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                              (r.json() or {}).get("detail", ""))
                if m:
                    s.open_attempt[eid] = m.group(0)
            elif r.status == 409 and r.code() == "quiz.attempts-exhausted":
                s.exhausted.add(eid)
            return self.result(r, "quiz start")
        answers = []
        for q in quiz["questions"]:
            right = self.rng.random() < 0.8
            if q["type"] == "true_false":
                answers.append({"questionId": q["id"], "value": q["answer"] if right else not q["answer"]})
            else:
                answers.append({"questionId": q["id"],
                                "optionIds": [q["answer"]] if right else [q["wrong"]]})
        r = call("POST", f"/api/v1/attempts/{attempt}/submit", s.token, {"answers": answers})
        j = r.json() if r.status == 200 else None
        if j is not None:
            self.load.ack("quiz attempt submit", attempt, eid)
            s.open_attempt.pop(eid, None)
            if j.get("passed"):
                s.quiz_passed.add(eid)
        elif r.status in (404, 409):
            s.open_attempt.pop(eid, None)  # graded by a submit whose reply was lost
        return self.result(r, "quiz submit")

    def do_tutorial_chapter(self, s):
        tut, ch = self.rng.choice(TUTORIALS), self.rng.choice(CHAPTERS)
        watch = self.rng.randint(1, 900)
        r = call("POST", f"/api/v1/tutorials/progress/{tut}/chapter", s.token,
                 {"chapterId": ch, "watchTime": watch, "completed": self.rng.random() < 0.3,
                  "lastPosition": self.rng.randint(0, watch), "totalChapters": len(CHAPTERS)})
        j = r.json() if r.status == 200 else None
        if j is not None:
            stored = [c.get("watchTime", 0) for c in j.get("chapterProgress") or []
                      if c.get("chapterId") == ch]
            self.load.ack("tutorial chapter", (s.id, tut, ch), max([watch] + stored))
        return self.result(r, "tutorial chapter")

    def do_tutorial_quiz(self, s):
        tut, quiz = self.rng.choice(TUTORIALS), self.rng.choice(TUTORIAL_QUIZZES)
        r = call("POST", f"/api/v1/tutorials/progress/{tut}/quiz", s.token,
                 {"quizId": quiz, "score": self.rng.randint(0, 10), "maxScore": 10})
        j = r.json() if r.status == 200 else None
        if j is not None:
            s.tq_count[(tut, quiz)] += 1
            replied = [q.get("attempts", 0) for q in j.get("quizScores") or []
                       if q.get("quizId") == quiz]
            self.load.ack("tutorial quiz", (s.id, tut, quiz),
                          max([s.tq_count[(tut, quiz)]] + replied))
        return self.result(r, "tutorial quiz")


class Revoker(threading.Thread):
    """The admin revokes certificates issued during the run (of the run's courses)."""

    def __init__(self, world, load, rng):
        super().__init__(name="revoker", daemon=True)
        self.w, self.load, self.rng = world, load, rng

    def run(self):
        try:
            self.revoke()
        except Exception as e:
            traceback.print_exc()
            self.load.crashed = f"{self.name}: {type(e).__name__}: {e}"
            self.load.stop.set()

    def revoke(self):
        course_ids = {c["id"] for c in self.w.courses.values()}
        while not self.load.stop.wait(self.rng.uniform(0.2, 0.6)):
            r = call("GET", "/api/v1/admin/certificates?status=valid&size=100", self.w.admin)
            self.load.count(r, "list certificates")
            if not r.ok:
                continue
            items = [c for c in (r.json() or {}).get("items") or []
                     if c.get("courseId") in course_ids and c.get("id")]
            if not items or self.rng.random() < 0.3:
                continue
            cert = self.rng.choice(items)
            r = call("POST", f"/api/v1/admin/certificates/{cert['id']}/revoke", self.w.admin,
                     {"reason": "Revoked by the crash test"})
            self.load.count(r, "revoke")
            if r.ok:
                self.load.ack("certificate revocation", cert["id"])


def weighted(rng, choices):
    total = sum(w for _, w in choices)
    x = rng.uniform(0, total)
    for name, w in choices:
        x -= w
        if x <= 0:
            return name
    return choices[-1][0]


# ---------------------------------------------------------------------------------------------
# setup through the API


class World:
    admin = None
    teacher = None
    courses = None  # key -> {"id", "lessons": [{"id", "quiz"}]}
    quiz = None  # {"id", "lesson", "questions": [...]}
    students = None


def must(reply, status, what):
    if reply.status != status:
        raise StepFailed(f"setup: {what}: expected {status}, got {reply!r}")
    return reply.json()


def login(email, password):
    j = must(call("POST", "/api/v1/auth/login", body={"email": email, "password": password}), 200,
             f"sign-in of {email}")
    return j["accessToken"], (j.get("user") or {}).get("id")


def make_course(teacher, title, lessons):
    c = must(call("POST", "/api/v1/courses", teacher,
                  {"title": title, "difficulty": "beginner", "category": "crash-test",
                   "description": "A course of the crash test."}), 201, "create course")
    out = {"id": c["id"], "lessons": []}
    for body in lessons:
        l = must(call("POST", f"/api/v1/courses/{c['id']}/lessons", teacher, body), 201,
                 f"create lesson {body['title']}")
        out["lessons"].append({"id": l["id"], "quiz": body["type"] == "quiz"})
    return out


def setup_world(sc):
    w = World()
    admin_email, admin_pw = sc.admin_account()
    w.admin, _ = login(admin_email, admin_pw)
    teacher_email = f"crash-teacher-{TAG}@crash.test"
    must(call("POST", "/api/v1/admin/users", w.admin,
              {"email": teacher_email, "password": PASSWORD, "fullName": "Crash Teacher",
               "role": "instructor"}), 201, "create instructor")
    w.teacher, _ = login(teacher_email, PASSWORD)
    t = w.teacher
    big = make_course(t, f"Crash course {TAG}", [
        {"title": "Reading", "type": "text", "preview": True},
        {"title": "Watching", "type": "video", "videoUrl": "https://videos.example.org/crash.mp4"},
        {"title": "Practice", "type": "text"},
        {"title": "Check", "type": "quiz"},
    ])
    quiz_lesson = big["lessons"][-1]["id"]
    settings = {"title": "Crash check", "maxAttempts": 6, "passingScore": 70,
                "timeLimitSeconds": 3600}
    q = call("PUT", f"/api/v1/lessons/{quiz_lesson}/quiz", t, settings)
    if q.status not in (200, 201):
        raise StepFailed(f"setup: create quiz: {q!r}")
    quiz = {"id": q.json()["id"], "lesson": quiz_lesson, "questions": []}
    for body, answer in (
        ({"type": "true_false", "text": "Commits survive a crash.", "correctAnswer": True}, True),
        ({"type": "true_false", "text": "fsync is optional.", "correctAnswer": False}, False),
        ({"type": "multiple_choice", "text": "What makes a commit durable?", "points": 2,
          "options": [{"id": "wal", "text": "The WAL on disk", "correct": True},
                      {"id": "cache", "text": "The page cache", "correct": False},
                      {"id": "hope", "text": "Hope", "correct": False}]}, "wal"),
    ):
        j = must(call("POST", f"/api/v1/quizzes/{quiz['id']}/questions", t, body), 201,
                 "create question")
        entry = {"id": j["id"], "type": body["type"], "answer": answer}
        if body["type"] == "multiple_choice":
            entry["wrong"] = "cache"
        quiz["questions"].append(entry)
    r = call("PUT", f"/api/v1/lessons/{quiz_lesson}/quiz", t, dict(settings, published=True))
    if r.status not in (200, 201):
        raise StepFailed(f"setup: publish quiz: {r!r}")
    mini1 = make_course(t, f"Crash mini one {TAG}", [{"title": "All of it", "type": "text"}])
    mini2 = make_course(t, f"Crash mini two {TAG}", [{"title": "The lesson", "type": "text"}])
    w.courses = {"big": big, "mini1": mini1, "mini2": mini2}
    for c in w.courses.values():
        must(call("POST", f"/api/v1/courses/{c['id']}/publish", t), 200, "publish course")
    w.quiz = quiz

    # Students: registered and signed in from a few threads (password hashing is slow on purpose).
    students = [None] * STUDENTS
    problems = []

    def register(indices):
        for i in indices:
            email = f"crash-{TAG}-{i}@crash.test"
            r = call("POST", "/api/v1/auth/register", body={
                "email": email, "password": PASSWORD, "fullName": f"Crash Student {i}"})
            if r.status != 201:
                problems.append(f"register {email}: {r!r}")
                return
            try:
                token, uid = login(email, PASSWORD)
            except StepFailed as e:
                problems.append(str(e))
                return
            students[i] = Student(i, email, uid, token)

    workers = [threading.Thread(target=register, args=(range(k, STUDENTS, 3),)) for k in range(3)]
    for th in workers:
        th.start()
    for th in workers:
        th.join(timeout=300)
    if problems or any(s is None for s in students):
        raise StepFailed("setup: students: " + "; ".join(problems[:3]))
    w.students = students
    log(f"setup: instructor, 3 published courses (one with {len(big['lessons'])} lessons and a "
        f"quiz of {len(quiz['questions'])} questions, 6 attempts), {STUDENTS} students signed in")
    return w


# ---------------------------------------------------------------------------------------------
# verification


def check_missing(psql, acks):
    """Every acknowledged write against the database; returns {kind: [examples]} of missing ones."""
    enrol = {r[0]: r for r in psql.rows(
        "select id, student_id, course_id, status, completed_at is not null"
        " from enrollment.enrollments")}
    lp = {(r[0], r[1]): r for r in psql.rows(
        "select enrollment_id, lesson_id, status, time_spent_seconds, first_started_at is not null"
        " from enrollment.lesson_progress")}
    attempts = {r[0]: r for r in psql.rows(
        "select id, enrollment_id, attempt_number, status from quiz.attempts")}
    chapters = {(r[0], r[1], r[2]): int(r[3]) for r in psql.rows(
        "select p.user_id, p.tutorial_id, c.chapter_id, c.watch_time"
        " from tutorials.tutorial_progress p join tutorials.chapter_progress c"
        " on c.progress_id = p.id")}
    tquiz = {(r[0], r[1], r[2]): int(r[3]) for r in psql.rows(
        "select p.user_id, p.tutorial_id, q.quiz_id, q.attempts"
        " from tutorials.tutorial_progress p join tutorials.quiz_scores q on q.progress_id = p.id")}
    certs = {r[0]: r for r in psql.rows(
        "select id, is_revoked, revoked_at is not null from certificates.certificates")}

    missing = defaultdict(list)
    for a in acks:
        k = a.kind
        if k == "enrolment":
            row = enrol.get(a.key)
            if row is None or (row[1], row[2]) != a.value:
                missing[k].append(f"enrolment {a.key} (acknowledged at {a.t:.1f} s): "
                                  f"{'no row' if row is None else 'other student or course'}")
        elif k == "lesson start":
            row = lp.get(a.key)
            if row is None or row[4] != "t" or row[2] not in ("in_progress", "completed"):
                missing[k].append(f"lesson {a.key[1]} of enrolment {a.key[0]} at {a.t:.1f} s: "
                                  f"{'no row' if row is None else 'status ' + row[2]}")
        elif k == "heartbeat":
            row = lp.get(a.key)
            stored = int(row[3]) if row else None
            if stored is None or stored < a.value:
                missing[k].append(f"lesson {a.key[1]} of enrolment {a.key[0]}: acknowledged "
                                  f"{a.value} s at {a.t:.1f} s, stored {stored}")
        elif k == "lesson completion":
            row = lp.get(a.key)
            if row is None or row[2] != "completed":
                missing[k].append(f"lesson {a.key[1]} of enrolment {a.key[0]} at {a.t:.1f} s: "
                                  f"{'no row' if row is None else 'status ' + row[2]}")
        elif k == "course completion":
            row = enrol.get(a.key)
            if row is None or row[3] != "completed" or row[4] != "t":
                missing[k].append(f"enrolment {a.key} at {a.t:.1f} s: "
                                  f"{'no row' if row is None else 'status ' + row[3]}")
        elif k == "quiz attempt start":
            row = attempts.get(a.key)
            if row is None or (row[1], int(row[2])) != a.value:
                missing[k].append(f"attempt {a.key} (number {a.value[1]}) at {a.t:.1f} s: "
                                  f"{'no row' if row is None else 'number ' + row[2]}")
        elif k == "quiz attempt submit":
            row = attempts.get(a.key)
            if row is None or row[3] != "graded":
                missing[k].append(f"attempt {a.key} at {a.t:.1f} s: "
                                  f"{'no row' if row is None else 'status ' + row[3]}")
        elif k == "tutorial chapter":
            stored = chapters.get(a.key)
            if stored is None or stored < a.value:
                missing[k].append(f"{a.key}: acknowledged watch time {a.value} at {a.t:.1f} s, "
                                  f"stored {stored}")
        elif k == "tutorial quiz":
            stored = tquiz.get(a.key)
            if stored is None or stored < a.value:
                missing[k].append(f"{a.key}: acknowledged {a.value} attempt(s) at {a.t:.1f} s, "
                                  f"stored {stored}")
        elif k == "certificate revocation":
            row = certs.get(a.key)
            if row is None or row[1] != "t" or row[2] != "t":
                missing[k].append(f"certificate {a.key} at {a.t:.1f} s: "
                                  f"{'no row' if row is None else 'not revoked'}")
    return missing


INVARIANTS = {
    # Stored totals of an enrolment = its lesson rows (ProgressRepository.TOTALS and
    # Enrollment.applyProgress): time = sum of every row, completed = completed rows among the
    # course's lessons, total = the course's lessons, percentage from them (100 once completed).
    "enrolment totals": """
        with lp as (
          select p.enrollment_id, sum(p.time_spent_seconds) as spent,
                 count(*) filter (where p.status = 'completed' and l.id is not null) as done
          from enrollment.lesson_progress p
          join enrollment.enrollments e on e.id = p.enrollment_id
          left join courses.lessons l on l.id = p.lesson_id and l.course_id = e.course_id
          group by p.enrollment_id),
        ol as (select course_id, count(*) as n from courses.lessons group by course_id)
        select e.id,
               'status ' || e.status
               || ', time ' || e.total_time_spent_seconds || ' vs rows ' || coalesce(lp.spent, 0)
               || ', completed ' || e.completed_lessons_count || ' vs rows ' || coalesce(lp.done, 0)
               || ', total ' || e.total_lessons_count || ' vs lessons ' || coalesce(ol.n, 0)
               || ', percentage ' || e.progress_percentage
        from enrollment.enrollments e
        left join lp on lp.enrollment_id = e.id
        left join ol on ol.course_id = e.course_id
        where e.total_time_spent_seconds <> coalesce(lp.spent, 0)
           or e.completed_lessons_count <> coalesce(lp.done, 0)
           or e.total_lessons_count <> coalesce(ol.n, 0)
           or e.progress_percentage <> case
                when e.status = 'completed' then 100
                when coalesce(ol.n, 0) = 0 then 0
                else round(100.0 * least(coalesce(lp.done, 0), ol.n) / ol.n, 2) end
    """,
    # An enrolment whose every lesson is completed is completed, with its durable completion
    # record (enrollment.course_completions, written in the completing transaction).
    "enrolment completion": """
        select e.id,
               'status ' || e.status || ', completed_at ' || coalesce(e.completed_at::text, 'null')
               || ', completion record ' || (c.enrollment_id is not null)
               || ', lessons ' || e.completed_lessons_count || '/' || e.total_lessons_count
        from enrollment.enrollments e
        left join enrollment.course_completions c on c.enrollment_id = e.id
        where (e.status = 'completed' and e.completed_at is null)
           or (e.status = 'active' and e.completed_at is not null)
           or ((e.completed_at is not null) <> (c.enrollment_id is not null))
           or (e.status = 'active' and e.total_lessons_count > 0
               and e.completed_lessons_count >= e.total_lessons_count)
    """,
    # One certificate per completed enrolment, none for others, with its PDF and the issue time
    # recorded on the enrolment (CertificateIssuance.issue: one transaction).
    "certificate per completed enrolment": """
        select e.id, 'completed enrolment without a certificate (completed ' || e.completed_at || ')'
        from enrollment.enrollments e
        where e.completed_at is not null
          and not exists (select 1 from certificates.certificates c where c.enrollment_id = e.id)
        union all
        select c.id, 'certificate of enrolment ' || c.enrollment_id || ' which is '
               || coalesce(e.status || ' without completion', 'missing')
        from certificates.certificates c
        left join enrollment.enrollments e on e.id = c.enrollment_id
        where e.id is null or e.completed_at is null
        union all
        select c.id, 'certificate for another student or course than its enrolment'
        from certificates.certificates c
        join enrollment.enrollments e on e.id = c.enrollment_id
        where c.student_id <> e.student_id or c.course_id <> e.course_id
        union all
        select e.id, 'certificate_issued_at ' || coalesce(e.certificate_issued_at::text, 'null')
               || ' but certificate ' || coalesce(c.id::text, 'none')
        from enrollment.enrollments e
        left join certificates.certificates c on c.enrollment_id = e.id
        where (e.certificate_issued_at is not null) <> (c.id is not null)
        union all
        select c.id, 'certificate without its PDF file'
        from certificates.certificates c
        left join certificates.uploaded_files f on f.id = c.pdf_file_id
        where f.id is null
    """,
    # Attempt numbers per enrolment and quiz are 1..n without gaps, the slot row (locked by
    # every start) names the last one, and no more attempts than allowed were started.
    "quiz attempt numbers": """
        with a as (
          select enrollment_id, quiz_id, count(*) as n, count(distinct attempt_number) as d,
                 min(attempt_number) as lo, max(attempt_number) as hi,
                 count(*) filter (where status = 'in_progress') as open
          from quiz.attempts group by enrollment_id, quiz_id)
        select coalesce(a.enrollment_id, s.enrollment_id) || '/' || coalesce(a.quiz_id, s.quiz_id),
               'attempts ' || coalesce(a.n, 0) || ' numbered ' || coalesce(a.lo, 0) || '..'
               || coalesce(a.hi, 0) || ', slot last_number ' || coalesce(s.last_number, -1)
               || ', allowed ' || coalesce((q.max_attempts + coalesce(o.extra_attempts, 0))::text, 'any')
               || ', open ' || coalesce(a.open, 0)
        from a
        full join quiz.attempt_slots s on s.enrollment_id = a.enrollment_id and s.quiz_id = a.quiz_id
        join quiz.quizzes q on q.id = coalesce(a.quiz_id, s.quiz_id)
        left join enrollment.enrollments e on e.id = coalesce(a.enrollment_id, s.enrollment_id)
        left join quiz.overrides o on o.quiz_id = q.id and o.user_id = e.student_id
        where coalesce(a.lo, 1) <> 1 or coalesce(a.hi, 0) <> coalesce(a.n, 0)
           or coalesce(a.d, 0) <> coalesce(a.n, 0)
           or coalesce(s.last_number, 0) <> coalesce(a.hi, 0)
           or coalesce(a.open, 0) > 1
           or (q.max_attempts is not null
               and coalesce(a.n, 0) > q.max_attempts + coalesce(o.extra_attempts, 0))
    """,
    # Each graded attempt is recorded on the quiz lesson in the grading transaction: attempts =
    # graded attempts, best score = the kept attempt (policy 'highest'), a pass completes it.
    "quiz lesson progress": """
        with g as (
          select enrollment_id, quiz_id, count(*) as n, max(percentage) as best,
                 bool_or(is_passed) as passed
          from quiz.attempts where status = 'graded' group by enrollment_id, quiz_id)
        select g.enrollment_id || '/' || q.lesson_id,
               'graded ' || g.n || ' vs lesson attempts ' || coalesce(p.attempts::text, 'no row')
               || ', best ' || g.best || ' vs ' || coalesce(p.best_score::text, 'null')
               || ', passed ' || g.passed || ', lesson ' || coalesce(p.status, 'no row')
        from g
        join quiz.quizzes q on q.id = g.quiz_id
        left join enrollment.lesson_progress p
          on p.enrollment_id = g.enrollment_id and p.lesson_id = q.lesson_id
        where p.id is null or p.attempts <> g.n
           or (q.grading_policy = 'highest' and p.best_score is distinct from floor(g.best)::int)
           or (g.passed and p.status <> 'completed')
    """,
    # Tutorial totals = their chapter rows (ProgressTotals.recompute under the row lock).
    "tutorial totals": """
        with c as (
          select progress_id, count(*) as n, count(*) filter (where completed) as done,
                 sum(watch_time) as watch
          from tutorials.chapter_progress group by progress_id),
        q as (
          select progress_id, count(*) as n, count(*) filter (where passed) as passed
          from tutorials.quiz_scores group by progress_id),
        t as (
          select p.*, coalesce(c.n, 0) as cn, coalesce(c.done, 0) as cdone,
                 coalesce(c.watch, 0) as cwatch, coalesce(q.n, 0) as qn,
                 coalesce(q.passed, 0) as qpassed,
                 case when p.certificate_earned then 100
                      when greatest(p.total_chapters, coalesce(c.n, 0)) = 0
                           or coalesce(c.done, 0) = 0 then 0
                      else least(100, floor(100.0 * c.done
                                 / greatest(p.total_chapters, c.n) + 0.5))::int end as pct
          from tutorials.tutorial_progress p
          left join c on c.progress_id = p.id
          left join q on q.progress_id = p.id)
        select t.user_id || '/' || t.tutorial_id,
               'completed ' || t.chapters_completed || ' vs rows ' || t.cdone
               || ', watch ' || t.total_watch_time || ' vs rows ' || t.cwatch
               || ', total ' || t.total_chapters || ' vs rows ' || t.cn
               || ', percentage ' || t.completion_percentage || ' vs ' || t.pct
               || ', eligible ' || t.certificate_eligible
        from t
        where t.chapters_completed <> t.cdone or t.total_watch_time <> t.cwatch
           or t.total_chapters < t.cn or t.completion_percentage <> t.pct
           or t.certificate_eligible <> (t.certificate_earned
                                         or (t.pct >= 95 and t.qpassed >= t.qn))
    """,
}

CERT_MISSING = """
    select count(*) from enrollment.enrollments e
    where e.completed_at is not null
      and not exists (select 1 from certificates.certificates c where c.enrollment_id = e.id)
"""


def check_invariants(psql, data_dir):
    broken = {}
    for name, query in INVARIANTS.items():
        broken[name] = [f"{r[0]}: {r[1]}" for r in psql.rows(query)]
    # The stored certificate PDFs are on disk (local storage under <data>/files).
    files = psql.rows(
        "select c.id, f.storage_path, f.file_size from certificates.certificates c"
        " join certificates.uploaded_files f on f.id = c.pdf_file_id where f.storage_provider = 'local'")
    bad = []
    for cid, path, size in files:
        full = os.path.join(data_dir, "files", path)
        try:
            actual = os.path.getsize(full)
        except OSError:
            actual = None
        if actual != int(size):
            bad.append(f"certificate {cid}: {path} has {actual} bytes, recorded {size}")
    broken["certificate PDF on disk"] = bad
    return broken


# ---------------------------------------------------------------------------------------------
# a scenario


class Scenario:
    def __init__(self, db, victim, index):
        self.db, self.victim = db, victim
        self.name = f"{db}/{victim}"
        self.dir = os.path.join(RUN_DIR, f"{index}-{db}-{victim}")
        self.mark = self.dir
        self.data_dir = os.path.join(self.dir, "data")
        os.makedirs(self.data_dir)
        os.chmod(self.dir, 0o755)
        self.rng = random.Random(f"{SEED}-{index}")
        self.database = EmbeddedPostgres(self) if db == "embedded" else ExternalPostgres(self)
        self.server = Server(self)
        self.result = None

    def env_base(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("LMS_", "CRASH_"))}
        env["CRASH_RUN_MARK"] = self.mark
        return env

    def server_env(self):
        env = self.env_base()
        env.update({
            "LMS_DATA_DIR": self.data_dir,
            "LMS_HTTP_PORT": str(HTTP_PORT),
            "LMS_HTTPS_PORT": str(HTTPS_PORT),
            "LMS_HTTP_HOST": "127.0.0.1",
            "LMS_PUBLIC_BASE_URL": f"http://localhost:{HTTP_PORT}",
            # Completions whose certificate was not issued before a crash are healed by the
            # reconciliation pass (at start-up and every N seconds); keep N short for the test.
            "LMS_CERTIFICATES_RECONCILE_SECONDS": str(RECONCILE_SECONDS),
            "LMS_LOGIN_MAX_FAILURES_ADDRESS": "100000",
            # Rate limits stay on (their counters take part in the crash) but above this load,
            # which writes hundreds of requests a minute as a few students from one address.
            "LMS_RATE_LIMIT_READS_PER_MINUTE": "10000000",
            "LMS_RATE_LIMIT_WRITES_PER_MINUTE": "10000000",
            "LMS_RATE_LIMIT_SIGN_IN_PER_MINUTE": "10000000",
            "LMS_JWT_ACCESS_TTL_SECONDS": "3600",
        })
        if self.db == "embedded":
            env["LMS_EMBEDDED_DB_PORT"] = str(DB_PORT)
        else:
            env.update({
                "LMS_DB_URL": f"jdbc:postgresql://127.0.0.1:{DB_PORT}/lms",
                "LMS_DB_USER": "lms",
                "LMS_DB_PASSWORD": "lms",
                "LMS_ADMIN_EMAIL": "crash-admin@crash.test",
                "LMS_ADMIN_PASSWORD": PASSWORD,
            })
        return env

    def admin_account(self):
        if self.db == "embedded":
            return "admin@lectern.local", "admin-demo-pass"
        return "crash-admin@crash.test", PASSWORD

    def run(self):
        started = time.monotonic()
        log(f"== crash[{self.name}]: {SECONDS:g} s of load from {THREADS} threads, seed {SEED}")
        try:
            for p in (HTTP_PORT, HTTPS_PORT, DB_PORT):
                if port_in_use(p):
                    raise StepFailed(f"port {p} is in use (set CRASH_HTTP_PORT / CRASH_HTTPS_PORT /"
                                     " CRASH_DB_PORT)")
            self.database.setup()
            self.server.start()
            self.server.wait_ready()
            psql = Psql(DB_PORT)
            settings = dict(psql.rows(
                "select name, setting from pg_settings"
                " where name in ('fsync', 'synchronous_commit', 'full_page_writes')"))
            version = psql.rows("show server_version")[0][0]
            log(f"PostgreSQL {version}: " + ", ".join(f"{k}={v}" for k, v in sorted(settings.items())))
            durable = all(settings.get(k) == "on"
                          for k in ("fsync", "synchronous_commit", "full_page_writes"))
            world = setup_world(self)
            load, timing = self.drive(world)
            return self.verify(psql, load, timing, durable, settings, started)
        except Exception as e:
            if not isinstance(e, StepFailed):
                traceback.print_exc()
                e = f"{type(e).__name__}: {e}"
            log(f"crash[{self.name}]: step failed: {e}")
            self.result = {"name": self.name, "failed": str(e), "acks": 0, "missing": 0, "broken": 0,
                           "seconds": time.monotonic() - started}
            return self.result
        finally:
            self.teardown()

    def drive(self, world):
        load = Load()
        students = world.students
        workers = []
        n_workers = THREADS - 1
        for n in range(n_workers):
            mine = students[n::n_workers]
            workers.append(Worker(n, mine, world, load, random.Random(self.rng.random())))
        revoker = Revoker(world, load, random.Random(self.rng.random()))
        kill_at = self.rng.uniform(0.3, 0.7) * SECONDS
        post = max(2.0, 0.25 * SECONDS)
        load.t0 = time.monotonic()
        for th in workers + [revoker]:
            th.start()
        log(f"load started; the {self.victim} gets SIGKILL at {kill_at:.1f} s")
        timing = {"kill_at": kill_at}
        try:
            while load.now() < kill_at and not load.stop.is_set():
                time.sleep(0.05)
            if load.stop.is_set():
                raise StepFailed(f"a load thread failed before the kill: {load.crashed}")
            timing["acks_before_kill"] = len(load.acks)
            kill_t = load.now()
            if self.victim == "postgres":
                self.database.kill9()
                self.database.restart_after_kill(self.server)
            else:
                self.server.kill9()
                self.server.restart_after_kill(self.database)
            deadline = time.monotonic() + START_TIMEOUT
            while not ready():
                if time.monotonic() > deadline:
                    raise StepFailed(f"not ready {START_TIMEOUT:.0f} s after the restart; last lines"
                                     f" of {self.server.logfile}:\n{tail(self.server.logfile)}")
                if self.server.proc.poll() is not None:
                    raise StepFailed(f"the run command exited after the restart; last lines of "
                                     f"{self.server.logfile}:\n{tail(self.server.logfile)}")
                time.sleep(0.5)
            load.recovered_at = load.now()
            timing["outage"] = load.recovered_at - kill_t
            log(f"ready again {timing['outage']:.1f} s after the kill; load goes on for "
                f"{max(post, SECONDS - load.recovered_at):.1f} s")
            end = max(SECONDS, load.recovered_at + post)
            while load.now() < end and not load.stop.is_set():
                time.sleep(0.05)
        finally:
            load.stop.set()
            for th in workers + [revoker]:
                th.join(timeout=3 * REQUEST_TIMEOUT)
        if any(th.is_alive() for th in workers + [revoker]):
            raise StepFailed("load threads did not stop")
        timing["load_seconds"] = load.now()
        return load, timing

    def verify(self, psql, load, timing, durable, settings, started):
        if not ready():
            raise StepFailed("the server is not ready after the load")
        acks = load.acks
        after = sum(1 for a in acks if load.recovered_at is not None and a.t >= load.recovered_at)
        # Certificates of completions just before the kill are issued by the reconciliation
        # pass (at start-up, then every LMS_CERTIFICATES_RECONCILE_SECONDS): wait for it.
        first = int(psql.rows(CERT_MISSING)[0][0])
        waited = 0.0
        pending = first
        deadline = time.monotonic() + RECONCILE_SECONDS + 30
        t = time.monotonic()
        while pending and time.monotonic() < deadline:
            time.sleep(1)
            pending = int(psql.rows(CERT_MISSING)[0][0])
        waited = time.monotonic() - t
        missing = check_missing(psql, acks)
        broken = check_invariants(psql, self.data_dir)
        if self.db == "embedded" and not durable:
            broken["durable settings of the embedded PostgreSQL"] = [
                ", ".join(f"{k}={v}" for k, v in sorted(settings.items()))]
        by_kind = Counter(a.kind for a in acks)
        n_missing = sum(len(v) for v in missing.values())
        n_broken = sum(len(v) for v in broken.values())

        print(f"-- crash[{self.name}] results", flush=True)
        print(f"   requests: " + ", ".join(f"{k} {v}" for k, v in sorted(load.requests.items())))
        if load.errors:
            top = ", ".join(f"{k} x{v}" for k, v in load.errors.most_common(8))
            print(f"   refused or failed writes (not acknowledged, not counted): {top}")
        print(f"   kill at {timing['kill_at']:.1f} s of load ({timing['acks_before_kill']} writes "
              f"acknowledged before it), ready again after {timing['outage']:.1f} s, "
              f"{after} writes acknowledged after recovery, load {timing['load_seconds']:.1f} s")
        if first:
            print(f"   certificates missing right after the load: {first}; issued by reconciliation "
                  f"within {waited:.0f} s: {first - pending}")
        print(f"   {'kind':<24} {'acknowledged':>12} {'missing':>8}")
        for kind in KINDS:
            print(f"   {kind:<24} {by_kind.get(kind, 0):>12} {len(missing.get(kind, [])):>8}")
        for kind, examples in missing.items():
            for e in examples[:5]:
                print(f"   MISSING {kind}: {e}")
        print(f"   {'invariant':<44} {'violations':>10}")
        for name, rows in broken.items():
            print(f"   {name:<44} {len(rows):>10}")
            for e in rows[:5]:
                print(f"   BROKEN {name}: {e}")
        failed = None
        if load.crashed:
            failed = f"a load thread failed: {load.crashed}"
        elif after == 0:
            failed = "no write was acknowledged after the recovery"
        elif any(by_kind.get(k, 0) == 0 for k in ("enrolment", "heartbeat", "tutorial chapter")):
            failed = "the load acknowledged too few kinds of writes"
        if failed:
            print(f"   step failed: {failed}")
        self.result = {"name": self.name, "acks": len(acks), "missing": n_missing,
                       "broken": n_broken, "failed": failed,
                       "seconds": time.monotonic() - started}
        return self.result

    def teardown(self):
        try:
            self.server.stop()
        except Exception as e:  # keep tearing down
            log(f"stopping the server: {e}")
        try:
            self.database.teardown()
        except Exception as e:
            log(f"stopping PostgreSQL: {e}")
        left = [p for p in pids_with_mark(self.mark) if alive(p)]
        if left:
            log(f"processes of this scenario still alive: {left}; SIGKILL")
            for p in left:
                signal_pid(p, signal.SIGKILL)
            wait_gone(left, 10)


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    scenarios = []
    for db in DBS:
        for victim in KILLS:
            scenarios.append((db, victim))
    log(f"crash test: {', '.join(f'{d}/{k}' for d, k in scenarios)}; {SECONDS:g} s of load each, "
        f"{THREADS} threads, {STUDENTS} students, seed {SEED}")
    results = []
    for i, (db, victim) in enumerate(scenarios, 1):
        results.append(Scenario(db, victim, i).run())
    print("", flush=True)
    ok = True
    for r in results:
        mins, secs = divmod(int(r["seconds"]), 60)
        if r.get("failed"):
            ok = False
            print(f"crash[{r['name']}]: FAILED ({r['failed'].splitlines()[0]}); "
                  f"{r['acks']} acknowledged writes, {r['missing']} missing, "
                  f"{r['broken']} broken invariants ({mins}m{secs:02d}s)")
            continue
        if r["missing"] or r["broken"]:
            ok = False
        print(f"crash[{r['name']}]: {r['acks']} acknowledged writes, {r['missing']} missing, "
              f"{r['broken']} broken invariants ({mins}m{secs:02d}s)", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
