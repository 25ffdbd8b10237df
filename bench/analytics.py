#!/usr/bin/env python3
"""Analytics and per-student query timings over the seeded data (run by run.sh after seeding).

Usage: analytics.py BASE_URL SEED_DIR OUT_TSV

At the database (psql with the PG* environment, EXPLAIN ANALYZE, the median "Execution Time" of 7
runs after one unrecorded run), the seed 003 targets:
  - a single lesson-progress lookup by student, course and lesson (< 5 ms),
  - all lesson progress of one student's course (< 20 ms),
  - the course analytics aggregations, the SQL of AnalyticsService (< 100 ms),
on the popular course (every seeded student is enrolled in it) and on a typical course.
At the endpoint (admin token, 3 unrecorded calls, then 20 timed): GET
/api/v1/courses/{id}/analytics/summary and /analytics/lessons for both courses.
"""
import json
import statistics
import subprocess
import sys
import time
import urllib.request

BASE, SEED, OUT = sys.argv[1:]


def lines(name):
    with open(f"{SEED}/{name}") as f:
        return [l.split() for l in f if l.strip()]


def psql(sql):
    out = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1"], input=sql,
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return out.stdout.strip()


def explain_ms(sql, runs=7):
    psql("explain analyze " + sql)
    times = []
    for _ in range(runs):
        plan = psql("explain analyze " + sql)
        times.append(float(plan.rsplit("Execution Time:", 1)[1].split()[0]))
    return statistics.median(times), max(times)


def http_ms(path, token, runs=20):
    req = lambda: urllib.request.urlopen(urllib.request.Request(
        BASE + path, headers={"Authorization": "Bearer " + token}), timeout=30).read()
    for _ in range(3):
        req()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        req()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], times[-1]


admin = lines("admin.txt")[0][0]
popular, typical = lines("courses.txt")[0][0], lines("courses.txt")[1][0]
rows = []
for label, course in (("popular", popular), ("typical", typical)):
    enrolments = psql(f"select count(*) from enrollment.enrollments where course_id = '{course}'")
    lesson_rows = psql("select count(*) from enrollment.lesson_progress p join "
                       "enrollment.enrollments e on e.id = p.enrollment_id "
                       f"where e.course_id = '{course}'")
    student, lesson = psql(
        "select e.student_id || ' ' || p.lesson_id from enrollment.enrollments e join "
        f"enrollment.lesson_progress p on p.enrollment_id = e.id where e.course_id = '{course}' "
        "order by e.id, p.lesson_id limit 1").split()
    where_student = f"e.student_id = '{student}' and e.course_id = '{course}'"
    queries = {
        "single lesson progress (student, course, lesson)":
            ("select p.* from enrollment.lesson_progress p join enrollment.enrollments e on "
             f"e.id = p.enrollment_id where {where_student} and p.lesson_id = '{lesson}'", 5),
        "all lessons of a student's course":
            ("select p.* from enrollment.lesson_progress p join enrollment.enrollments e on "
             f"e.id = p.enrollment_id where {where_student}", 20),
        "analytics: enrolments by status":
            ("select status, count(*) from enrollment.enrollments "
             f"where course_id = '{course}' group by status", 100),
        "analytics: average progress and total time":
            ("select coalesce(round(avg(progress_percentage) filter (where status in "
             "('active', 'completed')), 2), 0), coalesce(sum(total_time_spent_seconds), 0) "
             f"from enrollment.enrollments where course_id = '{course}'", 100),
        "analytics: per-lesson statistics":
            ("select p.lesson_id, count(*) filter (where p.status <> 'not_started'), "
             "count(*) filter (where p.status = 'completed'), round(avg(p.time_spent_seconds), 2), "
             "round(avg(p.attempts), 2), round(avg(p.best_score), 2), min(p.best_score), "
             "max(p.best_score) from enrollment.lesson_progress p join enrollment.enrollments e "
             f"on e.id = p.enrollment_id where e.course_id = '{course}' group by p.lesson_id", 100),
    }
    for name, (sql, target) in queries.items():
        median, worst = explain_ms(sql)
        rows.append(["database", label, enrolments, lesson_rows, name, f"{median:.3f}",
                     f"{worst:.3f}", "", str(target)])
    for path in ("summary", "lessons"):
        median, p95, worst = http_ms(f"/api/v1/courses/{course}/analytics/{path}", admin)
        rows.append(["endpoint", label, enrolments, lesson_rows,
                     f"GET /api/v1/courses/{{id}}/analytics/{path}", f"{median:.1f}", f"{worst:.1f}",
                     f"{p95:.1f}", "100"])

with open(OUT, "w") as f:
    f.write("where\tcourse\tenrolments\tlesson_rows\tquery\tmedian_ms\tmax_ms\tp95_ms\ttarget_ms\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
for r in rows:
    print("\t".join(r))
