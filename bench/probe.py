#!/usr/bin/env python3
"""Captures the SQL the server sends for one request of each scenario (standard library only).

Usage: probe.py BASE_URL SEED_DIR OUT_DIR [SCENARIO...]

PostgreSQL's statement log is switched on (ALTER SYSTEM log_statement = 'all', as the superuser
`postgres` of the embedded database; its logging collector is on from the start, see run.sh), then
each scenario's request is sent PROBES times, one at a time; after each the new log lines are read.
A request's statements are the lines logged between its start and its reply (every backend: the
request's transaction, the rate-limit counter on its own pool, anything else it triggers). The
count kept is the smallest of the probes, so a periodic job that happens to run meanwhile does not
inflate it; the notification listener's keep-alive is ignored and the outbox consumers' and webhook
dispatcher's statements the request's commit wakes are counted apart. Writes OUT_DIR/statements.tsv
(scenario, requests per probe, statements, transactions, asynchronous statements) and OUT_DIR/statements-<scenario>.log (the log lines of the smallest probe, parameters
included): the pgbench scripts in bench/pgbench/ replay these statements, and report.py shows both
counts side by side. Log_statement is switched off again at the end (also on failure).
"""
import glob
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

BASE, SEED, OUT = sys.argv[1:4]
SCENARIOS = sys.argv[4:] or ["heartbeat", "progress", "search", "course", "tutorial", "quiz"]
PROBES = int(os.environ.get("BENCH_PROBES", "3"))
tokens = [l.strip() for l in open(f"{SEED}/tokens.txt") if l.strip()]


def rows(name):
    return [l.split() for l in open(f"{SEED}/{name}") if l.strip()]


def psql(sql):
    out = subprocess.run(["psql", "-X", "-q", "-At", "-U", "postgres", "-d", "lms", "-c", sql],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return out.stdout.strip()


def call(method, path, token, body=None):
    req = urllib.request.Request(BASE + path, method=method,
                                 data=None if body is None else body.encode(),
                                 headers={"Authorization": "Bearer " + token,
                                          "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def requests(scenario, k):
    """The requests of the k-th probe of a scenario: a list of (method, path, token, body)."""
    if scenario == "heartbeat":
        r = rows("heartbeat.txt")[k]
        return [("POST", f"/api/v1/enrollments/{r[1]}/lessons/{r[2]}/heartbeat", tokens[int(r[0])],
                 '{"seconds":1,"positionSeconds":5}')]
    if scenario == "progress":
        r = rows("progress.txt")[k]
        return [("GET", f"/api/v1/enrollments/{r[1]}/progress", tokens[int(r[0])], None)]
    if scenario == "search":
        # A word that matches: the first word of a course's slug (bench-<word>-<word>-<n>).
        w = rows("courses.txt")[k][1].split("-")[1]
        return [("GET", f"/api/v1/courses?q={w}&size=20&page=0", tokens[0], None)]
    if scenario == "course":
        c = rows("courses.txt")[k]
        return [("GET", f"/api/v1/courses/{c[0]}", tokens[0], None)]
    if scenario == "tutorial":
        r = rows("tutorials.txt")[k]
        return [("POST", f"/v1/tutorials/progress/{r[1]}/chapter", tokens[int(r[0])],
                 '{"chapterId":"chapter-5","watchTime":%d,"lastPosition":3,"totalChapters":10}'
                 % (20 + k))]
    if scenario == "quiz":
        return [("QUIZ", rows("quiz.txt")[-1 - k], None, None)]
    raise ValueError(scenario)


def send(method, path, token, body):
    if method != "QUIZ":
        status, text = call(method, path, token, body)
        if status >= 300:
            raise RuntimeError(f"probe {method} {path}: {status} {text[:200]}")
        return
    student, _, quiz, submission = path[0], path[1], path[2], path[3]
    tok = tokens[int(student)]
    status, text = call("POST", f"/api/v1/quizzes/{quiz}/attempts", tok)
    if status != 201:
        raise RuntimeError(f"probe quiz start: {status} {text[:200]}")
    attempt = json.loads(text)["id"]
    status, text = call("POST", f"/api/v1/attempts/{attempt}/submit", tok, submission)
    if status != 200:
        raise RuntimeError(f"probe quiz submit: {status} {text[:200]}")


LOGLINE = re.compile(r"^\S+ \S+ \S+ \[(\d+)\] ")
STATEMENT = re.compile(r"LOG:  (?:statement|execute [^:]*): (.*)")
# Not part of any request: the notification listener's keep-alive.
IGNORED = ("pg-notification-listener",)
# Work a request sets off but does not wait for: the outbox consumers and the webhook dispatcher,
# woken by the commit's notification. Counted apart (the transaction that runs one of them).
ASYNC = ("FROM events.consumer_task", "FROM events.webhook_delivery d")


def statements(lines):
    """(request statements, BEGIN count, async statements) of a block of log lines."""
    found, current = [], None
    for line in lines:
        m = LOGLINE.match(line)
        if m:
            s = STATEMENT.search(line)
            current = s is not None
            if s:
                found.append([m.group(1), s.group(1)])
        elif current and found:
            found[-1][1] += "\n" + line
    found = [f for f in found if not any(x in f[1] for x in IGNORED)]
    # Units: a BEGIN .. COMMIT/ROLLBACK block of one backend, or a single autocommit statement.
    units, open_unit = [], {}
    for pid, text in found:
        word = text.strip().upper()
        if pid in open_unit:
            open_unit[pid].append(text)
            if word in ("COMMIT", "ROLLBACK"):
                units.append(open_unit.pop(pid))
        elif word == "BEGIN":
            open_unit[pid] = [text]
        else:
            units.append([text])
    units.extend(open_unit.values())
    mine = [u for u in units if not any(x in t for t in u for x in ASYNC)]
    background = sum(len(u) for u in units) - sum(len(u) for u in mine)
    begins = sum(1 for u in mine if u[0].strip().upper() == "BEGIN")
    return [t for u in mine for t in u], begins, background


data_dir = psql("show data_directory")
log_dir = os.path.join(data_dir, psql("show log_directory"))


def log_file():
    files = sorted(glob.glob(os.path.join(log_dir, "*")), key=os.path.getmtime)
    return files[-1] if files else None


psql("alter system set log_line_prefix = '%m [%p] '")
psql("alter system set log_statement = 'all'")
psql("select pg_reload_conf()")
time.sleep(0.5)
results = []
try:
    for scenario in SCENARIOS:
        best = None
        for k in range(PROBES):
            reqs = requests(scenario, k)
            path = log_file()
            size = os.path.getsize(path)
            for req in reqs:
                send(*req)
            time.sleep(0.3)  # the log collector writes asynchronously
            with open(path, errors="replace") as f:
                f.seek(size)
                block = f.read().splitlines()
            found, begins, background = statements(block)
            if best is None or len(found) < len(best[0]):
                best = (found, begins, block, background)
        per = 2 if scenario == "quiz" else 1
        results.append((scenario, per, len(best[0]), best[1], best[3]))
        with open(os.path.join(OUT, f"statements-{scenario}.log"), "w") as f:
            f.write("\n".join(best[2]) + "\n")
finally:
    psql("alter system reset log_statement")
    psql("alter system reset log_line_prefix")
    psql("select pg_reload_conf()")

with open(os.path.join(OUT, "statements.tsv"), "w") as f:
    f.write("scenario\trequests\tstatements\ttransactions\tasync_statements\n")
    for r in results:
        f.write("\t".join(str(x) for x in r) + "\n")
for r in results:
    print(f"{r[0]}: {r[2]} statements ({r[3]} transactions) for {r[1]} request(s), "
          f"{r[4]} set off asynchronously (outbox)")
