#!/usr/bin/env python3
"""Writes the benchmark report (markdown) from the files run.sh collected in RUN_DIR.

Usage: report.py RUN_DIR REPORT READY_S LIBERTY_READY_S SEED_S RSS_KB DURATION REPEAT EMBEDDED
Each cell is the median of its repetitions (by requests/s; the latencies of that repetition).
"""
import csv
import json
import platform
import statistics
import subprocess
import sys

run, report, ready, liberty, seed_s, rss, duration, repeat, embedded = sys.argv[1:]


def rows(name):
    with open(f"{run}/{name}") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def median_rows(data, keys, by):
    groups = {}
    for r in data:
        groups.setdefault(tuple(r[k] for k in keys), []).append(r)
    out = []
    for k, g in groups.items():
        g = sorted(g, key=lambda r: float(r[by]))
        out.append(g[(len(g) - 1) // 2] if len(g) % 2 else g[len(g) // 2])
    return out


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip() + \
            subprocess.run(cmd, shell=True, capture_output=True, text=True).stderr.strip()
    except Exception:
        return "n/a"


cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
java = sh("java -version 2>&1 | head -1")
seed = json.load(open(f"{run}/seed/seed.json"))
wrk = median_rows(rows("results.tsv"), ["scenario", "connections"], "rps")
pgbench = median_rows(rows("pgbench.tsv"), ["script", "clients"], "tps")
pgb = {r["clients"]: r for r in pgbench if r["script"] == "heartbeat"}
pgt = {r["clients"]: r for r in pgbench if r["script"] == "heartbeat-transaction"}
names = {"heartbeat": "lesson heartbeat (write)", "progress": "course progress read",
         "search": "catalogue search `q=<word>`", "course": "course detail with outline",
         "tutorial": "tutorial chapter update (write)",
         "quiz": "quiz attempt start + submit (write)", "login": "login (PBKDF2, reported apart)"}

L = []
L.append(f"# Lectern benchmark {run.rsplit('/', 1)[-1]}\n")
L.append(f"- machine: {sh('nproc')} CPUs ({cpu}), {int(mem) // 1024} MB RAM, "
         f"{platform.system()} {platform.release()}")
L.append(f"- java: {java}")
L.append(f"- database: {'embedded PostgreSQL (fsync off, synchronous_commit off, as started by the run command)' if embedded == 'yes' else 'external (LMS_DB_URL)'}")
L.append(f"- server ready: {ready} s from launch of the run command (Maven build included); "
         f"Liberty's own start: {liberty} s")
L.append(f"- server resident memory after all load: {int(rss) // 1024} MB")
L.append(f"- seeding: {seed_s} s; " + ", ".join(f"{k} {v}" for k, v in seed["counts"].items()))
L.append(f"- each cell: wrk, {duration} s, {repeat} repetition(s) (median shown), "
         "2 threads (1 for 1 connection); errors = socket errors + non-2xx/3xx; "
         "bad = replies the script rejects (heartbeat with refused seconds, quiz attempt not "
         "started or not graded); quiz: every request counts, an attempt is two")
L.append("")
L.append("| scenario | conn | req/s | p50 ms | p90 ms | p95 ms | p99 ms | errors | bad | server CPU s | PostgreSQL CPU s | server RSS MB | ratio to pgbench heartbeat statement | ratio to pgbench heartbeat transaction |")
L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
order = list(names)
for r in sorted(wrk, key=lambda r: (order.index(r["scenario"]), int(r["connections"]))):
    ratios = []
    for table in (pgb, pgt):
        ceiling = table.get(r["connections"])
        ratios.append(f"{100 * float(r['rps']) / float(ceiling['tps']):.1f} %"
                      if ceiling and r["scenario"] != "login" else "")
    ratio = " | ".join(ratios)
    L.append(f"| {names[r['scenario']]} | {r['connections']} | {float(r['rps']):.0f} | {r['p50']} | "
             f"{r['p90']} | {r['p95']} | {r['p99']} | {r['errors']} | {r['bad']} | "
             f"{r['server_cpu_s']} | {r['pg_cpu_s']} | {int(r['rss_kb']) // 1024} | {ratio} |")
L.append("")
titles = {"heartbeat": "the heartbeat endpoint's own statement (bench/pgbench/heartbeat.sql)",
          "heartbeat-transaction": "the heartbeat endpoint's whole transaction, statement by "
                                   "statement (bench/pgbench/heartbeat-transaction.sql)"}
for script in sorted({r["script"] for r in pgbench}, key=lambda x: (x != "heartbeat", x)):
    L.append(f"pgbench, {titles.get(script, script)}, prepared:\n")
    L.append("| clients | tps | avg ms | p50 ms | p90 ms | p95 ms | p99 ms | failed | PostgreSQL CPU s |")
    L.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in sorted((r for r in pgbench if r["script"] == script), key=lambda r: int(r["clients"])):
        L.append(f"| {r['clients']} | {float(r['tps']):.0f} | {r['avg_ms']} | {r['p50']} | "
                 f"{r['p90']} | {r['p95']} | {r['p99']} | {r['failed']} | {r['pg_cpu_s']} |")
    L.append("")
L.append("The ratio columns divide each endpoint's req/s by the pgbench tps at the same "
         "concurrency: the storage ceiling of the heartbeat's own statement, and of its whole "
         "transaction.")
try:
    analytics = rows("analytics.tsv")
except FileNotFoundError:
    analytics = []
if analytics:
    L.append("")
    L.append("Analytics and per-student queries (bench/analytics.py): at the database the median "
             "(and max) `EXPLAIN ANALYZE` execution time of 7 runs; at the endpoint the median, "
             "p95 and max of 20 calls with an admin token, after 3 unrecorded calls.\n")
    L.append("| where | course (enrolments, lesson rows) | query | median ms | p95 ms | max ms | target ms |")
    L.append("|---|---|---|---:|---:|---:|---:|")
    for r in analytics:
        L.append(f"| {r['where']} | {r['course']} ({r['enrolments']}, {r['lesson_rows']}) | "
                 f"{r['query']} | {r['median_ms']} | {r['p95_ms']} | {r['max_ms']} | "
                 f"< {r['target_ms']} |")
try:
    capped = open(f"{run}/capped.txt").read().strip()
except FileNotFoundError:
    capped = ""
if capped:
    L.append("")
    L.append("Cells that reached the request cap (BENCH_MAX_REQUESTS; wrk still divides by the full "
             "duration, so their req/s is a lower bound):\n")
    L.extend(f"- {line}" for line in capped.splitlines())
open(report, "w").write("\n".join(L) + "\n")
