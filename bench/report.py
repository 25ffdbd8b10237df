#!/usr/bin/env python3
"""Writes the benchmark report (markdown) from the files run.sh collected in RUN_DIR.

Usage: report.py RUN_DIR REPORT READY_S LIBERTY_READY_S SEED_S RSS_KB DURATION REPEAT EMBEDDED PERF
                 BENCH_DIR
Each cell is the median of its repetitions (by requests/s; the latencies and CPU of that
repetition). Absolute figures change from machine to machine (2-3x between two machines of the
same kind); the report therefore puts next to them what holds across machines: CPU time and
instructions per request, and the ratio to pgbench running the endpoint's whole transaction at the
same concurrency in the same run. The targets of issue 20 are evaluated at the end.
"""
import csv
import glob
import json
import os
import platform
import re
import subprocess
import sys

(run, report, ready, liberty, seed_s, rss_after, duration, repeat, embedded, perf,
 bench) = sys.argv[1:]

# Scenario -> the pgbench script of its whole transaction (bench/pgbench/<script>.sql).
TRANSACTION = {"heartbeat": "heartbeat-transaction", "progress": "progress-transaction",
               "search": "search-transaction", "course": "course-transaction",
               "tutorial": "tutorial-transaction", "quiz": "quiz-transaction"}
NAMES = {"heartbeat": "lesson heartbeat (write)", "progress": "course progress read",
         "search": "catalogue search `q=<word>`", "course": "course detail with outline",
         "tutorial": "tutorial chapter update (write)",
         "quiz": "quiz attempt start + submit (write, per request)",
         "popular": "popular course: crowd heartbeats + progress reads",
         "spread": "spread out: the same crowd in its other courses",
         "login": "login (PBKDF2, reported apart)"}
WRITES = ["heartbeat", "tutorial", "quiz"]
READS = ["progress", "course", "search"]
MOODLE = (107, 133)  # Moodle web services, progress write at 32 connections, same machine kind


def rows(name):
    try:
        with open(f"{run}/{name}") as f:
            return list(csv.DictReader(f, delimiter="\t"))
    except FileNotFoundError:
        return []


def median_rows(data, keys, by):
    groups = {}
    for r in data:
        groups.setdefault(tuple(r[k] for k in keys), []).append(r)
    out = []
    for g in groups.values():
        g = sorted(g, key=lambda r: float(r[by]))
        out.append(g[(len(g) - 1) // 2])
    return out


def sh(cmd):
    out = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    return (out.stdout + out.stderr).strip() or "n/a"


def num(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def script_info(script):
    """(requests per transaction, statements per transaction) of a pgbench script: statements are
    the SQL commands, without the ones that only pick a row from the bench schema."""
    try:
        text = open(f"{bench}/pgbench/{script}.sql").read()
    except FileNotFoundError:
        return 1, None
    m = re.search(r"^-- requests: (\d+)", text, re.M)
    body = "\n".join(l for l in text.splitlines() if not l.startswith(("--", "\\set"))) + "\n"
    count, start = 0, 0
    for end in re.finditer(r";\s*\n|\\gset[^\n]*\n", body):
        command = body[start:end.start()]
        start = end.end()
        if command.strip() and not ("bench." in command and end.group(0).startswith("\\gset")):
            count += 1
    return int(m.group(1)) if m else 1, count


def fmt(x, digits=2):
    return "n/a" if x is None else f"{x:.{digits}f}"


cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
            if l.startswith("model name")), "?")
mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
settings = {r[0]: r[1] for r in (l.rstrip("\n").split("\t") for l in open(f"{run}/pg-settings.tsv")
                                 if "\t" in l)} if os.path.exists(f"{run}/pg-settings.tsv") else {}
durable = settings.get("fsync") == "on" and settings.get("synchronous_commit") not in (None, "off")
seed = json.load(open(f"{run}/seed/seed.json"))
wrk = median_rows(rows("results.tsv"), ["scenario", "connections"], "rps")
pgbench = median_rows(rows("pgbench.tsv"), ["script", "clients"], "tps")
probe = {r["scenario"]: r for r in rows("statements.tsv")}
rss_log = [int(l.split()[1]) for l in open(f"{run}/rss.log") if len(l.split()) == 2] \
    if os.path.exists(f"{run}/rss.log") else []
rss_max = max(rss_log + [int(rss_after or 0)])
pgb = {(r["script"], r["clients"]): r for r in pgbench}
conns = sorted({int(r["connections"]) for r in wrk if r["scenario"] != "login"})
top = str(32 if 32 in conns else (conns[-1] if conns else 0))


def per_request(r):
    """CPU ms per request (server, PostgreSQL) and instructions per request of a wrk cell."""
    n = num(r.get("requests")) or 0
    if not n:
        return None, None, None, None
    srv = num(r["server_cpu_s"])
    pg = num(r["pg_cpu_s"])
    ij, ip = num(r.get("server_instructions")), num(r.get("pg_instructions"))
    return (srv * 1000 / n if srv is not None else None, pg * 1000 / n if pg is not None else None,
            ij / n if ij else None, ip / n if ip else None)


def waits(r):
    """The most frequent states of the active client backends during a cell (sampled every 0.2 s):
    CPU (no wait event) or the wait event, as a share of the samples."""
    try:
        seen = [l.strip() for l in open(f"{run}/waits-{r['scenario']}-{r['connections']}-{r['rep']}.txt")
                if l.strip()]
    except FileNotFoundError:
        return ""
    if not seen:
        return ""
    counts = {}
    for w in seen:
        counts[w] = counts.get(w, 0) + 1
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:3]
    return ", ".join(f"{w} {100 * n / len(seen):.0f} %" for w, n in top)


def ceiling(scenario, c):
    """Requests per second pgbench reaches with the scenario's whole transaction at c clients."""
    script = TRANSACTION.get(scenario)
    r = pgb.get((script, c)) if script else None
    if not r:
        return None
    return float(r["tps"]) * script_info(script)[0]


cells = {(r["scenario"], r["connections"]): r for r in wrk}
L = []
L.append(f"# Lectern benchmark {run.rsplit('/', 1)[-1]}\n")
L.append("## Machine and configuration\n")
L.append(f"- CPU: {cpu}, {sh('nproc')} CPUs online; memory {int(mem) // 1024} MB; "
         f"{platform.system()} {platform.release()} ({sh('uname -m')})")
loadavg = " ".join(open("/proc/loadavg").read().split()[:3])
wrk_version = sh("wrk -v 2>&1 | head -1").split(" ")[1] if " " in sh("wrk -v 2>&1 | head -1") else "?"
L.append(f"- load average at the end of the run: {loadavg} "
         "(other work on the machine inflates every absolute figure; ratios within the run "
         "hold better)")
L.append(f"- java: {sh('java -version 2>&1 | head -1')}; wrk {wrk_version}; "
         f"{sh('pgbench --version')}")
L.append(f"- database: {'embedded PostgreSQL (as the run command starts it)' if embedded == 'yes' else 'external (LMS_DB_URL)'}"
         f", server {settings.get('server_version', '?')}")
if settings:
    L.append("- PostgreSQL settings: " + ", ".join(
        f"`{k}` {v}" for k, v in sorted(settings.items()) if k != "server_version"))
L.append(f"- **commits: {'durable (fsync on, synchronous_commit ' + settings.get('synchronous_commit', '?') + ')' if durable else 'NOT DURABLE: the targets are not evaluated'}**; "
         "no opt-in fast progress mode exists, so there is one column of figures")
L.append(f"- server ready: {ready} s from launch of the run command (Maven build included); "
         f"Liberty's own start: {liberty} s")
L.append(f"- server resident memory: max {rss_max // 1024} MB during the run (sampled every "
         f"0.5 s), {int(rss_after or 0) // 1024} MB after all load")
L.append(f"- instructions per request (`perf stat`): "
         f"{'measured' if perf == 'yes' else 'n/a (no hardware counters on this machine)'}")
L.append(f"- seeding: {seed_s} s; " + ", ".join(f"{k} {v}" for k, v in seed["counts"].items()))
L.append(f"- each cell: wrk, {duration} s, {repeat} repetition(s) (median shown), "
         "2 threads (1 for 1 connection); errors = socket errors + non-2xx/3xx; "
         "bad = replies the script rejects (heartbeat with refused seconds, quiz attempt not "
         "started or not graded); quiz: every request counts, an attempt is two")
L.append("")

L.append("## Endpoints\n")
L.append("CPU and instructions are per request, over the cell (server = the Liberty JVM; "
         "PostgreSQL = the postmaster and every backend, exited ones included). The ratio divides "
         "the endpoint's req/s by the requests/s pgbench reaches with the endpoint's whole "
         "transaction at the same concurrency (`bench/pgbench/<scenario>-transaction.sql`). "
         "Statements per request: what the server sent in the probe (`bench/probe.py`) / what the "
         "pgbench script sends. HOT %: the share of the cell's updates of `enrollment.enrollments` and "
         "`enrollment.lesson_progress` that added no index entry (pg_stat_user_tables). Backends: "
         "the active client backends sampled every 0.2 s in `pg_stat_activity`; CPU = no wait "
         "event, `Lock:transactionid` / `Lock:tuple` = row locks, `LWLock:*` = internal locks "
         "such as buffer content, `IO:WALSync` / `LWLock:WALWrite` = commit flushes.\n")
L.append("| scenario | conn | req/s | p50 ms | p99 ms | errors | bad | server CPU ms/req | "
         "PostgreSQL CPU ms/req | instructions/req server / PostgreSQL | RSS max MB | "
         "pgbench whole transaction req/s | ratio | statements/req server / pgbench | "
         "HOT % of progress-table updates | PostgreSQL backends: what they were doing |")
L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
order = list(NAMES)
for r in sorted(wrk, key=lambda r: (order.index(r["scenario"]) if r["scenario"] in order else 99,
                                    int(r["connections"]))):
    s, c = r["scenario"], r["connections"]
    srv, pg, ij, ip = per_request(r)
    ceil = ceiling(s, c)
    ratio = f"{100 * float(r['rps']) / ceil:.1f} %" if ceil else ""
    stm = ""
    if s in probe and s in TRANSACTION:
        per = int(probe[s]["requests"])
        req_n, script_n = script_info(TRANSACTION[s])
        stm = (f"{int(probe[s]['statements']) / per:g} / "
               f"{script_n / req_n:g}" if script_n is not None else "")
    instr = "n/a" if ij is None else f"{ij / 1e6:.2f} M / {fmt(ip and ip / 1e6)} M"
    L.append(f"| {NAMES.get(s, s)} | {c} | {float(r['rps']):.0f} | {r['p50']} | {r['p99']} | "
             f"{r['errors']} | {r['bad']} | {fmt(srv, 3)} | {fmt(pg, 3)} | {instr} | "
             f"{int(r.get('rss_max_kb') or r['rss_kb']) // 1024} | "
             f"{'' if ceil is None else f'{ceil:.0f}'} | {ratio} | {stm} | "
             f"{r.get('hot_pct') or ''} | {waits(r)} |")
L.append("")

L.append("## pgbench: the endpoints' SQL alone\n")
L.append("Prepared statements, the same durability, one transaction = one run of the script "
         "(the quiz script is a start and a submit: two requests). Each script first picks a "
         "random row of the seeded data from the `bench` schema (one primary-key select, included "
         "in its tps).\n")
L.append("| script | statements | clients | tps | p50 ms | p99 ms | failed | PostgreSQL CPU ms/transaction |")
L.append("|---|---:|---:|---:|---:|---:|---:|---:|")
for r in sorted(pgbench, key=lambda r: (r["script"], int(r["clients"]))):
    n = num(r.get("transactions"))
    pgc = num(r["pg_cpu_s"])
    per_tx = fmt(pgc * 1000 / n, 3) if n and pgc is not None else "n/a"
    L.append(f"| {r['script']} | {script_info(r['script'])[1]} | {r['clients']} | "
             f"{float(r['tps']):.0f} | {r['p50']} | {r['p99']} | {r['failed']} | {per_tx} |")
L.append("")

# Targets (issue 20): ratios within this run, durable commits, 32 connections, 0 errors.
L.append(f"## Targets (issue 20) at {top} connections\n")
if top != "32":
    L.append(f"**This run has no 32-connection cells: the targets are evaluated at {top} "
             "connections, for the harness's sake only.**\n")
T = []


def verdict(ok):
    if ok is None:
        return "not measured"
    return "**met**" if ok else "**missed**"


def cell_ok(s):
    r = cells.get((s, top))
    return r is not None and int(r["errors"]) == 0 and int(r["bad"]) == 0


for s, bound in [(s, 50) for s in WRITES] + [(s, 60) for s in READS]:
    r = cells.get((s, top))
    ceil = ceiling(s, top)
    if r is None or not ceil:
        T.append((f"{NAMES[s]} ≥ {bound} % of pgbench running its whole transaction",
                  "not measured", verdict(None)))
        continue
    ratio = 100 * float(r["rps"]) / ceil
    T.append((f"{NAMES[s]} ≥ {bound} % of pgbench running its whole transaction",
              f"{ratio:.1f} % ({float(r['rps']):.0f} of {ceil:.0f} req/s)",
              verdict(ratio >= bound and cell_ok(s) and durable)))
hb, qz = cells.get(("heartbeat", top)), cells.get(("quiz", top))
if hb and qz:
    hs, hp, _, _ = per_request(hb)
    qs, qp, _, _ = per_request(qz)
    if None not in (hs, hp, qs, qp):
        x = (qs + qp) / (hs + hp)
        T.append(("quiz start + submit ≤ 2 × the heartbeat's CPU per request (server + PostgreSQL)",
                  f"{x:.2f} × ({qs + qp:.3f} against {hs + hp:.3f} ms; server {qs / hs:.2f} ×, "
                  f"PostgreSQL {qp / hp:.2f} ×)", verdict(x <= 2 and cell_ok("quiz") and durable)))
    else:
        T.append(("quiz start + submit ≤ 2 × the heartbeat's CPU per request", "n/a (external "
                  "database: no PostgreSQL CPU)", verdict(None)))
pop, spr = cells.get(("popular", top)), cells.get(("spread", top))
if pop and spr:
    x = 100 * float(pop["rps"]) / float(spr["rps"])
    ps, pp, _, _ = per_request(pop)
    ss, sp, _, _ = per_request(spr)
    T.append(("popular-course scenario ≥ 80 % of the spread-out one",
              f"{x:.1f} % ({float(pop['rps']):.0f} against {float(spr['rps']):.0f} req/s; CPU "
              f"ms/req server {fmt(ps, 3)} / {fmt(ss, 3)}, PostgreSQL {fmt(pp, 3)} / {fmt(sp, 3)})",
              verdict(x >= 80 and cell_ok("popular") and cell_ok("spread") and durable)))
T.append(("resident memory ≤ 768 MB under load", f"max {rss_max // 1024} MB",
          verdict(rss_max <= 768 * 1024)))
bad_cells = [f"{r['scenario']}@{r['connections']}" for r in rows("results.tsv")
             if int(r["errors"]) + int(r["bad"]) > 0]
T.append(("0 errors and 0 rejected replies in every cell",
          "none" if not bad_cells else ", ".join(bad_cells), verdict(not bad_cells)))
T.append(("durable commits (fsync on, synchronous_commit not off)",
          ", ".join(f"{k} {settings.get(k, '?')}" for k in ("fsync", "synchronous_commit",
                                                           "full_page_writes")),
          verdict(durable)))
L.append("| target | this run | |")
L.append("|---|---|---|")
L.extend(f"| {a} | {b} | {c} |" for a, b, c in T)
L.append("")
if hb:
    rps = float(hb["rps"]) if hb else 0
    L.append(f"Moodle's web services on the same machine kind reached {MOODLE[0]}-{MOODLE[1]} "
             f"progress writes per second at 32 connections (p99 about 300-390 ms); this run's "
             f"heartbeat at {top} connections: {rps:.0f} req/s, p99 {hb['p99']} ms, "
             f"{rps / MOODLE[1]:.1f}-{rps / MOODLE[0]:.1f} times Moodle's rate (absolute figures "
             "of two runs: the machine counts as much as the software).")
    L.append("")

profiles = sorted(glob.glob(f"{run}/profile-*.tsv"))
if profiles:
    L.append(f"## Where the server's CPU goes (Java Flight Recorder, {top} connections)\n")
    L.append("Execution samples of the scenario's first cell at the highest concurrency "
             "(`jcmd JFR.start settings=profile`; the recording costs that cell a few per cent), "
             "each given to the innermost frame outside the JDK (`bench/jfr_summary.py`). The "
             "recordings are in the run folder (`jfr-<scenario>.jfr`) for `jfr print` or JDK "
             "Mission Control.\n")
    parts = {}
    for f in profiles:
        scenario = f.rsplit("profile-", 1)[1][:-4]
        for r in csv.DictReader(open(f), delimiter="\t"):
            parts.setdefault(r["part"], {})[scenario] = r["share"]
    names = [f.rsplit("profile-", 1)[1][:-4] for f in profiles]
    L.append("| part of the stack | " + " | ".join(f"{n} %" for n in names) + " |")
    L.append("|---|" + "---:|" * len(names))
    for part in sorted(parts, key=lambda p: -max(float(v) for v in parts[p].values())):
        L.append(f"| {part} | " + " | ".join(parts[part].get(n, "") for n in names) + " |")
    L.append("")

analytics = rows("analytics.tsv")
if analytics:
    L.append("## Analytics and per-student queries\n")
    L.append("bench/analytics.py: at the database the median (and max) `EXPLAIN ANALYZE` execution "
             "time of 7 runs; at the endpoint the median, p95 and max of 20 calls with an admin "
             "token, after 3 unrecorded calls.\n")
    L.append("| where | course (enrolments, lesson rows) | query | median ms | p95 ms | max ms | target ms |")
    L.append("|---|---|---|---:|---:|---:|---:|")
    for r in analytics:
        L.append(f"| {r['where']} | {r['course']} ({r['enrolments']}, {r['lesson_rows']}) | "
                 f"{r['query']} | {r['median_ms']} | {r['p95_ms']} | {r['max_ms']} | "
                 f"< {r['target_ms']} |")
    L.append("")
try:
    capped = open(f"{run}/capped.txt").read().strip()
except FileNotFoundError:
    capped = ""
if capped:
    L.append("Cells that reached the request cap (BENCH_MAX_REQUESTS; wrk still divides by the full "
             "duration, so their req/s is a lower bound):\n")
    L.extend(f"- {line}" for line in capped.splitlines())
    L.append("")
L.append("Raw files (wrk and pgbench output, the probe's statement logs "
         "`statements-<scenario>.log`, settings, memory samples): " + run)
open(report, "w").write("\n".join(L) + "\n")
