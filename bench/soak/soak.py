#!/usr/bin/env python3
"""Lectern soak test: hostile and varied requests against a running server (standard library only).

Run by bench/soak/soak.sh, which starts the server; on its own it needs SOAK_BASE_URL.

Phases:
  1. setup: sign in as the demo accounts, register fresh students, fetch the OpenAPI document,
     create real objects (a course with lessons and a quiz, an enrolment, a quiz attempt, an
     uploaded file, a certificate, tutorial progress) so that path parameters can be real ids;
  2. heap used after a full GC of the server JVM (jcmd GC.run + GC.heap_info);
  3. hostile phase: SOAK_REQUESTS requests over every operation of the document and every
     principal (anonymous, student, instructor, admin, forged token), SOAK_CONCURRENCY workers,
     while a thread polls /health/ready every second;
  4. heap after a full GC again;
  5. a normal flow whose every step must answer its expected status;
  6. summary on stdout and as summary.json in the run folder (SOAK_RUN_DIR); exit code 1 on any
     5xx, any error response that is not application/problem+json, a health poll of 1 s or more,
     or a failed normal-flow step.

Environment: SOAK_BASE_URL (required; 127.0.0.1/localhost only), SOAK_REQUESTS (20000),
SOAK_CONCURRENCY (4), SOAK_SECONDS (1200, hard bound of this script), SOAK_PID (server JVM pid;
otherwise looked up by port), SOAK_RUN_DIR (output folder), SOAK_SEED (random seed).
"""

import http.client
import json
import os
import random
import re
import socket
import string
import subprocess
import sys
import threading
import time
import traceback
import urllib.parse
import uuid
from datetime import datetime, timedelta, timezone

# ---------------------------------------------------------------------------------------------
# configuration

BASE_URL = os.environ.get("SOAK_BASE_URL", "").rstrip("/")
REQUESTS = int(os.environ.get("SOAK_REQUESTS", "20000"))
CONCURRENCY = max(1, int(os.environ.get("SOAK_CONCURRENCY", "4")))
SECONDS = float(os.environ.get("SOAK_SECONDS", "1200"))
SEED = int(os.environ.get("SOAK_SEED", str(int(time.time()))))
TIMEOUT = 30.0  # per socket operation
REQUEST_DEADLINE = 60.0  # a whole request (send + read) at most
MAX_READ = 256 * 1024  # bytes of a response body read at most
MAX_JSON_BYTES = int(os.environ.get("LMS_MAX_JSON_BYTES", "1048576"))
EXAMPLES = 20

T0 = time.monotonic()
HARD_DEADLINE = T0 + SECONDS
# Keep time for the heap measurement, the normal flow and the summary after the hostile phase.
HOSTILE_DEADLINE = HARD_DEADLINE - min(150.0, SECONDS * 0.25)

DEMO = {
    "admin": ("admin@lectern.local", "admin-demo-pass"),
    "instructor": ("instructor@lectern.local", "instructor-demo-pass"),
    "student": ("student@lectern.local", "student-demo-pass"),
}
DEMO_COURSE_SLUG = "getting-started-with-lectern"
FRESH_PASSWORD = "soak-password-1"
RUN_TAG = uuid.uuid4().hex[:8]


def die(msg):
    print(f"soak: {msg}", file=sys.stderr)
    sys.exit(2)


if not BASE_URL:
    die("SOAK_BASE_URL is not set (bench/soak/soak.sh sets it)")
_u = urllib.parse.urlsplit(BASE_URL)
if _u.scheme != "http" or _u.hostname not in ("127.0.0.1", "localhost"):
    die(f"SOAK_BASE_URL must be http://127.0.0.1:<port> or http://localhost:<port>, not {BASE_URL}")
HOST = "127.0.0.1" if _u.hostname == "localhost" else _u.hostname
PORT = _u.port or 80
if PORT in (80, 9080, 9443, 5433):
    die(f"port {PORT} is refused (a developer's server may be there); give another one")
PREFIX = _u.path.rstrip("/")  # normally empty
RUN_DIR = os.environ.get("SOAK_RUN_DIR") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "results", "tmp",
    "soak-" + datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ"))
os.makedirs(RUN_DIR, exist_ok=True)


def log(msg):
    print(f"[{time.monotonic() - T0:7.1f}s] {msg}", flush=True)


def remaining():
    return HARD_DEADLINE - time.monotonic()


# ---------------------------------------------------------------------------------------------
# HTTP


class Reply:
    __slots__ = ("status", "ctype", "body", "headers", "error", "elapsed")

    def __init__(self, status=None, ctype="", body=b"", headers=None, error=None, elapsed=0.0):
        self.status, self.ctype, self.body = status, ctype, body
        self.headers, self.error, self.elapsed = headers or {}, error, elapsed

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except Exception:
            return None


def _read_reply(conn, started, max_read=MAX_READ):
    resp = conn.getresponse()
    chunks, total = [], 0
    while total < max_read:
        if time.monotonic() - started > REQUEST_DEADLINE:
            break
        data = resp.read(min(65536, max_read - total))
        if not data:
            break
        chunks.append(data)
        total += len(data)
    headers = {k.lower(): v for k, v in resp.getheaders()}
    return Reply(resp.status, headers.get("content-type", ""), b"".join(chunks), headers)


def send(method, path, headers=None, body=None, chunked=None, timeout=TIMEOUT, max_read=MAX_READ):
    """One request on a fresh connection to HOST:PORT. `body` bytes are sent with Content-Length;
    `chunked` (an iterable of bytes) with Transfer-Encoding: chunked and no Content-Length. Never
    raises: connection problems come back as Reply(error=...)."""
    started = time.monotonic()
    conn = http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    send_error = None
    try:
        try:
            conn.putrequest(method, PREFIX + path, skip_host=False, skip_accept_encoding=True)
            for k, v in (headers or {}).items():
                conn.putheader(k, v)
            if chunked is not None:
                conn.putheader("Transfer-Encoding", "chunked")
            elif body is not None:
                conn.putheader("Content-Length", str(len(body)))
        except (ValueError, UnicodeError, http.client.HTTPException) as e:
            # http.client itself refused the request line or a header: nothing was sent.
            return Reply(error=f"client: {type(e).__name__}: {e}"[:200])
        try:
            conn.endheaders()
            if chunked is not None:
                for piece in chunked:
                    if time.monotonic() - started > REQUEST_DEADLINE:
                        raise TimeoutError("request deadline while sending the chunked body")
                    conn.send(b"%x\r\n%s\r\n" % (len(piece), piece))
                conn.send(b"0\r\n\r\n")
            elif body:
                conn.send(body)
        except (OSError, http.client.HTTPException) as e:
            # The server may have answered (e.g. 413) and closed while we were still sending:
            # try to read that answer before calling it a connection error.
            send_error = e
        try:
            reply = _read_reply(conn, started, max_read)
            reply.elapsed = time.monotonic() - started
            return reply
        except (OSError, http.client.HTTPException) as e:
            err = send_error or e
            return Reply(error=f"{type(err).__name__}: {err}"[:200], elapsed=time.monotonic() - started)
    except (OSError, http.client.HTTPException, ValueError, UnicodeError) as e:
        return Reply(error=f"{type(e).__name__}: {e}"[:200], elapsed=time.monotonic() - started)
    finally:
        try:
            conn.close()
        except Exception:
            pass


def api(method, path, token=None, body=None, ctype="application/json"):
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers["Content-Type"] = ctype
    elif method in ("POST", "PUT", "PATCH"):
        data = b""
    return send(method, path, headers, data)


# ---------------------------------------------------------------------------------------------
# the server JVM and its heap


def _listening_inodes(port):
    inodes = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(name) as f:
                next(f)
                for line in f:
                    parts = line.split()
                    local, state, inode = parts[1], parts[3], parts[9]
                    if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
                        inodes.add(inode)
        except OSError:
            pass
    return inodes


def find_server_pid():
    """SOAK_PID, else the Liberty JVM (ws-server.jar or -Dwlp on its command line) that listens on
    the http port (or has it on its command line or in its environment)."""
    if os.environ.get("SOAK_PID"):
        return int(os.environ["SOAK_PID"])
    inodes = _listening_inodes(PORT)
    candidates = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if "java" not in cmd or not ("ws-server.jar" in cmd or "-Dwlp" in cmd):
            continue
        score = 0
        if re.search(rf"(port=|:){PORT}\b", cmd):
            score = 2
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                if f"LMS_HTTP_PORT={PORT}".encode() in f.read().split(b"\0"):
                    score = max(score, 2)
        except OSError:
            pass
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
                if link.startswith("socket:[") and link[8:-1] in inodes:
                    score = 3
                    break
        except OSError:
            pass
        if score:
            candidates.append((score, int(pid)))
    return max(candidates)[1] if candidates else None


def heap_after_full_gc(pid):
    """Heap used (MB) after a full GC, from jcmd GC.heap_info (Parallel: PSYoungGen + ParOldGen;
    G1/Serial handled too)."""
    if not pid:
        return None, "no server pid (set SOAK_PID)"
    try:
        for _ in range(2):  # twice: the first GC may leave soft/finalizable garbage behind
            subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, timeout=jcmd_timeout(),
                           check=True)
        out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True,
                             timeout=jcmd_timeout(), check=True).stdout
    except Exception as e:
        return None, f"jcmd failed: {e}"
    used = 0
    found = False
    for gen in ("PSYoungGen", "ParOldGen", "def new generation", "tenured generation"):
        m = re.search(re.escape(gen) + r"\s+total\s+\d+K,\s+used\s+(\d+)K", out)
        if m:
            used += int(m.group(1))
            found = True
    if not found:
        m = re.search(r"garbage-first heap\s+total\s+\d+K,\s+used\s+(\d+)K", out)
        if m:
            used, found = int(m.group(1)), True
    if not found:
        return None, "could not parse GC.heap_info: " + out[:300]
    return round(used / 1024, 1), out


def jcmd_timeout():
    return max(5.0, min(120.0, remaining() - 20))


def class_histogram(pid, name):
    """The top of GC.class_histogram, saved to the run folder (what fills the heap, if it grows)."""
    if not pid or remaining() < 40:
        return []
    try:
        out = subprocess.run(["jcmd", str(pid), "GC.class_histogram"], capture_output=True,
                             text=True, timeout=jcmd_timeout(), check=True).stdout
    except Exception as e:
        return [f"jcmd GC.class_histogram failed: {e}"]
    lines = out.splitlines()
    with open(os.path.join(RUN_DIR, name), "w") as f:
        f.write("\n".join(lines[:200]) + "\n")
    top = []
    for line in lines:
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(.*)", line)
        if m:
            top.append(f"{int(m.group(2)) / 1048576:.1f} MB in {m.group(1)} x {m.group(3).split(' (')[0]}")
        if len(top) >= 10:
            break
    return top


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except (OSError, TypeError):
        pass
    return None


# ---------------------------------------------------------------------------------------------
# setup: principals, the OpenAPI document, real objects


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.principals = {}  # name -> {"email", "password", "token", "refresh", "id", "at"}
        self.victims = []  # fresh students that admin operations may change
        self.refresh_tokens = []  # of victims' sign-ins, for refresh/logout bodies
        # real ids: "read" pools for every kind; "write" pools only objects this run owns (the
        # demo course and its lessons are never changed, the normal flow needs them).
        self.read = {k: [] for k in ("course", "lesson", "enrollment", "quiz", "question",
                                     "attempt", "file", "certificate", "user", "number", "slug",
                                     "tutorial", "option")}
        self.write = {k: [] for k in self.read}
        self.demo_course = None
        self.setup_log = []


S = State()


def note(msg):
    S.setup_log.append(msg)
    log("setup: " + msg)


def add_id(kind, value, writable=True):
    if value and value not in S.read[kind]:
        S.read[kind].append(value)
        if writable:
            S.write[kind].append(value)


def sign_in(email, password):
    r = api("POST", "/api/v1/auth/login", body={"email": email, "password": password})
    j = r.json() if r.status == 200 else None
    if not j or "accessToken" not in j:
        return None, r
    return j, r


def login_principal(name):
    p = S.principals[name]
    j, r = sign_in(p["email"], p["password"])
    if j:
        with S.lock:
            p["token"], p["refresh"] = j["accessToken"], j.get("refreshToken")
            p["id"] = (j.get("user") or {}).get("id") or p.get("id")
            p["at"] = time.monotonic()
        return True
    note(f"sign-in of {name} failed: {r.status} {r.error or r.body[:120]!r}")
    return False


def token_of(name):
    """The principal's current access token; signs in again every 10 minutes (tokens live 15)."""
    p = S.principals.get(name)
    if not p:
        return None
    if time.monotonic() - p.get("at", 0) > 600 and remaining() > 60:
        with p.setdefault("relogin", threading.Lock()):
            if time.monotonic() - p.get("at", 0) > 600:
                login_principal(name)
    return p.get("token")


def setup():
    for name, (email, pw) in DEMO.items():
        S.principals[name] = {"email": email, "password": pw}
        if not login_principal(name):
            die(f"cannot sign in as {email}; is this a server with the demo data?")
    # Fresh students: one more student principal and a few victims for the admin operations.
    for i in range(5):
        email = f"soak-{RUN_TAG}-{i}@soak.test"
        r = api("POST", "/api/v1/auth/register",
                body={"email": email, "password": FRESH_PASSWORD, "fullName": f"Soak Student {i}"})
        if r.status != 201:
            note(f"register {email}: {r.status} {r.error or r.body[:120]!r}")
            continue
        uid = (r.json() or {}).get("id")
        if i == 0:
            S.principals["student2"] = {"email": email, "password": FRESH_PASSWORD, "id": uid}
            login_principal("student2")
        else:
            S.victims.append({"email": email, "id": uid})
            add_id("user", uid)
            j, _ = sign_in(email, FRESH_PASSWORD)
            if j and j.get("refreshToken"):
                S.refresh_tokens.append(j["refreshToken"])
    note(f"principals: {sorted(S.principals)}; {len(S.victims)} victim students")

    admin, teacher = token_of("admin"), token_of("instructor")
    student, student2 = token_of("student"), token_of("student2")

    # The demo course: read-only ids.
    r = api("GET", f"/api/v1/courses/{DEMO_COURSE_SLUG}")
    demo = r.json() if r.status == 200 else None
    if not demo:
        die(f"GET /api/v1/courses/{DEMO_COURSE_SLUG}: {r.status}; is this a server with the demo data?")
    S.demo_course = demo
    add_id("course", demo["id"], writable=False)
    add_id("slug", demo["slug"], writable=False)
    for lid in lesson_ids(demo.get("lessons", [])):
        add_id("lesson", lid, writable=False)
    instructor_id = (demo.get("instructor") or {}).get("id")
    add_id("user", instructor_id, writable=False)

    # Student enrolments in the demo course (progress operations are per enrolment).
    for who in ("student", "student2"):
        tok = token_of(who)
        r = api("POST", f"/api/v1/courses/{demo['id']}/enrollments", tok)
        eid = (r.json() or {}).get("id") if r.status in (200, 201) else None
        if not eid:
            mine = api("GET", "/api/v1/me/enrollments?size=100", tok).json() or {}
            for e in mine.get("items", []):
                if (e.get("course") or {}).get("id") == demo["id"]:
                    eid = e.get("id")
        if eid:
            add_id("enrollment", eid)
            first = lesson_ids(demo.get("lessons", []))[:1]
            for lid in first:
                api("POST", f"/api/v1/enrollments/{eid}/lessons/{lid}/start", tok)
                api("POST", f"/api/v1/enrollments/{eid}/lessons/{lid}/heartbeat", tok,
                    {"seconds": 5, "positionSeconds": 5})
    # A demo-course quiz id (read-only) if the instructor can see it.
    for lid in quiz_lessons(demo.get("lessons", [])):
        r = api("GET", f"/api/v1/lessons/{lid}/quiz", teacher)
        q = r.json() if r.status == 200 else None
        if q and q.get("id"):
            add_id("quiz", q["id"], writable=False)

    # A course of this run, with lessons and a published quiz, taken by student2.
    course = make_course(teacher, with_quiz=True)
    if course and student2:
        r = api("POST", f"/api/v1/courses/{course['id']}/enrollments", student2)
        eid = (r.json() or {}).get("id")
        if eid:
            add_id("enrollment", eid)
            for lid in course["lessons"][:2]:
                api("POST", f"/api/v1/enrollments/{eid}/lessons/{lid}/start", student2)
        if course.get("quiz"):
            r = api("POST", f"/api/v1/quizzes/{course['quiz']}/attempts", student2)
            if r.status == 201:
                add_id("attempt", (r.json() or {}).get("id"))
            else:
                note(f"quiz attempt: {r.status} {r.body[:160]!r}")
    # A one-lesson course completed by student2: a certificate with a number.
    mini = make_course(teacher, with_quiz=False, lessons=1)
    if mini and student2:
        r = api("POST", f"/api/v1/courses/{mini['id']}/enrollments", student2)
        eid = (r.json() or {}).get("id")
        if eid:
            add_id("enrollment", eid)
            lid = mini["lessons"][0]
            api("POST", f"/api/v1/enrollments/{eid}/lessons/{lid}/start", student2)
            r = api("POST", f"/api/v1/enrollments/{eid}/lessons/{lid}/complete", student2, {"score": 95})
            if r.status != 200:
                note(f"complete mini lesson: {r.status} {r.body[:160]!r}")
            for _ in range(20):
                certs = (api("GET", "/api/v1/me/certificates", student2).json() or {}).get("items", [])
                if certs:
                    for c in certs:
                        add_id("certificate", c.get("id"))
                        add_id("number", c.get("certificateNumber"))
                    break
                if remaining() < 60:
                    break
                time.sleep(0.5)
    # Uploaded files (one private, one public).
    for tok, public in ((student, "false"), (student2, "true")):
        r = upload(tok, f"soak-{RUN_TAG}.txt", b"soak test notes\n", public)
        if r.status == 201:
            add_id("file", (r.json() or {}).get("id"))
        else:
            note(f"upload: {r.status} {r.body[:160]!r}")
    # Tutorial progress.
    for i in range(3):
        tid = f"soak-tut-{i}"
        add_id("tutorial", tid)
        for who in ("student", "student2", "instructor"):
            api("POST", f"/api/v1/tutorials/progress/{tid}/chapter", token_of(who),
                {"chapterId": "c1", "watchTime": 10, "totalChapters": 3})
    for who in ("admin", "instructor", "student", "student2"):
        add_id("user", S.principals.get(who, {}).get("id"), writable=False)
    note("real ids: " + ", ".join(f"{k}={len(v)}" for k, v in S.read.items()))


def lesson_ids(tree):
    out = []
    for node in tree or []:
        out.append(node.get("id"))
        out.extend(lesson_ids(node.get("children")))
    return [x for x in out if x]


def quiz_lessons(tree):
    out = []
    for node in tree or []:
        if node.get("type") == "quiz":
            out.append(node.get("id"))
        out.extend(quiz_lessons(node.get("children")))
    return out


def make_course(teacher, with_quiz, lessons=3):
    r = api("POST", "/api/v1/courses", teacher,
            {"title": f"Soak course {RUN_TAG} {uuid.uuid4().hex[:6]}", "difficulty": "beginner",
             "category": "soak", "description": "Created by the soak test."})
    if r.status != 201:
        note(f"create course: {r.status} {r.body[:160]!r}")
        return None
    cid = (r.json() or {}).get("id")
    add_id("course", cid)
    add_id("slug", (r.json() or {}).get("slug"))
    out = {"id": cid, "lessons": [], "quiz": None}
    for i in range(lessons):
        body = {"title": f"Lesson {i}", "type": "text", "preview": i == 0}
        if i == 1:
            body = {"title": f"Video {i}", "type": "video",
                    "videoUrl": "https://videos.example.org/soak.mp4"}
        r = api("POST", f"/api/v1/courses/{cid}/lessons", teacher, body)
        if r.status == 201:
            out["lessons"].append((r.json() or {}).get("id"))
            add_id("lesson", out["lessons"][-1])
        else:
            note(f"create lesson: {r.status} {r.body[:160]!r}")
    if with_quiz:
        r = api("POST", f"/api/v1/courses/{cid}/lessons", teacher, {"title": "Quiz", "type": "quiz"})
        qlid = (r.json() or {}).get("id") if r.status == 201 else None
        if qlid:
            add_id("lesson", qlid)
            out["lessons"].append(qlid)
            r = api("PUT", f"/api/v1/lessons/{qlid}/quiz", teacher,
                    {"title": "Soak quiz", "maxAttempts": 1000, "timeLimitSeconds": 3600})
            qid = (r.json() or {}).get("id") if r.status in (200, 201) else None
            if qid:
                out["quiz"] = qid
                add_id("quiz", qid)
                for body in (
                    {"type": "multiple_choice", "text": "Which rise?", "points": 2,
                     "options": [{"id": "yeast", "text": "Yeast", "correct": True},
                                 {"id": "salt", "text": "Salt", "correct": False}]},
                    {"type": "true_false", "text": "Bread is baked.", "correctAnswer": True},
                    {"type": "short_answer", "text": "Flour, water, salt and?",
                     "acceptedAnswers": ["yeast"]},
                ):
                    r = api("POST", f"/api/v1/quizzes/{qid}/questions", teacher, body)
                    if r.status == 201:
                        add_id("question", (r.json() or {}).get("id"))
                    else:
                        note(f"create question: {r.status} {r.body[:160]!r}")
                add_id("option", "yeast")
                add_id("option", "salt")
                r = api("PUT", f"/api/v1/lessons/{qlid}/quiz", teacher,
                        {"title": "Soak quiz", "maxAttempts": 1000, "timeLimitSeconds": 3600,
                         "published": True})
                if r.status not in (200, 201):
                    note(f"publish quiz: {r.status} {r.body[:160]!r}")
            else:
                note(f"create quiz: {r.status} {r.body[:160]!r}")
    r = api("POST", f"/api/v1/courses/{cid}/publish", teacher)
    if r.status != 200:
        note(f"publish course: {r.status} {r.body[:200]!r}")
    return out


def multipart(fields, boundary=None):
    """fields: list of (name, filename or None, content type or None, bytes)."""
    boundary = boundary or "soak" + uuid.uuid4().hex
    parts = []
    for name, filename, ctype, data in fields:
        disp = f'form-data; name="{name}"'
        if filename is not None:
            disp += f'; filename="{filename}"'
        head = f"--{boundary}\r\nContent-Disposition: {disp}\r\n"
        if ctype:
            head += f"Content-Type: {ctype}\r\n"
        parts.append(head.encode("utf-8", "surrogatepass") + b"\r\n" + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), boundary


def upload(token, filename, data, public="false"):
    body, boundary = multipart([("file", filename, "text/plain", data),
                                ("folder", None, None, b"soak"), ("public", None, None, public.encode())])
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "Accept": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    return send("POST", "/api/v1/files", headers, body)


def load_operations():
    r = send("GET", "/openapi?format=JSON", {"Accept": "application/json"}, max_read=32 << 20)
    doc = r.json() if r.status == 200 else None
    if not doc or "paths" not in doc:
        die(f"GET /openapi?format=JSON: {r.status} {r.error or r.body[:200]!r}")
    ops = []
    for path, item in doc["paths"].items():
        common = item.get("parameters", [])
        for method, op in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            params = common + op.get("parameters", [])
            content = (op.get("requestBody") or {}).get("content", {})
            schema = None
            for ct, c in content.items():
                schema = resolve(doc, c.get("schema"))
            ops.append({"method": method.upper(), "path": path,
                        "path_params": [p["name"] for p in params if p.get("in") == "path"],
                        "query": [p["name"] for p in params if p.get("in") == "query"],
                        "body_types": list(content), "schema": schema})
    log(f"openapi {doc.get('openapi')}: {len(doc['paths'])} paths, {len(ops)} operations")
    return ops


def resolve(doc, schema, depth=0):
    if not isinstance(schema, dict) or depth > 5:
        return schema
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return resolve(doc, doc.get("components", {}).get("schemas", {}).get(name), depth + 1)
    if schema.get("type") == "array":
        return {"type": "array", "items": resolve(doc, schema.get("items"), depth + 1)}
    props = schema.get("properties")
    if props:
        return dict(schema, properties={k: resolve(doc, v, depth + 1) for k, v in props.items()})
    return schema


# ---------------------------------------------------------------------------------------------
# hostile values


class Raw:
    """Literal JSON text (for numbers JSON encoders refuse, deep nesting, broken JSON)."""

    def __init__(self, text):
        self.text = text


def to_json(value):
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(str(k)) + ":" + to_json(v) for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(to_json(v) for v in value) + "]"
    return json.dumps(value)  # ensure_ascii: NUL -> \u0000, lone surrogates -> \ud800


def rand_word(rng, n=None):
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(n or rng.randint(3, 10)))


def long_str(rng):
    return rng.choice(["A", "é", "x", "\u0000", "😀", "ab"]) * rng.randint(10000, 20000)


def hostile_string(rng):
    c = rng.randrange(16)
    if c == 0:
        return "\u0000"
    if c == 1:
        return rand_word(rng) + "\u0000" + rand_word(rng)
    if c == 2:
        return "line\r\nX-Injected: 1\u0007\u001b[31m\u007f"
    if c == 3:
        return "\ud800"
    if c == 4:
        return "a\udfffb\ud83d"
    if c == 5:
        return long_str(rng)
    if c == 6:
        return ""
    if c == 7:
        return "   \t "
    if c == 8:
        return "../../../../etc/passwd"
    if c == 9:
        return "<script>alert(1)</script>"
    if c == 10:
        return "' OR '1'='1'; --"
    if c == 11:
        return "\u202e\ufeff\u200b" + rand_word(rng)
    if c == 12:
        return "%00%0d%0a%FF%FE"
    if c == 13:
        return "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 200)))
    if c == 14:
        return "${jndi:ldap://127.0.0.1/x}"
    return str(uuid.UUID(int=rng.getrandbits(128)))


HOSTILE_NUMBERS = ["-1", "0", "-0", "9223372036854775808", "-9223372036854775809", "1e309",
                   "-1e309", "1e-400", "2147483648", "4294967296", "3.999999999999999999999",
                   "1" + "0" * 400, "0.5", "1E+2", "-2147483649", "NaN", "Infinity", "0x10"]


def hostile_value(rng):
    c = rng.randrange(10)
    if c < 4:
        return hostile_string(rng)
    if c < 6:
        return Raw(rng.choice(HOSTILE_NUMBERS))
    if c == 6:  # wrong type
        return rng.choice([[], {}, True, False, None, 12, [1, "a", None], {"$ne": None}, "12",
                           {"nested": {"deeper": [1, 2, {"x": "\u0000"}]}}])
    if c == 7:
        n = rng.choice([2000, 3000, 5000])
        return Raw("[" * n + "]" * n) if rng.random() < 0.5 else Raw('{"a":' * n + "1" + "}" * n)
    if c == 8:
        return [hostile_string(rng) for _ in range(rng.randint(1, 50))]
    return Raw(rng.choice(['"unterminated', "tru", "[1,]", "{,}", "'single'", "undefined", "01"]))


PATH_HOSTILE = [
    "%00", "a%00b", "%0d%0a", "x%0D%0ASet-Cookie:%20a=b", "..%2F..%2Fetc%2Fpasswd", "..%2f",
    "%2e%2e", "..", ".", "%FF%FE", "%C0%AE%C0%AE", "%", "%zz", "%u0000", "%ED%A0%80",
    "00000000-0000-0000-0000-000000000000", "12345678-1234-1234-1234-12345678901Z",
    "not-a-uuid", "-1", "9223372036854775808", "1e309", "%E2%80%AE", "%F0%9F%99%82", ";a=b",
    "~", "*", "%20", "+", "%2B", "NaN", "%7B%7D", "%3Cscript%3E", "a%2Fb", "%5C..%5C",
]


def pq(value):
    """Percent-encodes everything but unreserved characters; lone surrogates become their
    (invalid) UTF-8 bytes, %ED%A0%80 and the like."""
    return urllib.parse.quote(str(value).encode("utf-8", "surrogatepass"), safe="")


def path_value(rng, kind, write):
    """A value for a path parameter: a real id about half the time, else a hostile or random one."""
    pools = S.write if write else S.read
    c = rng.random()
    if c < 0.5 and pools.get(kind):
        return pq(rng.choice(pools[kind]))
    if c < 0.55 and kind == "course" and S.read["slug"] and not write:
        return pq(rng.choice(S.read["slug"]))
    if c < 0.7:
        # random values: any per-value server-side state would grow with them
        if kind in ("tutorial", "number", "slug"):
            return rand_word(rng) + "-" + uuid.UUID(int=rng.getrandbits(128)).hex[:12]
        return str(uuid.UUID(int=rng.getrandbits(128)))
    if c < 0.75:
        return "A" * rng.randint(10000, 12000)
    if c < 0.8:
        return pq(hostile_string(rng)[:3000])
    return rng.choice(PATH_HOSTILE)


PARAM_KIND = {"courseId": "course", "lessonId": "lesson", "quizId": "quiz", "userId": "user",
              "number": "number", "tutorialId": "tutorial", "idOrSlug": "course"}


def param_kind(path, name):
    if name in PARAM_KIND:
        return PARAM_KIND[name]
    # {id}: by the segment before it
    seg = path.split("/{" + name + "}")[0].rsplit("/", 1)[-1]
    return {"certificates": "certificate", "users": "user", "attempts": "attempt",
            "courses": "course", "enrollments": "enrollment", "files": "file", "lessons": "lesson",
            "questions": "question", "quizzes": "quiz"}.get(seg, "course")


QUERY_VALID = {
    "page": ["0", "1", "2"], "size": ["1", "10", "20", "100"], "q": ["lectern", "course",
    '"getting started"', "-draft lectern", "basics"], "role": ["student", "instructor", "admin"],
    "active": ["true", "false"], "status": ["valid", "revoked", "active", "dropped", "completed",
    "in_progress", "submitted", "graded"], "sort": ["newest", "title", "hardest", "order"],
    "difficulty": ["beginner", "intermediate", "advanced"], "category": ["platform", "soak"],
    "published": ["true", "false"], "days": ["1", "7", "30", "366"],
}
QUERY_HOSTILE = ["%00", "a%00b", "%0d%0a", "x%0D%0AX-Injected:%201", "-1", "0", "9223372036854775808",
                 "-9223372036854775809", "1e309", "NaN", "%FF%FE", "%", "%zz", "..%2F..%2F",
                 "%ED%A0%80", "%E2%80%AE", "a%26b%3Dc", "%22%27%3C%3E", "true%00", "%20%20",
                 "%2A%7C%26%21%28", "2147483648", "3.5", ""]


def query_value(rng, name):
    c = rng.random()
    kind = {"courseId": "course", "studentId": "user", "instructorId": "user", "userId": "user"}.get(name)
    if c < 0.45:
        if kind and S.read.get(kind):
            return pq(rng.choice(S.read[kind]))
        if name in QUERY_VALID:
            return pq(rng.choice(QUERY_VALID[name]))
        return rand_word(rng)
    if c < 0.6:  # random values: per-value state would grow
        return rand_word(rng) + str(rng.getrandbits(32)) if rng.random() < 0.5 else \
            str(uuid.UUID(int=rng.getrandbits(128)))
    if c < 0.65:
        return "q" * rng.randint(10000, 12000)
    if c < 0.72:
        return pq(hostile_string(rng)[:3000])
    return rng.choice(QUERY_HOSTILE)


def build_query(rng, names):
    items = []
    for name in names:
        if rng.random() < 0.6:
            items.append(f"{name}={query_value(rng, name)}")
    if rng.random() < 0.25:  # unknown and repeated parameters
        for _ in range(rng.randint(1, 4)):
            items.append(f"{rand_word(rng)}{rng.getrandbits(16)}={query_value(rng, 'x')}")
    if names and rng.random() < 0.1:
        n = rng.choice(names)
        items += [f"{n}={query_value(rng, n)}" for _ in range(rng.randint(2, 5))]
    if rng.random() < 0.03:
        items.append(rng.choice(["&&&", "=", "==x", "%3D%3D", "a=b=c", "%00=%00"]))
    return ("?" + "&".join(items)) if items else ""


def now_iso(delta=0):
    return (datetime.now(timezone.utc) + timedelta(seconds=delta)).strftime("%Y-%m-%dT%H:%M:%SZ")


def pick(rng, kind, write=False):
    pool = (S.write if write else S.read).get(kind) or []
    return rng.choice(pool) if pool else str(uuid.UUID(int=rng.getrandbits(128)))


def valid_body(rng, method, path, schema):
    """A plausible valid JSON body for the operation (the document's schemas are mostly bare
    objects, so the fields come from the README)."""
    p = path.replace("/api/v1", "").replace("/v1/tutorials", "/tutorials")
    email = f"soak-{rand_word(rng)}-{rng.getrandbits(40)}@soak.test"
    if p == "/auth/register":
        return {"email": email, "password": FRESH_PASSWORD, "fullName": "Soak " + rand_word(rng)}
    if p == "/auth/login":
        if S.victims and rng.random() < 0.5:
            v = rng.choice(S.victims)
            return {"email": v["email"], "password": rng.choice([FRESH_PASSWORD, "wrong-password"])}
        return {"email": email, "password": "wrong-" + rand_word(rng)}
    if p in ("/auth/refresh", "/auth/logout"):
        if S.refresh_tokens and rng.random() < 0.3:
            return {"refreshToken": rng.choice(S.refresh_tokens)}
        return {"refreshToken": rand_word(rng, 43)}
    if p == "/admin/users" and method == "POST":
        return {"email": email, "password": FRESH_PASSWORD, "fullName": "Soak " + rand_word(rng),
                "role": rng.choice(["student", "instructor"])}
    if p.startswith("/admin/users/"):
        return {k: v for k, v in (("role", rng.choice(["student", "instructor"])),
                                  ("active", rng.random() < 0.8), ("fullName", "Soak " + rand_word(rng)))
                if rng.random() < 0.6}
    if p.endswith("/revoke"):
        return {"reason": "Soak test " + rand_word(rng)}
    if p.endswith("/answers") or p.endswith("/submit"):
        answers = [{"questionId": pick(rng, "question"), "optionIds": ["yeast"]},
                   {"questionId": pick(rng, "question"), "value": True},
                   {"questionId": pick(rng, "question"), "text": "yeast"}]
        return {"answers": rng.sample(answers, rng.randint(0, 3))}
    if p == "/courses" and method == "POST":
        return {"title": "Soak " + rand_word(rng), "slug": f"soak-{rand_word(rng)}-{rng.getrandbits(24)}",
                "description": "Soak", "category": rand_word(rng), "difficulty": "beginner",
                "thumbnailUrl": "https://img.example.org/x.png", "estimatedDurationMinutes": 10,
                "metadata": {rand_word(rng): rand_word(rng)}}
    if re.fullmatch(r"/courses/\{[^}]+\}", p):
        return {"title": "Soak " + rand_word(rng), "description": rand_word(rng),
                "category": rand_word(rng), "estimatedDurationMinutes": rng.randint(1, 300)}
    if p.endswith("/lessons/order"):
        return {"parentLessonId": None, "lessonIds": rng.sample(S.write["lesson"], min(3, len(S.write["lesson"])))}
    if p.endswith("/lessons") and method == "POST":
        t = rng.choice(["text", "video", "quiz", "assignment"])
        b = {"title": "Soak " + rand_word(rng), "type": t, "preview": rng.random() < 0.5}
        if t == "video":
            b["videoUrl"] = "https://videos.example.org/" + rand_word(rng) + ".mp4"
        if rng.random() < 0.3:
            b["parentLessonId"] = pick(rng, "lesson", True)
        return b
    if re.fullmatch(r"/lessons/\{[^}]+\}", p):
        return {"title": "Soak " + rand_word(rng), "preview": rng.random() < 0.5}
    if p.endswith("/quiz") and "/lessons/" in p:
        return {"title": "Soak quiz", "passingScore": rng.randint(0, 100), "timeLimitSeconds": 600,
                "maxAttempts": 1000, "published": rng.random() < 0.5}
    if p.endswith("/heartbeat"):
        return {"seconds": rng.randint(1, 300), "positionSeconds": rng.randint(0, 3000)}
    if p.endswith("/complete") and "/enrollments/" in p:
        return {"score": rng.randint(0, 100)}
    if p.endswith("/progress/sync"):
        return {"events": [{"eventId": str(uuid.UUID(int=rng.getrandbits(128))),
                            "lessonId": pick(rng, "lesson"),
                            "type": rng.choice(["start", "heartbeat", "complete"]),
                            "seconds": rng.randint(1, 60), "positionSeconds": rng.randint(0, 600),
                            "occurredAt": now_iso(-rng.randint(0, 3600))}
                           for _ in range(rng.randint(1, 20))]}
    if p.endswith("/review"):
        return {"rating": rng.randint(1, 5), "review": "A perfectly reasonable soak review."}
    if p.startswith("/questions/"):
        return {"text": "Soak question " + rand_word(rng), "points": rng.randint(1, 5)}
    if p.endswith("/questions") and method == "POST":
        return {"type": "true_false", "text": "Soak?", "correctAnswer": True, "points": 1}
    if p.endswith("/questions/order"):
        return {"questionIds": list(S.write["question"])}
    if "/overrides/" in p:
        return {"extraTimeSeconds": rng.randint(0, 600), "extraAttempts": rng.randint(0, 3)}
    if p.endswith("/tutorials/progress/import"):
        recs = [{"tutorialId": f"soak-imp-{rand_word(rng)}", "userId": "anonymous",
                 "totalChapters": 4,
                 "chapterProgress": [{"chapterId": "c1", "watchTime": 120.5, "completed": True,
                                      "lastPosition": 120}],
                 "quizScores": [{"quizId": "q1", "score": 8, "maxScore": 10, "passed": True}]}
                for _ in range(rng.randint(1, 5))]
        return recs if rng.random() < 0.5 else {"records": recs}
    if p.endswith("/chapter"):
        return {"userId": None, "chapterId": "c" + str(rng.randint(1, 20)),
                "watchTime": rng.randint(0, 3600), "completed": rng.random() < 0.5,
                "lastPosition": rng.randint(0, 3600), "totalChapters": rng.randint(1, 20)}
    if p.endswith("/quiz") and "/tutorials/" in p:
        return {"quizId": "q" + str(rng.randint(1, 5)), "score": 8, "maxScore": 10, "passed": True}
    if p.endswith("/complete") and "/tutorials/" in p:
        return {"tutorialTitle": "Soak " + rand_word(rng), "difficulty": "beginner", "durationMinutes": 10}
    if p.startswith("/tutorials/progress/") and method == "DELETE":
        return {"userId": None}
    if p == "/users/me":
        b = {"fullName": "Soak " + rand_word(rng)}
        if rng.random() < 0.1:
            b.update(currentPassword="not-the-password", newPassword="soak-new-password")
        return b
    # generic: the schema's properties, else an empty object
    props = (schema or {}).get("properties") or {}
    out = {}
    for k, s in props.items():
        t = (s or {}).get("type")
        out[k] = {"integer": 1, "number": 1.5, "boolean": True, "array": [], "object": {}}.get(t, rand_word(rng))
    return out


def mutate_body(rng, body):
    """Replace some fields with hostile values, add unknown fields, or replace the whole body."""
    c = rng.random()
    if c < 0.12:
        return hostile_value(rng)  # wrong top-level type, raw garbage or deep nesting
    if isinstance(body, list):
        body = {"records": body}
    body = dict(body)
    keys = list(body) or ["x"]
    for _ in range(rng.randint(1, 3)):
        k = rng.choice(keys)
        if isinstance(body.get(k), list) and body[k] and isinstance(body[k][0], dict) and rng.random() < 0.5:
            inner = dict(body[k][0])
            ik = rng.choice(list(inner) or ["x"])
            inner[ik] = hostile_value(rng)
            body[k] = [inner] + body[k][1:]
        else:
            body[k] = hostile_value(rng)
    if rng.random() < 0.3:
        for _ in range(rng.randint(1, 5)):
            body[f"{rand_word(rng)}{rng.getrandbits(16)}"] = hostile_value(rng)
    return body


def encode_body(rng, body):
    text = to_json(body)
    c = rng.random()
    if c < 0.03:
        return text.encode("utf-8", "surrogatepass")  # raw (invalid UTF-8) surrogates
    if c < 0.05:
        return b"\xff\xfe" + text.encode("utf-16-le", "surrogatepass")
    if c < 0.07:
        return text.encode()[: max(1, len(text) // 2)]  # truncated
    if c < 0.09:
        return text.encode() + b" trailing garbage }"
    if c < 0.1:
        return b"\xef\xbb\xbf" + text.encode()  # BOM
    if c < 0.11:
        return b"\x00" * rng.randint(1, 100)
    return text.encode("ascii")


CONTENT_TYPES = ["application/json", "application/json", "application/json", "application/json",
                 "application/json; charset=utf-8", None, "text/plain",
                 "application/x-www-form-urlencoded", "application/xml", "application/json; charset=utf-16",
                 "application/problem+json", "multipart/form-data", "multipart/form-data; boundary=",
                 "application/json; charset=bogus", "application/vnd.api+json", "*/*", "json",
                 "application/json\u0000", "text/html; charset=\u00e9"]
ACCEPTS = [None, None, None, "application/json", "*/*", "application/problem+json", "text/html",
           "application/xml", "garbage/!!", "image/png", "application/json;q=0"]
FAKE_JWT_NONE = ("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJsZWN0ZXJuIiwic3ViIjoiMDAwMDAwMDAt"
                 "MDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwIiwidXBuIjoiYWRtaW5AbGVjdGVybi5sb2NhbCIsImdyb3Vw"
                 "cyI6WyJhZG1pbiJdLCJleHAiOjQxMDI0NDQ4MDB9.")


def forged_auth(rng):
    real = S.principals.get("admin", {}).get("token") or "a.b.c"
    stud = S.principals.get("student", {}).get("token") or "a.b.c"
    c = rng.randrange(12)
    if c == 0:
        return "Bearer " + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(40))
    if c == 1:
        return "Bearer " + FAKE_JWT_NONE
    if c == 2:  # the admin's token with a flipped signature byte
        sig = real[-10:]
        return "Bearer " + real[:-10] + sig[::-1]
    if c == 3:  # the student's signature on an admin payload
        h, _, s = stud.split(".") if stud.count(".") == 2 else ("a", "b", "c")
        _, p, _ = FAKE_JWT_NONE.split(".")
        return f"Bearer {h}.{p}.{s}"
    if c == 4:
        return "Bearer " + "A" * rng.randint(10000, 16000)
    if c == 5:
        return "Bearer "
    if c == 6:
        return "Basic YWRtaW5AbGVjdGVybi5sb2NhbDphZG1pbi1kZW1vLXBhc3M="
    if c == 7:
        return "Bearer " + real[:20] + "\u0000" + real[20:]
    if c == 8:
        return "Bearer a.b.c"
    if c == 9:
        return "bearer " + "e30." * 50
    if c == 10:
        return "Bearer " + real + " " + real
    return "Bearer ..."


PRINCIPALS = ["anonymous", "student", "student2", "instructor", "admin", "forged"]


def build_request(rng, op, principal):
    """Returns a dict with method, path, headers, body or chunked, and a label for the report."""
    method, tpl = op["method"], op["path"]
    write = method != "GET"
    if method == "POST" and tpl.endswith("/{courseId}/enrollments"):
        write = False  # enrolling in the demo course is harmless
    path = tpl
    for name in op["path_params"]:
        path = path.replace("{" + name + "}", path_value(rng, param_kind(tpl, name), write), 1)
    path += build_query(rng, op["query"])
    headers = {}
    acc = rng.choice(ACCEPTS) if rng.random() < 0.3 else "application/json"
    if acc:
        headers["Accept"] = acc
    if principal == "forged":
        headers["Authorization"] = forged_auth(rng)
    elif principal != "anonymous":
        tok = token_of(principal)
        if tok:
            headers["Authorization"] = "Bearer " + tok
    if rng.random() < 0.05:
        headers["X-Forwarded-For"] = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(256)}"
    if rng.random() < 0.03:
        headers["Origin"] = rng.choice(["http://localhost:3000", "http://evil.example", "null"])
    req = {"method": method, "path": path, "headers": headers, "body": None, "chunked": None,
           "label": f"{method} {tpl}", "json_size": 0}

    if "multipart/form-data" in op["body_types"]:
        req["body"], ctype = hostile_multipart(rng)
        if ctype:
            headers["Content-Type"] = ctype
        return req
    if op["body_types"] or method in ("POST", "PUT", "PATCH") or rng.random() < 0.05:
        body = valid_body(rng, method, tpl, op["schema"])
        if rng.random() < 0.7:
            body = mutate_body(rng, body)
        data = encode_body(rng, body)
        ctype = rng.choice(CONTENT_TYPES) if rng.random() < 0.25 else "application/json"
        if rng.random() < 0.05:
            data = b""
        if ctype:
            headers["Content-Type"] = ctype
        req["body"] = data
        if ctype and "json" in ctype:
            req["json_size"] = len(data)
    return req


PROBE_TARGETS = [  # otherwise valid requests: only the body's size is wrong
    ("POST", "/api/v1/auth/register", None),
    ("POST", "/api/v1/auth/login", None),
    ("POST", "/api/v1/tutorials/progress/import", "student"),
    ("POST", "/v1/tutorials/progress/soak-tut-1/chapter", "student2"),
    ("PATCH", "/api/v1/users/me", "student2"),
    ("POST", "/api/v1/courses", "instructor"),
]


def probe_request(rng, special):
    """A body-limit probe: a JSON body over LMS_MAX_JSON_BYTES, sent chunked (2-5 MB, no
    Content-Length) or with its Content-Length (up to 3 MB), on an otherwise valid request, so
    any answer but 413 means the server read the body. Now and then a 2-5 MB chunked upload."""
    if special == "chunked" and rng.random() < 0.2:
        method, path, principal = "POST", "/api/v1/files", "student"
        size = rng.randint(2 << 20, 5 << 20)
        blob, boundary = multipart([("file", "big.txt", "text/plain", b"soak " * (size // 5)),
                                    ("folder", None, None, b"soak")])
        ctype, json_size = f"multipart/form-data; boundary={boundary}", 0
    else:
        method, path, principal = rng.choice(PROBE_TARGETS)
        size = rng.randint(2 << 20, 5 << 20) if special == "chunked" else \
            rng.randint(MAX_JSON_BYTES + 1, 3 << 20)
        blob = big_json(rng, size, rng.choice(["A", "\\u0000", "\\ud800", "x"]))
        ctype, json_size = "application/json", len(blob)
    headers = {"Accept": "application/json", "Content-Type": ctype}
    tok = token_of(principal) if principal else None
    if tok:
        headers["Authorization"] = "Bearer " + tok
    req = {"method": method, "path": path, "headers": headers, "body": None, "chunked": None,
           "label": f"{method} {path} [{special} {len(blob) // 1024} KB]", "json_size": json_size}
    if special == "chunked":
        step = 64 * 1024
        req["chunked"] = [blob[i:i + step] for i in range(0, len(blob), step)]
    else:
        req["body"] = blob
    return req, principal or "anonymous"


def big_json(rng, size, filler):
    c = rng.randrange(3)
    if c == 0:  # one huge string
        n = max(1, size // len(filler))
        return ('{"title":"' + filler * n + '","email":"a@b.c","password":"p","fullName":"x"}').encode()
    if c == 1:  # many records
        rec = '{"tutorialId":"t","chapterProgress":[{"chapterId":"c","watchTime":1}]}'
        return ("[" + ",".join([rec] * max(1, size // (len(rec) + 1))) + "]").encode()
    n = max(1, size // 2)  # deep nesting
    return ("[" * n + "]" * n).encode()


def hostile_multipart(rng):
    c = rng.randrange(10)
    name = rng.choice(["notes.txt", "../../../etc/passwd", "a\u0000b.txt", "x" * 5000 + ".pdf",
                       "évil\r\nX: y.txt", "photo.png", "", "..\\..\\boot.ini"])
    data = rng.choice([b"soak notes\n", b"\x89PNG\r\n\x1a\n" + os.urandom(64), b"%PDF-1.4\n%...",
                       b"", b"\x00" * 100, os.urandom(1024), b"MZ\x90\x00" + os.urandom(200)])
    folder = rng.choice([b"soak", b"../../etc", b"a/b/c/d/e/f/g", b"x\x00y", b"" , b"q" * 3000,
                         "dossier/é".encode()])
    public = rng.choice([b"true", b"false", b"maybe", b"", b"1"])
    if c == 0:
        return b"--nope\r\n\r\n", "multipart/form-data; boundary=other"
    if c == 1:
        return os.urandom(512), "multipart/form-data"
    if c == 2:
        body, b = multipart([("folder", None, None, folder)])  # no file part
        return body, f"multipart/form-data; boundary={b}"
    if c == 3:
        body, b = multipart([("file", name, "application/pdf", data)])
        return body, "application/json"
    if c == 4:
        body, b = multipart([("file", name, None, data)] * rng.randint(2, 5))
        return body, f"multipart/form-data; boundary={b}"
    body, b = multipart([("file", name, rng.choice(["text/plain", "application/pdf", "image/png", None]),
                          data), ("folder", None, None, folder), ("public", None, None, public)])
    return body, f"multipart/form-data; boundary={b}"


def junk_request(rng, principal):
    segs = []
    for _ in range(rng.randint(1, 6)):
        c = rng.random()
        if c < 0.4:
            segs.append(rand_word(rng))
        elif c < 0.7:
            segs.append(str(uuid.UUID(int=rng.getrandbits(128))))
        elif c < 0.85:
            segs.append(rng.choice(["courses", "lessons", "admin", "users", "enrollments", "quizzes",
                                    "files", "me", "progress", "certificates"]))
        else:
            segs.append(rng.choice(PATH_HOSTILE))
    base = rng.choice(["/api/v1/", "/api/v1/", "/api/v1/", "/v1/tutorials/progress/", "/api/v1/courses/"])
    method = rng.choice(["GET", "GET", "POST", "PUT", "PATCH", "DELETE"])
    op = {"method": method, "path": base + "/".join(segs), "path_params": [],
          "query": ["page", "size", rand_word(rng)], "body_types": [], "schema": None}
    req = build_request(rng, op, principal)
    req["label"] = f"{method} <junk path>"
    return req


def wrong_method_request(rng, ops, principal):
    by_path = {}
    for op in ops:
        by_path.setdefault(op["path"], set()).add(op["method"])
    path = rng.choice(sorted(by_path))
    missing = [m for m in ("GET", "POST", "PUT", "PATCH", "DELETE") if m not in by_path[path]]
    if not missing:
        return None
    method = rng.choice(missing)
    src = next(op for op in ops if op["path"] == path)
    op = dict(src, method=method)
    req = build_request(rng, op, principal)
    req["label"] = f"{method} {path} [undocumented method]"
    return req


# ---------------------------------------------------------------------------------------------
# the hostile phase


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.sent = 0
        self.by_class = {}
        self.by_status = {}
        self.five_xx = 0
        self.five_xx_examples = []
        self.non_problem = 0
        self.non_problem_examples = []
        self.page_404 = 0  # the documented HTML 404 of the /verify/{number} page
        self.conn_errors = 0
        self.conn_error_examples = []
        self.timeouts = 0
        self.client_errors = 0
        self.signatures = {"5xx": {}, "non-problem": {}, "connection": {}}
        self.gen_errors = 0
        self.client_error_examples = []
        self.oversize_total = 0
        self.oversize_not_413 = 0
        self.oversize_examples = []
        self.coverage = set()
        self.latencies = []
        self.failures_file = open(os.path.join(RUN_DIR, "failures.jsonl"), "w")
        self.failures_written = 0


ST = Stats()


def short(path, n=160):
    return path if len(path) <= n else path[:n] + f"...({len(path)} chars)"


def signature(kind, req, status, ctype, text):
    """Groups failures of one kind: 5xx by operation, non-problem errors by status, media type and
    the start of the body, connection errors by operation and error type."""
    if kind == "5xx":
        return f"{status} {req['label']}"
    if kind == "connection":
        return f"{req['label']}: {text.split(':')[0]}"
    start = re.sub(r"[0-9a-fA-F-]{36}|\d+", "#", " ".join(text[:40].split()))
    return f"{status} {ctype.split(';')[0] or '(no content type)'}: {start}"


def add_example(kind, sig, examples, example):
    counts = ST.signatures[kind]
    if counts.get(sig, 0) < 2 and len(examples) < EXAMPLES:
        examples.append(example)  # at most two examples per signature: variety over repetition
    counts[sig] = counts.get(sig, 0) + 1


def record(req, principal, r):
    status = r.status
    ex = {"method": req["method"], "path": short(req["path"]), "op": req["label"],
          "principal": principal}
    failure = None
    with ST.lock:
        if status is None and (r.error or "").startswith("client:"):
            ST.client_errors += 1  # never sent: counted apart
            if len(ST.client_error_examples) < 5:
                ST.client_error_examples.append(dict(ex, error=r.error))
            return
        ST.sent += 1
        ST.latencies.append(r.elapsed)
        if status is None:
            ST.conn_errors += 1
            if "timed out" in (r.error or "") or "Timeout" in (r.error or ""):
                ST.timeouts += 1
            add_example("connection", signature("connection", req, None, "", r.error or ""),
                        ST.conn_error_examples, dict(ex, error=r.error))
            failure = dict(ex, kind="connection", error=r.error)
        else:
            cls = f"{status // 100}xx"
            ST.by_class[cls] = ST.by_class.get(cls, 0) + 1
            ST.by_status[str(status)] = ST.by_status.get(str(status), 0) + 1
            body = r.body[:200].decode("utf-8", "replace")
            if status >= 500:
                ST.five_xx += 1
                add_example("5xx", signature("5xx", req, status, r.ctype, body),
                            ST.five_xx_examples, dict(ex, status=status, body=body))
                failure = dict(ex, kind="5xx", status=status, body=body)
            if status >= 400 and not r.ctype.lower().startswith("application/problem+json"):
                if (req["path"].startswith("/verify/") and status == 404
                        and r.ctype.lower().startswith("text/html")
                        and "content-security-policy" in r.headers):
                    ST.page_404 += 1  # the page's own documented "unknown number" page
                else:
                    ST.non_problem += 1
                    add_example("non-problem", signature("non-problem", req, status, r.ctype, body),
                                ST.non_problem_examples,
                                dict(ex, status=status, contentType=r.ctype, body=body))
                    failure = failure or dict(ex, kind="non-problem", status=status,
                                              contentType=r.ctype, body=body)
        size = req["json_size"]
        if size > MAX_JSON_BYTES:
            ST.oversize_total += 1
            if status is not None and status != 413:
                ST.oversize_not_413 += 1
                if len(ST.oversize_examples) < EXAMPLES:
                    ST.oversize_examples.append(dict(ex, status=status, bytes=size,
                                                     body=r.body[:200].decode("utf-8", "replace")))
        if failure and ST.failures_written < 5000:
            ST.failures_file.write(json.dumps(failure) + "\n")
            ST.failures_written += 1


def plan(ops, n, rng):
    """The request schedule: every operation with every principal in turn, junk paths and
    undocumented methods mixed in, and a few chunked and oversize bodies at random positions."""
    big = max(4, n // 400)
    specials = {}
    for i in rng.sample(range(n), min(n, 2 * big)):
        specials[i] = "chunked" if len(specials) % 2 == 0 else "oversize"
    out = []
    rounds = 0
    while len(out) < n:
        order = list(range(len(ops)))
        rng.shuffle(order)
        for j, k in enumerate(order):
            if len(out) >= n:
                break
            principal = PRINCIPALS[(rounds + k) % len(PRINCIPALS)]
            i = len(out)
            if i in specials:
                out.append(("probe", None, None, specials[i]))
                continue
            c = rng.random()
            if c < 0.07:
                out.append(("junk", None, principal, None))
            elif c < 0.10:
                out.append(("method", None, principal, None))
            else:
                out.append(("op", ops[k], principal, None))
        rounds += 1
    return out


def hostile_phase(ops):
    schedule = plan(ops, REQUESTS, random.Random(SEED))
    nxt = [0]
    lock = threading.Lock()
    progress_every = max(100, REQUESTS // 20)

    def worker():
        while True:
            with lock:
                i = nxt[0]
                if i >= len(schedule) or time.monotonic() > HOSTILE_DEADLINE or STOP_REASON[0]:
                    return
                nxt[0] += 1
            kind, op, principal, special = schedule[i]
            rng = random.Random(SEED * 1_000_003 + i)
            try:
                if kind == "junk":
                    req = junk_request(rng, principal)
                elif kind == "method":
                    req = wrong_method_request(rng, ops, principal) or junk_request(rng, principal)
                elif kind == "probe":
                    req, principal = probe_request(rng, special)
                else:
                    req = build_request(rng, op, principal)
            except Exception:
                with ST.lock:
                    ST.gen_errors += 1
                    if ST.gen_errors <= 3:
                        log("request generation failed (a bug of soak.py):\n" + traceback.format_exc())
                continue
            r = send(req["method"], req["path"], req["headers"], req["body"], req["chunked"])
            record(req, principal, r)
            if kind == "op":
                with ST.lock:
                    ST.coverage.add((op["method"], op["path"], principal))
            if (req["label"] == "POST /api/v1/auth/logout-all" and principal in S.principals
                    and r.status == 204):
                login_principal(principal)  # its sign-ins were revoked; sign in again
            if (i + 1) % progress_every == 0:
                with ST.lock:
                    log(f"{ST.sent} sent: {dict(sorted(ST.by_class.items()))}, {ST.five_xx} 5xx, "
                        f"{ST.non_problem} non-problem, {ST.conn_errors} connection errors")

    threads = [threading.Thread(target=worker, name=f"soak-{k}", daemon=True) for k in range(CONCURRENCY)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(max(1.0, HARD_DEADLINE - time.monotonic()))
    if nxt[0] < len(schedule):
        if not STOP_REASON[0]:
            STOP_REASON[0] = "SOAK_SECONDS reached"
        log(f"hostile phase stopped ({STOP_REASON[0]}) after {nxt[0]} of {len(schedule)} requests")
    return nxt[0] >= len(schedule)


STOP_REASON = [None]  # set when the hostile phase ends before its last request
UNRESPONSIVE_POLLS = 5


class HealthPoller(threading.Thread):
    def __init__(self):
        super().__init__(name="health", daemon=True)
        self.stop = threading.Event()
        self.samples = []  # (seconds, status or error)

    def run(self):
        while not self.stop.is_set() and time.monotonic() < HARD_DEADLINE:
            t = time.monotonic()
            r = send("GET", "/health/ready", {"Accept": "application/json"}, timeout=30)
            # a poll without an answer (timeout, refused, reset) counts as the 30 s timeout
            lat = r.elapsed if r.status is not None else 30.0
            self.samples.append((lat, r.status if r.status is not None else r.error))
            last = self.samples[-UNRESPONSIVE_POLLS:]
            if len(last) == UNRESPONSIVE_POLLS and all(x[1] != 200 for x in last) and not STOP_REASON[0]:
                STOP_REASON[0] = f"server unresponsive: the last {UNRESPONSIVE_POLLS} health polls failed"
                log("hostile phase stops early: " + STOP_REASON[0])
            self.stop.wait(max(0.0, 1.0 - (time.monotonic() - t)))


def pct(values, q):
    if not values:
        return None
    v = sorted(values)
    return v[min(len(v) - 1, int(q * len(v)))]


# ---------------------------------------------------------------------------------------------
# the normal flow


def normal_flow():
    steps = []
    ctx = {}

    def step(name, expected, r, extract=None):
        ok = r.status == expected
        entry = {"step": name, "expected": expected, "status": r.status, "ok": ok}
        if not ok:
            entry["body"] = (r.error or r.body[:300].decode("utf-8", "replace"))
        steps.append(entry)
        if ok and extract:
            try:
                extract(r.json() or {})
            except Exception as e:
                entry.update(ok=False, body=f"unexpected reply: {e}")
        return entry["ok"]

    email = f"soak-flow-{RUN_TAG}@soak.test"
    tok = None
    ok = step("register", 201, api("POST", "/api/v1/auth/register",
                                   body={"email": email, "password": FRESH_PASSWORD, "fullName": "Flow Student"}))
    if ok:
        ok = step("login", 200, api("POST", "/api/v1/auth/login",
                                    body={"email": email, "password": FRESH_PASSWORD}),
                  lambda j: ctx.update(token=j["accessToken"]))
        tok = ctx.get("token")
    if ok:
        ok = step("catalogue", 200, api("GET", "/api/v1/courses?size=10"))
    if ok:
        ok = step("demo course", 200, api("GET", f"/api/v1/courses/{DEMO_COURSE_SLUG}"),
                  lambda j: ctx.update(course=j["id"], lesson=lesson_ids(j["lessons"])[0]))
    if ok:
        ok = step("enrol", 201, api("POST", f"/api/v1/courses/{ctx['course']}/enrollments", tok),
                  lambda j: ctx.update(enrollment=j["id"]))
    if ok:
        ok = step("start lesson", 200, api(
            "POST", f"/api/v1/enrollments/{ctx['enrollment']}/lessons/{ctx['lesson']}/start", tok))
    if ok:
        ok = step("heartbeat", 200, api(
            "POST", f"/api/v1/enrollments/{ctx['enrollment']}/lessons/{ctx['lesson']}/heartbeat", tok,
            {"seconds": 30, "positionSeconds": 30}))
    if ok:
        ok = step("progress", 200, api("GET", f"/api/v1/enrollments/{ctx['enrollment']}/progress", tok))
    if ok:
        ok = step("tutorial chapter", 200, api("POST", "/api/v1/tutorials/progress/soak-tut/chapter", tok,
                                               {"chapterId": "c1", "watchTime": 10}))
    return ok and len(steps) == 9, steps


# ---------------------------------------------------------------------------------------------


def main():
    log(f"soak: {BASE_URL}, {REQUESTS} requests, {CONCURRENCY} workers, at most {SECONDS:.0f} s, "
        f"seed {SEED}, output {os.path.abspath(RUN_DIR)}")
    ops = load_operations()
    setup()
    pid = find_server_pid()
    log(f"server JVM pid: {pid}")
    heap_before, info = heap_after_full_gc(pid)
    if heap_before is None:
        log(f"heap before: not measured ({info[:200]})")
    rss_before = rss_mb(pid)
    log(f"heap after full GC before the hostile phase: {heap_before} MB (RSS {rss_before} MB)")
    hist_before = class_histogram(pid, "class-histogram-before.txt")

    health = HealthPoller()
    health.start()
    started = time.monotonic()
    complete = hostile_phase(ops)
    hostile_s = time.monotonic() - started
    health.stop.set()
    health.join(35)
    ST.failures_file.close()
    log(f"hostile phase: {ST.sent} requests in {hostile_s:.0f} s")

    heap_after, info = heap_after_full_gc(pid)
    if heap_after is None:
        log(f"heap after: not measured ({info[:200]})")
    rss_after = rss_mb(pid)
    log(f"heap after full GC after the hostile phase: {heap_after} MB (RSS {rss_after} MB)")
    hist_after = class_histogram(pid, "class-histogram-after.txt")

    if remaining() > 10:
        flow_ok, flow_steps = normal_flow()
    else:
        flow_ok, flow_steps = False, [{"step": "register", "expected": 201, "status": None, "ok": False,
                                       "body": "not run: SOAK_SECONDS reached"}]

    lat = [s[0] for s in health.samples]
    health_bad = [s for s in health.samples if s[1] != 200]
    documented = {(op["method"], op["path"]) for op in ops}
    covered_ops = {(m, p) for m, p, _ in ST.coverage}
    summary = {
        "baseUrl": BASE_URL,
        "seed": SEED,
        "requestsPlanned": REQUESTS,
        "requestsSent": ST.sent,
        "completed": complete,
        "concurrency": CONCURRENCY,
        "hostileSeconds": round(hostile_s, 1),
        "operations": len(ops),
        "operationsCovered": len(covered_ops & documented),
        "operationPrincipalPairsCovered": len(ST.coverage),
        "operationPrincipalPairs": len(ops) * len(PRINCIPALS),
        "responsesByClass": dict(sorted(ST.by_class.items())),
        "responsesByStatus": dict(sorted(ST.by_status.items())),
        "fiveXx": ST.five_xx,
        "fiveXxBySignature": top_signatures("5xx"),
        "fiveXxExamples": ST.five_xx_examples,
        "nonProblemErrors": ST.non_problem,
        "nonProblemBySignature": top_signatures("non-problem"),
        "nonProblemErrorExamples": ST.non_problem_examples,
        "verifyPageHtml404": ST.page_404,
        "connectionErrors": ST.conn_errors,
        "connectionErrorsBySignature": top_signatures("connection"),
        "connectionTimeouts": ST.timeouts,
        "connectionErrorExamples": ST.conn_error_examples,
        "notSentClientSide": ST.client_errors,
        "notGenerated": ST.gen_errors,
        "notSentExamples": ST.client_error_examples,
        "oversizeJsonBodies": ST.oversize_total,
        "oversizeJsonBodiesNot413": ST.oversize_not_413,
        "oversizeJsonExamples": ST.oversize_examples,
        "requestLatency": {"max": round(max(ST.latencies), 3) if ST.latencies else None,
                           "p50": round(pct(ST.latencies, 0.5) or 0, 3),
                           "p99": round(pct(ST.latencies, 0.99) or 0, 3)},
        "health": {"polls": len(lat), "max": round(max(lat), 3) if lat else None,
                   "p50": round(pct(lat, 0.5), 3) if lat else None,
                   "p99": round(pct(lat, 0.99), 3) if lat else None,
                   "over1s": sum(1 for x in lat if x >= 1.0),
                   "notOk": len(health_bad), "notOkExamples": [str(s[1]) for s in health_bad[:EXAMPLES]]},
        "serverPid": pid,
        "heapAfterFullGcMb": {"before": heap_before, "after": heap_after},
        "rssMb": {"before": rss_before, "after": rss_after},
        "heapTopClassesBefore": hist_before,
        "heapTopClassesAfter": hist_after,
        "hostileStoppedEarly": STOP_REASON[0],
        "normalFlow": {"ok": flow_ok, "steps": flow_steps},
        "setupNotes": S.setup_log,
        "failuresFile": os.path.join(os.path.abspath(RUN_DIR), "failures.jsonl"),
    }
    health_max = summary["health"]["max"]
    failed = []
    if ST.five_xx:
        failed.append(f"{ST.five_xx} 5xx")
    if ST.non_problem:
        failed.append(f"{ST.non_problem} error responses not application/problem+json")
    if health_max is None or health_max >= 1.0 or health_bad:
        failed.append(f"health max {health_max} s ({len(health_bad)} polls not 200)")
    if not flow_ok:
        failed.append("normal flow failed")
    summary["failed"] = failed
    summary["ok"] = not failed
    with open(os.path.join(RUN_DIR, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2, ensure_ascii=False)

    print_summary(summary)
    hb = "n/a" if heap_before is None else f"{heap_before:.0f} MB"
    ha = "n/a" if heap_after is None else f"{heap_after:.0f} MB"
    hm = "n/a" if health_max is None else f"{health_max:.2f} s"
    flow = "normal flow ok" if flow_ok else "normal flow FAILED at " + next(
        (s["step"] for s in flow_steps if not s["ok"]), "?")
    print(f"soak: {ST.sent} requests, {ST.five_xx} 5xx, {ST.non_problem} non-problem errors, "
          f"{ST.conn_errors} connection errors, health max {hm}, heap {hb} -> {ha}, {flow}"
          + ("" if not failed else " => FAIL"))
    return 0 if not failed else 1


def top_signatures(kind, n=30):
    return dict(sorted(ST.signatures[kind].items(), key=lambda kv: -kv[1])[:n])


def print_summary(s):
    print()
    print("==================== soak summary ====================")
    print(f"requests sent: {s['requestsSent']} of {s['requestsPlanned']} in {s['hostileSeconds']} s "
          f"({s['concurrency']} workers); operations covered {s['operationsCovered']}/{s['operations']}, "
          f"operation x principal pairs {s['operationPrincipalPairsCovered']}/{s['operationPrincipalPairs']}")
    print(f"responses by class: {s['responsesByClass']}")
    print(f"responses by status: {s['responsesByStatus']}")
    print(f"request latency: {s['requestLatency']}")

    def show(title, count, examples, fields, sigs=None):
        print(f"{title}: {count}")
        if sigs:
            print("  by kind (count, kind):")
            for sig, c in list(sigs.items())[:12]:
                print(f"   {c:6d}  {' '.join(sig.split())}")
            print("  examples:")
        for e in examples:
            print("   " + " | ".join(" ".join(str(e.get(k)).split()) for k in fields
                                     if e.get(k) is not None))

    show("5xx responses", s["fiveXx"], s["fiveXxExamples"], ("status", "method", "path", "principal", "body"),
         s["fiveXxBySignature"])
    show("error responses not application/problem+json", s["nonProblemErrors"],
         s["nonProblemErrorExamples"], ("status", "contentType", "method", "path", "body"),
         s["nonProblemBySignature"])
    print(f"  (documented HTML 404s of the /verify/{{number}} page, not counted: {s['verifyPageHtml404']})")
    show("connection errors (server closed/reset or timed out, no response)", s["connectionErrors"],
         s["connectionErrorExamples"], ("method", "op", "path", "error"), s["connectionErrorsBySignature"])
    show(f"JSON bodies over {MAX_JSON_BYTES} bytes not refused with 413 (of {s['oversizeJsonBodies']})",
         s["oversizeJsonBodiesNot413"], s["oversizeJsonExamples"], ("status", "op", "bytes", "body"))
    h = s["health"]
    print(f"health polls: {h['polls']}, max {h['max']} s, p50 {h['p50']} s, p99 {h['p99']} s, "
          f"{h['over1s']} over 1 s, {h['notOk']} not 200 {h['notOkExamples'][:5]}")
    print(f"heap after full GC (pid {s['serverPid']}): before {s['heapAfterFullGcMb']['before']} MB, "
          f"after {s['heapAfterFullGcMb']['after']} MB; RSS {s['rssMb']['before']} -> {s['rssMb']['after']} MB")
    if s["heapTopClassesAfter"]:
        print("largest classes on the heap after the hostile phase (class-histogram-after.txt):")
        for line in s["heapTopClassesAfter"][:6]:
            print("   " + line)
    if s["hostileStoppedEarly"]:
        print(f"hostile phase stopped early: {s['hostileStoppedEarly']}")
    print(f"normal flow: {'ok' if s['normalFlow']['ok'] else 'FAILED'}")
    for st in s["normalFlow"]["steps"]:
        print(f"   {st['step']}: {st['status']} (expected {st['expected']})"
              + ("" if st["ok"] else f" FAILED {st.get('body', '')[:200]}"))
    print(f"summary: {os.path.join(os.path.abspath(RUN_DIR), 'summary.json')}; every failure: {s['failuresFile']}")
    if s["failed"]:
        print("FAILED: " + "; ".join(s["failed"]))


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
