#!/usr/bin/env python3
"""The checks of stream-two-nodes.sh: streams open on node B, writes on node A (see the script).

Standard library only. Prints one line per check and the arrival delays; exits 1 on a failure.
"""
import http.client
import json
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlparse

A = os.environ["A_API"]
B = os.environ["B_API"]
LESSONS = int(os.environ.get("LESSONS", "10"))
DB_PORT = os.environ["DB_PORT"]
WAIT = 15.0
failures = []
started = time.monotonic()


def log(text):
    print(f"[{time.monotonic() - started:6.1f}s] {text}", flush=True)


def fail(text):
    log("FAIL: " + text)
    failures.append(text)


def call(method, url, token=None, body=None, expect=(200, 201, 204)):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            raw = answer.read()
            status = answer.status
    except urllib.error.HTTPError as e:
        raw, status = e.read(), e.code
    if status not in expect:
        raise SystemExit(f"{method} {url}: {status} {raw[:300]!r}")
    return json.loads(raw) if raw else None


def login(email, password):
    return call("POST", A + "/auth/login", body={"email": email, "password": password})["accessToken"]


class Stream:
    """An SSE reader on its own thread; messages go to a queue with their arrival time."""

    def __init__(self, url, token, last_event_id=None):
        parsed = urlparse(url)
        self.connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
        headers = {"Authorization": "Bearer " + token, "Accept": "text/event-stream"}
        if last_event_id:
            headers["Last-Event-ID"] = last_event_id
        self.connection.request("GET", parsed.path, headers=headers)
        self.response = self.connection.getresponse()
        if self.response.status != 200:
            raise SystemExit(f"stream {url}: {self.response.status} {self.response.read()[:300]!r}")
        self.messages = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        event, ident, data = None, None, None
        try:
            for raw in self.response:
                line = raw.decode().rstrip("\r\n")
                if line == "":
                    if data is not None:
                        self.messages.put((time.monotonic(), ident, event, json.loads(data)))
                    event, ident, data = None, None, None
                elif line.startswith(":"):
                    continue
                else:
                    field, _, value = line.partition(":")
                    value = value[1:] if value.startswith(" ") else value
                    if field == "id":
                        ident = value
                    elif field == "event":
                        event = value
                    elif field == "data":
                        data = value if data is None else data + "\n" + value
        except Exception:  # closed by us or by the server, or the interpreter is exiting
            pass

    def take(self, count, timeout=WAIT):
        got = []
        deadline = time.monotonic() + timeout
        while len(got) < count:
            try:
                got.append(self.messages.get(timeout=max(0.01, deadline - time.monotonic())))
            except queue.Empty:
                break
        return got

    def quiet(self, seconds=1.5):
        return self.take(10_000, seconds)

    def close(self):
        try:
            self.connection.sock.shutdown(2)
        except OSError:
            pass
        self.connection.close()


def position(ident):
    tx, seq = ident.split("-")
    return int(tx), int(seq)


def check_order(name, messages):
    ids = [m[1] for m in messages]
    event_ids = [m[3].get("id") for m in messages]
    if any(position(a) >= position(b) for a, b in zip(ids, ids[1:])):
        fail(f"{name}: ids not increasing: {ids}")
    if len(set(event_ids)) != len(event_ids):
        fail(f"{name}: an event arrived twice")


def delays_of(writes, messages, match):
    """Seconds from each write's answer on A to the arrival on B of the event it caused."""
    delays = []
    for acked, key in writes:
        arrived = [m[0] for m in messages if match(m, key)]
        if arrived:
            delays.append(arrived[0] - acked)
    return delays


def summary(delays):
    if not delays:
        return "none"
    ordered = sorted(delays)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return (f"n={len(delays)} median={statistics.median(ordered) * 1000:.0f} ms "
            f"p95={p95 * 1000:.0f} ms max={ordered[-1] * 1000:.0f} ms")


student_login = call("POST", A + "/auth/login",
                     body={"email": "student@lectern.local", "password": "student-demo-pass"})
student = student_login["accessToken"]
student_id = student_login["user"]["id"]
teacher = login("instructor@lectern.local", "instructor-demo-pass")


def course(lessons, title):
    cid = call("POST", A + "/courses", teacher, {"title": f"{title} {time.time_ns()}"})["id"]
    ids = [call("POST", f"{A}/courses/{cid}/lessons", teacher,
                {"title": f"Lesson {i + 1}", "type": "text"})["id"] for i in range(lessons)]
    call("POST", f"{A}/courses/{cid}/publish", teacher)
    return cid, ids


course_id, lessons = course(LESSONS, "Two-node stream")
second_id, second_lessons = course(3, "Two-node stream, second")

# 1. Streams on B, writes on A.
mine = Stream(B + "/me/events", student)
teaching = Stream(f"{B}/courses/{course_id}/events", teacher)
time.sleep(0.5)
writes = []
enrollment = call("POST", f"{A}/courses/{course_id}/enrollments", student)["id"]
writes.append((time.monotonic(), ("enrollment.created", None)))
for lesson in lessons:
    call("POST", f"{A}/enrollments/{enrollment}/lessons/{lesson}/complete", student, {})
    writes.append((time.monotonic(), ("lesson.completed", lesson)))

expected = ["enrollment.created"] + ["lesson.started", "lesson.completed"] * LESSONS + ["enrollment.completed"]
got = mine.take(len(expected))
types = [m[2] for m in got]
if types != expected:
    fail(f"student stream on B: expected {len(expected)} events in order, got {types}")
check_order("student stream", got)
if any(m[3]["subject"] != f"enrollment:{enrollment}" for m in got):
    fail("student stream: an event of another subject arrived")
course_expected = ["enrollment.created"] + ["lesson.completed"] * LESSONS + ["enrollment.completed"]
course_got = teaching.take(len(course_expected))
if [m[2] for m in course_got] != course_expected:
    fail(f"course stream on B: got {[m[2] for m in course_got]}")
check_order("course stream", course_got)


def caused(message, key):
    kind, lesson = key
    return message[2] == kind and (lesson is None or message[3]["data"].get("lessonId") == lesson)


student_delays = delays_of(writes, got, caused)
course_delays = delays_of(writes, course_got, caused)
if len(student_delays) == len(writes) and not failures:
    log(f"student stream on node B: {len(got)} events from {len(writes)} writes on node A, in order, once each")
log(f"delay write answered on A -> event on B (student stream): {summary(student_delays)}")
log(f"delay write answered on A -> event on B (course stream):  {summary(course_delays)}")
extra = [m[2] for m in mine.quiet()]
if [t for t in extra if t != "certificate.issued"]:
    fail(f"student stream: unexpected further events {extra}")

# 2. Both nodes lose their notification connections; events written right then still arrive.
psql = ["psql", "-X", "-q", "-t", "-A", "-h", "127.0.0.1", "-p", DB_PORT, "-U", "lms", "-d", "lms", "-c"]
killed = subprocess.run(
    psql + ["select count(pg_terminate_backend(pid)) from pg_stat_activity "
            "where query like '%pg-notification-listener%' and pid <> pg_backend_pid()"],
    env=dict(os.environ, PGPASSWORD="lms"), capture_output=True, text=True, check=True).stdout.strip()
t0 = time.monotonic()
second = call("POST", f"{A}/courses/{second_id}/enrollments", student)["id"]
# (The certificate of the completed course may still be on its way: it is not what this waits for.)
arrived = [m for m in mine.take(2, 10.0) if m[2] != "certificate.issued"][:1]
if not arrived or arrived[0][2] != "enrollment.created" or arrived[0][3]["data"]["enrollmentId"] != second:
    fail(f"after the listeners were killed: expected the enrolment on B, got {arrived}")
else:
    log(f"{killed} listening connections killed, enrolment written on A at once: "
        f"arrived on B after {(arrived[0][0] - t0) * 1000:.0f} ms")
last_id = arrived[0][1] if arrived else got[-1][1]

# 3. Away from B while A writes; back with Last-Event-ID: exactly the missed ones, then live.
mine.close()
for lesson in second_lessons[:2]:
    call("POST", f"{A}/enrollments/{second}/lessons/{lesson}/complete", student, {})
# What the student missed, from the outbox itself: every event of theirs after the last id seen.
tx, seq = position(last_id)
missed_ids = subprocess.run(
    psql + [f"select id from events.outbox where audience_user = '{student_id}' "
            f"and (tx, sequence) > ('{tx}'::xid8, {seq}) order by tx, sequence"],
    env=dict(os.environ, PGPASSWORD="lms"), capture_output=True, text=True,
    check=True).stdout.split()
back = Stream(B + "/me/events", student, last_event_id=last_id)
replayed = back.take(len(missed_ids))
if len(missed_ids) < 4 or [m[3]["id"] for m in replayed] != missed_ids or back.quiet():
    fail(f"resume on B: expected exactly {missed_ids}, got {[m[3]['id'] for m in replayed]}")
else:
    log(f"resumed on node B with Last-Event-ID: exactly the {len(missed_ids)} events of the student"
        f" written after it (the outbox's own list), {[m[2] for m in replayed]}")
t0 = time.monotonic()
call("POST", f"{A}/enrollments/{second}/lessons/{second_lessons[2]}/start", student)
live = back.take(1)
if not live or live[0][2] != "lesson.started":
    fail(f"after the resume: expected the live lesson.started, got {live}")
else:
    check_order("resumed stream", replayed + live)
    log(f"then live again: lesson.started after {(live[0][0] - t0) * 1000:.0f} ms")
back.close()
teaching.close()

if failures:
    print(f"0 passed, {len(failures)} failed")
    sys.exit(1)
log("PASS: events written on node A reach streams on node B, in order, once, also across a listener loss and a reconnection")
print("3 passed, 0 failed")
