#!/usr/bin/env python3
"""The checks of deploy/cluster/cluster.sh (standard library only).

Subcommands:
  acceptance              sign in through node1, work through node2, deactivate through node3, then
                          every node must refuse the token; shared sign-in throttle
  replica                 anonymous reads on the replica, signed-in reads on the primary; replay
                          paused: the public catalogue lags, a student's own progress does not;
                          write-to-visible lag with replay running
  failover PID N          stop node N (its process group) under load: no request may fail
  lag-sampler FILE        append the primary's view of the replica lag every 0.5 s until killed
  lag-summary FILE        the largest lag sampled, for the report
  wrk-line FILE           "rps p50 p99 errors" from a wrk output with a BENCH line
  haproxy SOCKET COMMAND  one command on HAProxy's runtime API

Environment (set by cluster.sh): CLUSTER_LB, CLUSTER_NODES, CLUSTER_PGHOST, CLUSTER_PRIMARY_PORT,
CLUSTER_REPLICA_PORT, CLUSTER_ADMIN_EMAIL, CLUSTER_ADMIN_PASSWORD. Output: Markdown for the report; exit 1 when a required check fails.
"""
import json
import os
import random
import signal
import socket
import statistics
import string
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

LB = os.environ.get("CLUSTER_LB", "http://127.0.0.1:29080")
NODES = int(os.environ.get("CLUSTER_NODES", "3"))
API = "/api/v1"
failures = []


def call(method, path, body=None, token=None, node=None, timeout=30):
    """One request through the balancer; `node` pins it. Returns (status, json or None, node)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(LB + path, data=data, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if node:
        req.add_header("X-Lectern-Node", node)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            text = r.read().decode()
            return r.status, (json.loads(text) if text else None), r.headers.get("X-Lectern-Node")
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = None
        return e.code, parsed, e.headers.get("X-Lectern-Node")


def out(line=""):
    print(line, flush=True)


def check(ok, what):
    out(f"- {'ok' if ok else 'FAIL'}: {what}")
    if not ok:
        failures.append(what)
    return ok


def login(email, password, node=None):
    status, body, served = call("POST", API + "/auth/login",
                                {"email": email, "password": password}, node=node)
    if status != 200:
        raise SystemExit(f"sign-in of {email} answered {status}: {body}")
    return body, served


def psql(port, statement):
    env = dict(os.environ, PGCONNECT_TIMEOUT="5")
    res = subprocess.run(
        ["runuser", "-u", "postgres", "--", "psql", "-X", "-h", os.environ["CLUSTER_PGHOST"],
         "-p", str(port), "-d", "lms", "-Atq", "-v", "ON_ERROR_STOP=1", "-c", statement],
        capture_output=True, text=True, env=env)
    if res.returncode != 0:
        raise RuntimeError(res.stderr.strip())
    return res.stdout.strip()


def primary(statement):
    return psql(os.environ["CLUSTER_PRIMARY_PORT"], statement)


def replica(statement):
    return psql(os.environ["CLUSTER_REPLICA_PORT"], statement)


def node_names():
    return [f"node{n}" for n in range(1, NODES + 1)]


def token_accepted_on(token, node):
    return call("GET", API + "/me/enrollments", token=token, node=node)[0]


# ----------------------------------------------------------------------------------------------
def acceptance():
    nodes = node_names()
    first, second, third = nodes[0], nodes[1], nodes[-1]
    out("## Acceptance flow through HAProxy")
    out()
    seen = {call("GET", API + "/courses?size=1")[2] for _ in range(3 * NODES)}
    check(seen == set(nodes), f"round robin reaches every node (answers came from {sorted(seen)})")

    admin, served = login(os.environ["CLUSTER_ADMIN_EMAIL"], os.environ["CLUSTER_ADMIN_PASSWORD"],
                          node=first)
    admin_token = admin["accessToken"]
    suffix = "".join(random.choices(string.ascii_lowercase, k=8))
    email, password = f"cluster-{suffix}@cluster.test", "cluster-student-pass"
    status, user, _ = call("POST", API + "/admin/users",
                           {"email": email, "password": password, "fullName": "Cluster Student",
                            "role": "student"}, admin_token, node=first)
    check(status == 201, f"admin creates a student through {first} (201, got {status})")

    signed_in, served = login(email, password, node=first)
    token = signed_in["accessToken"]
    check(served == first, f"the student signs in through {first} (served by {served})")
    accepted = {n: call("GET", API + "/users/me", token=token, node=n)[0] for n in nodes}
    check(all(s == 200 for s in accepted.values()),
          f"the token is accepted by every node (shared signing keys): {accepted}")

    status, course, _ = call("GET", API + "/courses/getting-started-with-lectern", node=second)
    check(status == 200, f"the demo course is readable through {second} ({status})")
    status, enrolment, served = call("POST", API + f"/courses/{course['id']}/enrollments",
                                     token=token, node=second)
    check(status == 201 and served == second,
          f"the student enrols through {second} (201, got {status} from {served})")
    status, detail, _ = call("GET", API + f"/enrollments/{enrolment['id']}", token=token,
                             node=second)
    lesson = detail["resume"]["lessonId"]
    base = API + f"/enrollments/{enrolment['id']}/lessons/{lesson}"
    status, _, _ = call("POST", base + "/start", None, token, node=second)
    check(status == 200, f"the student starts a lesson through {second} ({status})")
    status, beat, served = call("POST", base + "/heartbeat", {"seconds": 30, "positionSeconds": 30},
                                token, node=second)
    check(status == 200 and beat.get("acceptedSeconds") == 30 and served == second,
          f"a 30 s heartbeat through {second} is accepted ({status}, {beat})")
    status, progress, served = call("GET", API + f"/enrollments/{enrolment['id']}/progress",
                                    token=token, node=third)
    spent = next((p.get("timeSpentSeconds") for p in progress.get("lessons", [])
                  if p.get("lessonId") == lesson), None) if status == 200 else None
    check(spent == 30, f"{third} reads the progress written through {second} at once "
                       f"(time spent {spent} s, served by {served})")

    status, _, served = call("PATCH", API + f"/admin/users/{user['id']}", {"active": False},
                             admin_token, node=third)
    deactivated_at = time.monotonic()
    check(status == 200 and served == third,
          f"an admin deactivates the student through {third} ({status})")

    # The next request anywhere must be refused; poll for up to 2 s for the revocation delay.
    refused_after = {}
    deadline = deactivated_at + 2.0
    while len(refused_after) < len(nodes) and time.monotonic() < deadline:
        for n in nodes:
            asked = time.monotonic()
            if n not in refused_after and token_accepted_on(token, n) == 401:
                refused_after[n] = round((asked - deactivated_at) * 1000)
        time.sleep(0.02)
    still = {n: token_accepted_on(token, n) for n in nodes if n not in refused_after}
    check(third in refused_after, f"the node that deactivated ({third}) refuses the token at once")
    delay = max(refused_after.values()) if refused_after else None
    check(not still,
          f"every node refuses the deactivated user's access token within 2 s "
          f"(refused after ms: {refused_after}; still accepting: {still})")
    if not still:
        out(f"- revocation delay across {len(nodes)} nodes: {delay} ms (when the first request "
            f"that got 401 was sent, after the deactivation's answer; nodes polled in turn)")
    status, _, _ = call("POST", API + "/auth/refresh", {"refreshToken": signed_in["refreshToken"]},
                        node=first)
    check(status == 401, f"the refresh token is refused on {first} too ({status}; kept in the database)")
    status, _, _ = call("POST", API + "/auth/login", {"email": email, "password": password},
                        node=second)
    check(status in (401, 403), f"the deactivated user cannot sign in through {second} ({status})")

    # Sign-in throttle: LMS_LOGIN_MAX_FAILURES_ACCOUNT (5) failures spread over the nodes, then the
    # right password on yet another node must be throttled if the count is shared.
    email2 = f"cluster-throttle-{suffix}@cluster.test"
    call("POST", API + "/admin/users", {"email": email2, "password": password,
                                        "fullName": "Throttle Probe", "role": "student"},
         admin_token, node=first)
    statuses = [call("POST", API + "/auth/login", {"email": email2, "password": "wrong-password"},
                     node=nodes[i % len(nodes)])[0] for i in range(5)]
    status = call("POST", API + "/auth/login", {"email": email2, "password": password},
                  node=nodes[5 % len(nodes)])[0]
    check(status == 429,
          f"5 failed sign-ins spread over {len(nodes)} nodes ({statuses}) throttle the account on "
          f"every node (next sign-in: {status}, expected 429)")
    out()


# ----------------------------------------------------------------------------------------------
CATALOGUE_CALLS = ("select coalesce(sum(calls), 0) from pg_stat_statements "
                   "where query like '%COUNT(*) OVER ()%' and query like '%courses.courses%'")


ANALYTICS_CALLS = ("select coalesce(sum(calls), 0) from pg_stat_statements "
                   "where query like '%FROM enrollment.lesson_progress p%' "
                   "and query like '%GROUP BY p.lesson_id%'")


def replica_checks():
    out("## Read replica")
    out()
    student, _ = login("student@lectern.local", "student-demo-pass")
    token = student["accessToken"]
    instructor, _ = login("instructor@lectern.local", "instructor-demo-pass")
    teacher = instructor["accessToken"]

    # Routing, seen from the database servers: pg_stat_statements counts the catalogue query.
    p0, r0 = int(primary(CATALOGUE_CALLS)), int(replica(CATALOGUE_CALLS))
    anonymous = [call("GET", API + "/courses?q=lectern&size=5")[0] for _ in range(30)]
    p1, r1 = int(primary(CATALOGUE_CALLS)), int(replica(CATALOGUE_CALLS))
    signed = [call("GET", API + "/courses?q=lectern&size=5", token=token)[0] for _ in range(30)]
    p2, r2 = int(primary(CATALOGUE_CALLS)), int(replica(CATALOGUE_CALLS))
    check(set(anonymous) == {200} and r1 - r0 >= 30 and p1 - p0 == 0,
          f"30 anonymous catalogue searches ran on the replica (replica +{r1 - r0}, primary "
          f"+{p1 - p0} executions of the catalogue query)")
    check(set(signed) == {200} and p2 - p1 >= 30 and r2 - r1 == 0,
          f"30 signed-in catalogue searches ran on the primary (primary +{p2 - p1}, replica "
          f"+{r2 - r1})")
    demo_id = call("GET", API + "/courses/getting-started-with-lectern")[1]["id"]
    p0, r0 = int(primary(ANALYTICS_CALLS)), int(replica(ANALYTICS_CALLS))
    lessons = call("GET", API + f"/courses/{demo_id}/analytics/lessons", token=teacher)[0]
    summary = call("GET", API + f"/courses/{demo_id}/analytics/summary", token=teacher)[0]
    p1, r1 = int(primary(ANALYTICS_CALLS)), int(replica(ANALYTICS_CALLS))
    check(lessons == 200 and summary == 200 and r1 - r0 >= 2 and p1 - p0 == 0,
          f"an instructor's course analytics ran on the replica ({lessons}, {summary}; replica "
          f"+{r1 - r0}, primary +{p1 - p0} executions of the per-lesson aggregate)")
    rows = replica("select application_name || '=' || count(*) from pg_stat_activity "
                   "where application_name like 'lectern-%' group by application_name "
                   "order by 1").split()
    check(len(rows) == NODES, f"every node holds replica connections: {' '.join(rows)}")

    # Replay paused: the public catalogue lags, the signed-in views and a student's progress do not.
    replica("select pg_wal_replay_pause()")
    for _ in range(100):
        if replica("select pg_get_wal_replay_pause_state()") == "paused":
            break
        time.sleep(0.05)
    try:
        word = "probe" + "".join(random.choices(string.ascii_lowercase, k=10))
        status, course, _ = call("POST", API + "/courses",
                                 {"title": f"Replica {word}", "description": f"Lag {word}",
                                  "difficulty": "beginner", "category": "cluster"}, teacher)
        call("POST", API + f"/courses/{course['id']}/lessons", {"title": "Only", "type": "text"},
             teacher)
        status, _, _ = call("POST", API + f"/courses/{course['id']}/publish", None, teacher)
        check(status == 200, f"an instructor publishes a new course while replay is paused ({status})")
        anon_hits = call("GET", API + f"/courses?q={word}")[1]["items"]
        signed_hits = call("GET", API + f"/courses?q={word}", token=token)[1]["items"]
        anon_detail = call("GET", API + f"/courses/{course['slug']}")[0]
        signed_detail = call("GET", API + f"/courses/{course['slug']}", token=token)[0]
        check(len(anon_hits) == 0 and anon_detail == 404,
              f"anonymous visitors do not see it yet (search hits {len(anon_hits)}, detail "
              f"{anon_detail}): served by the paused replica")
        check(len(signed_hits) == 1 and signed_detail == 200,
              f"signed-in callers see it at once (search hits {len(signed_hits)}, detail "
              f"{signed_detail}): served by the primary")

        demo = call("GET", API + "/courses/getting-started-with-lectern", token=token)[1]
        status, enrolment, _ = call("POST", API + f"/courses/{demo['id']}/enrollments", token=token)
        if status == 409:
            mine = call("GET", API + "/me/enrollments?size=50", token=token)[1]["items"]
            enrolment = next(e for e in mine if e["course"]["id"] == demo["id"])
        detail = call("GET", API + f"/enrollments/{enrolment['id']}", token=token)[1]
        lesson = detail["resume"]["lessonId"]
        base = API + f"/enrollments/{enrolment['id']}/lessons/{lesson}"
        call("POST", base + "/start", None, token)

        def spent():
            progress = call("GET", API + f"/enrollments/{enrolment['id']}/progress", token=token)[1]
            return next(p["timeSpentSeconds"] for p in progress["lessons"]
                        if p["lessonId"] == lesson)

        before = spent()
        status, beat, _ = call("POST", base + "/heartbeat", {"seconds": 5, "positionSeconds": 5},
                               token)
        after = spent()
        check(status == 200 and after == before + beat["acceptedSeconds"] and beat["acceptedSeconds"] > 0,
              f"a student's own progress is current while the replica is paused "
              f"({before} s -> {after} s after a heartbeat of {beat['acceptedSeconds']} s)")
        behind = replica("select pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())")
        out(f"- WAL received but not replayed while paused: {int(float(behind))} bytes")
    finally:
        replica("select pg_wal_replay_resume()")
    resumed = time.monotonic()
    visible = None
    while time.monotonic() - resumed < 10:
        if call("GET", API + f"/courses?q={word}")[1]["items"]:
            visible = round((time.monotonic() - resumed) * 1000)
            break
        time.sleep(0.01)
    check(visible is not None, f"after replay resumes anonymous visitors see the course "
                               f"({visible} ms after the resume)")

    # Write-to-visible lag with replay running: an instructor's change, then anonymous reads.
    lags = []
    for i in range(20):
        text = f"Lag {word} {i}"
        call("PATCH", API + f"/courses/{course['id']}", {"description": text}, teacher)
        written = time.monotonic()
        while time.monotonic() - written < 5:
            if call("GET", API + f"/courses/{course['slug']}")[1].get("description") == text:
                lags.append((time.monotonic() - written) * 1000)
                break
    check(len(lags) == 20, f"every change reached the anonymous course page within 5 s "
                           f"({len(lags)} of 20)")
    if lags:
        out(f"- write-to-visible on the replica (an instructor's change, then anonymous reads polled "
            f"back to back; one read takes a few ms): median {statistics.median(lags):.1f} ms, "
            f"max {max(lags):.1f} ms")
    lag = primary("select coalesce(write_lag::text, '-') || ' / ' || coalesce(replay_lag::text, '-') "
                  "from pg_stat_replication")
    out(f"- pg_stat_replication write_lag / replay_lag after these writes: {lag}")
    out()


# ----------------------------------------------------------------------------------------------
def failover(pid, n):
    out("## Failover")
    out()
    node = f"node{n}"
    stop = threading.Event()
    results = []
    lock = threading.Lock()

    def load():
        while not stop.is_set():
            try:
                status, _, served = call("GET", API + "/courses?size=5", timeout=15)
            except Exception as e:  # connection reset and the like: a lost request
                status, served = f"error {type(e).__name__}", None
            with lock:
                results.append((status, served))

    workers = [threading.Thread(target=load) for _ in range(4)]
    for w in workers:
        w.start()
    time.sleep(2)
    os.killpg(pid, signal.SIGTERM)
    stopped_at = time.monotonic()
    exited = None
    for _ in range(600):
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            exited = time.monotonic() - stopped_at
            break
        time.sleep(0.1)
    time.sleep(3)
    stop.set()
    for w in workers:
        w.join()
    bad = [s for s, _ in results if s != 200]
    served = {}
    for _, s in results:
        served[s] = served.get(s, 0) + 1
    check(exited is not None, f"{node} stopped on SIGTERM ({exited:.1f} s)" if exited else
          f"{node} did not stop within 60 s")
    check(not bad, f"{len(results)} requests while {node} stopped, none lost "
                   f"(non-200: {len(bad)} {sorted(set(map(str, bad)))[:5]}; served by {served})")
    out()


# ----------------------------------------------------------------------------------------------
def lag_sampler(path):
    running = [True]
    signal.signal(signal.SIGTERM, lambda *_: running.__setitem__(0, False))
    with open(path, "a") as f:
        while running[0]:
            try:
                row = primary("select coalesce(extract(epoch from replay_lag), 0) || ' ' || "
                              "pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) "
                              "from pg_stat_replication")
                if row:
                    f.write(row + "\n")
                    f.flush()
            except RuntimeError:
                pass
            time.sleep(0.5)


def lag_summary(path):
    try:
        rows = [tuple(map(float, line.split())) for line in open(path) if line.strip()]
    except FileNotFoundError:
        rows = []
    if not rows:
        return "n/a"
    seconds = max(r[0] for r in rows)
    lag_bytes = max(r[1] for r in rows)
    return f"{seconds:.3f} s / {lag_bytes / 1024:.0f} kB ({len(rows)} samples)"


def wrk_line(path):
    text = open(path).read()
    line = next((l for l in text.splitlines() if l.startswith("BENCH ")), None)
    if line is None:
        return "0 0 0 999"
    f = dict(kv.split("=") for kv in line.split()[1:])
    errors = sum(int(f[k]) for k in ("errors_connect", "errors_read", "errors_write",
                                      "errors_status", "errors_timeout", "bad"))
    return f"{float(f['rps']):.0f} {float(f['p50']):.1f} {float(f['p99']):.1f} {errors}"


def haproxy(sock_path, command):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.connect(sock_path)
        s.sendall((command + "\n").encode())
        chunks = []
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks).decode()


def main():
    cmd = sys.argv[1]
    if cmd == "acceptance":
        acceptance()
    elif cmd == "replica":
        replica_checks()
    elif cmd == "failover":
        failover(int(sys.argv[2]), int(sys.argv[3]))
    elif cmd == "lag-sampler":
        lag_sampler(sys.argv[2])
        return
    elif cmd == "lag-summary":
        print(lag_summary(sys.argv[2]))
        return
    elif cmd == "wrk-line":
        print(wrk_line(sys.argv[2]))
        return
    elif cmd == "haproxy":
        sys.stdout.write(haproxy(sys.argv[2], sys.argv[3]))
        return
    else:
        raise SystemExit(f"unknown command {cmd}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
