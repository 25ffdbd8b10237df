#!/usr/bin/env python3
"""Seeds a running Lectern server for the benchmark (standard library only).

Usage: seed.py BASE_URL DB_PORT OUT_DIR

What goes through the API and what is bulk-loaded with psql:
  * instructors: admin API (POST /api/v1/admin/users), then signed in;
  * courses: POST /courses, POST /courses/{id}/lessons (10-30 lessons each, text and video,
    some nested under a chapter), POST /courses/{id}/publish, all through the API;
  * students: ONE student registers through the API (POST /auth/register); the others are inserted
    with psql into users.users with a copy of that student's password hash (PBKDF2 costs ~60 ms
    per account by design, which would dominate the seeding time). All students share the password,
    so any of them can sign in through the API;
  * bench students (the first BENCH_TOKENS): signed in through the API once; they enrol through the
    API (POST /courses/{id}/enrollments) and every lesson the benchmark writes to is started with
    a real heartbeat; they also record tutorial chapters through the tutorial API;
  * the other students' enrolments and partial lesson progress: inserted with psql (enrolment totals
    recomputed from the lesson rows in the same statement);
  * the first start of every lesson row is moved 30 days back, so the heartbeat cap (elapsed time
    since the first start + 60 s) never refuses the benchmark's 1-second heartbeats;
  * bench.hb_pairs: a helper table (schema `bench`, not used by the application) numbering the
    started (enrolment, lesson) rows for the pgbench script.

Sizes (environment): BENCH_STUDENTS (2000), BENCH_COURSES (200), BENCH_ENROLMENTS_PER_STUDENT (5),
BENCH_TOKENS (64), BENCH_SEED_THREADS (8).
Writes into OUT_DIR: tokens.txt, heartbeat.txt, progress.txt, courses.txt, tutorials.txt,
words.txt, login.txt, quiz.txt, seed.json (counts and timings).
"""
import concurrent.futures as cf
import json
import os
import random
import subprocess
import sys
import time
import urllib.error
import urllib.request

BASE, DB_PORT, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
STUDENTS = int(os.environ.get("BENCH_STUDENTS", "2000"))
COURSES = int(os.environ.get("BENCH_COURSES", "200"))
PER_STUDENT = int(os.environ.get("BENCH_ENROLMENTS_PER_STUDENT", "5"))
TOKENS = int(os.environ.get("BENCH_TOKENS", "64"))
THREADS = int(os.environ.get("BENCH_SEED_THREADS", "8"))
PASSWORD = "bench-student-pass"
WORDS = ["python", "kubernetes", "baking", "statistics", "guitar", "photography", "algebra",
         "marketing", "spanish", "chemistry", "design", "finance", "history", "robotics", "yoga"]
rnd = random.Random(42)


def call(method, path, body=None, token=None, expect=(200, 201)):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for attempt in range(5):
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                text = r.read().decode()
                if r.status not in expect:
                    raise RuntimeError(f"{method} {path}: {r.status} {text[:300]}")
                return json.loads(text) if text else None
        except urllib.error.HTTPError as e:
            text = e.read().decode()
            if e.code in expect:
                return json.loads(text) if text else None
            if e.code == 429 and attempt < 4:
                time.sleep(1)
                continue
            raise RuntimeError(f"{method} {path}: {e.code} {text[:300]}")


# psql connects with the PG* environment variables; the defaults fit the embedded database.
PGENV = dict({"PGHOST": "localhost", "PGPORT": DB_PORT, "PGUSER": "lms", "PGPASSWORD": "lms",
              "PGDATABASE": "lms"}, **{k: v for k, v in os.environ.items()})


def psql(sql):
    out = subprocess.run(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At"], input=sql, capture_output=True,
        text=True, env=PGENV)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return out.stdout


def login(email, password):
    return call("POST", "/api/v1/auth/login", {"email": email, "password": password})


timings = {}
t0 = time.time()
admin = login(os.environ.get("LMS_ADMIN_EMAIL", "admin@lectern.local"),
              os.environ.get("LMS_ADMIN_PASSWORD", "admin-demo-pass"))["accessToken"]
instructors = []
for i in range(5):
    email = f"bench-instructor-{i}@lectern.local"
    call("POST", "/api/v1/admin/users",
         {"email": email, "password": PASSWORD, "fullName": f"Bench Instructor {i}",
          "role": "instructor"}, admin)
    instructors.append(login(email, PASSWORD)["accessToken"])
timings["instructors_s"] = round(time.time() - t0, 1)


def make_course(i):
    token = instructors[i % len(instructors)]
    r = random.Random(i)
    w1, w2 = r.sample(WORDS, 2)
    c = call("POST", "/api/v1/courses", {
        "title": f"{w1.capitalize()} and {w2} {i}",
        "slug": f"bench-{w1}-{w2}-{i}",
        "description": f"A course about {w1} with some {w2}: practical lessons, exercises and "
                       f"projects for learners (bench course number {i}).",
        "category": r.choice(["tech", "arts", "science", "business"]),
        "difficulty": r.choice(["beginner", "intermediate", "advanced"]),
        "estimatedDurationMinutes": r.randint(30, 600)}, token)
    cid = c["id"]
    lessons = []
    n = r.randint(10, 30)
    chapter = None
    for k in range(n):
        body = {"title": f"Lesson {k + 1} on {w1}", "type": "video" if k % 3 == 0 else "text"}
        if body["type"] == "video":
            body["videoUrl"] = f"https://videos.example.org/{cid}/{k}.mp4"
        if k % 8 == 0 and k > 0:
            body = {"title": f"Chapter {k // 8}", "type": "text"}
            chapter = call("POST", f"/api/v1/courses/{cid}/lessons", body, token)["id"]
            lessons.append(chapter)
            continue
        if chapter:
            body["parentLessonId"] = chapter
        lessons.append(call("POST", f"/api/v1/courses/{cid}/lessons", body, token)["id"])
    quiz = make_quiz(cid, token, i)
    call("POST", f"/api/v1/courses/{cid}/publish", None, token)
    return {"id": cid, "slug": c["slug"], "lessons": lessons, "quiz": quiz}


def make_quiz(cid, token, i):
    """A quiz lesson at the end of the course with a published quiz of four questions (one of each
    kind, short answer included); returns the quiz id and a submission body (half right)."""
    lesson = call("POST", f"/api/v1/courses/{cid}/lessons",
                  {"title": "Check your knowledge", "type": "quiz"}, token)["id"]
    settings = {"title": f"Quiz of course {i}", "passingScore": 60}
    quiz = call("PUT", f"/api/v1/lessons/{lesson}/quiz", settings, token)["id"]
    q = lambda body: call("POST", f"/api/v1/quizzes/{quiz}/questions", body, token)["id"]
    opt = lambda oid, text, ok: {"id": oid, "text": text, "correct": ok}
    single = q({"type": "multiple_choice", "text": "Which one is right?", "points": 2,
                "options": [opt("a", "This", False), opt("b", "That", True), opt("c", "Other", False)]})
    multi = q({"type": "multiple_choice", "text": "Which are right?", "points": 2,
               "options": [opt("x", "One", True), opt("y", "Two", True), opt("z", "Three", False)]})
    truth = q({"type": "true_false", "text": "Is this true?", "points": 1, "correctAnswer": True})
    short = q({"type": "short_answer", "text": "Name the city.", "points": 5,
               "acceptedAnswers": ["Paris"]})
    call("PUT", f"/api/v1/lessons/{lesson}/quiz", dict(settings, published=True), token)
    answers = [{"questionId": single, "optionIds": ["b"]},
               {"questionId": multi, "optionIds": ["x"]},
               {"questionId": truth, "value": False},
               {"questionId": short, "text": "paris"}]
    return {"id": quiz, "submission": json.dumps({"answers": answers}, separators=(",", ":"))}


t = time.time()
with cf.ThreadPoolExecutor(THREADS) as pool:
    courses = list(pool.map(make_course, range(COURSES)))
timings["courses_s"] = round(time.time() - t, 1)

# Students: one through the API, the rest with its password hash.
t = time.time()
call("POST", "/api/v1/auth/register",
     {"email": "bench-student-0@lectern.local", "password": PASSWORD, "fullName": "Bench Student 0"})
psql(f"""
insert into users.users (id, email, password_hash, full_name, role)
select gen_random_uuid(), 'bench-student-' || g || '@lectern.local', u.password_hash,
       'Bench Student ' || g, 'student'
from generate_series(1, {STUDENTS - 1}) g,
     (select password_hash from users.users where email = 'bench-student-0@lectern.local') u;
""")
timings["students_s"] = round(time.time() - t, 1)

t = time.time()
emails = [f"bench-student-{i}@lectern.local" for i in range(TOKENS)]
with cf.ThreadPoolExecutor(min(THREADS, 4)) as pool:
    sessions = list(pool.map(lambda e: login(e, PASSWORD), emails))
tokens = [s["accessToken"] for s in sessions]
user_ids = [s["user"]["id"] for s in sessions]
timings["bench_logins_s"] = round(time.time() - t, 1)


def bench_student(i):
    r = random.Random(1000 + i)
    tok = tokens[i]
    hb, prog, tut, quiz = [], [], [], []
    for c in r.sample(courses, PER_STUDENT):
        e = call("POST", f"/api/v1/courses/{c['id']}/enrollments", None, tok)["id"]
        prog.append((i, e))
        quiz.append((i, user_ids[i], c["quiz"]["id"], c["quiz"]["submission"]))
        for lesson in c["lessons"][:4]:
            call("POST", f"/api/v1/enrollments/{e}/lessons/{lesson}/heartbeat",
                 {"seconds": 1, "positionSeconds": 1}, tok)
            hb.append((i, e, lesson))
    for k in range(3):
        tid = f"bench-tutorial-{k}"
        for ch in range(1, 4):
            call("POST", f"/v1/tutorials/progress/{tid}/chapter",
                 {"chapterId": f"chapter-{ch}", "watchTime": 10, "totalChapters": 10}, tok)
        tut.append((i, tid))
    return hb, prog, tut, quiz


t = time.time()
with cf.ThreadPoolExecutor(THREADS) as pool:
    parts = list(pool.map(bench_student, range(TOKENS)))
heartbeat = [x for p in parts for x in p[0]]
progress = [x for p in parts for x in p[1]]
tutorials = [x for p in parts for x in p[2]]
quizzes = [x for p in parts for x in p[3]]
timings["bench_enrolments_api_s"] = round(time.time() - t, 1)

# The other students: enrolments and partial progress in bulk.
t = time.time()
psql(f"""
create temporary table sc as
select s.id as student_id, c.id as course_id
from users.users s
cross join lateral (
  -- Every student takes the first bench course (the "popular" one, for the analytics timings)
  -- and {PER_STUDENT - 1} others.
  (select id from courses.courses where slug like 'bench-%-0')
  union all
  (select id from courses.courses where published_at is not null and slug like 'bench-%'
     and slug not like 'bench-%-0'
   order by md5(s.id::text || id::text) limit {PER_STUDENT - 1})) c
where s.email like 'bench-student-%' and s.email not in ({",".join("'" + e + "'" for e in emails)});
insert into enrollment.enrollments (id, student_id, course_id, status, total_lessons_count,
  last_accessed_at)
select gen_random_uuid(), sc.student_id, sc.course_id, 'active',
  (select count(*) from courses.lessons l where l.course_id = sc.course_id), now()
from sc;
insert into enrollment.lesson_progress (id, enrollment_id, lesson_id, status, time_spent_seconds,
  last_position_seconds, completion_percentage, first_started_at, last_accessed_at, completed_at)
select gen_random_uuid(), e.id, l.id,
  case when l.rn <= e.done then 'completed' else 'in_progress' end,
  60 + l.rn * 7, 30, case when l.rn <= e.done then 100 else 40 end,
  now() - interval '30 days', now() - interval '1 day',
  case when l.rn <= e.done then now() - interval '1 day' end
from (select e.*, (abs(hashtext(e.id::text)) % (e.total_lessons_count + 1)) as done
      from enrollment.enrollments e join sc using (student_id, course_id)) e
join lateral (select id, row_number() over (order by created_at, id) as rn
              from courses.lessons where course_id = e.course_id) l on l.rn <= e.done + 1
                                                                    and l.rn <= e.total_lessons_count;
update enrollment.enrollments e set
  completed_lessons_count = x.done,
  total_time_spent_seconds = x.secs,
  progress_percentage = round(100.0 * x.done / greatest(e.total_lessons_count, 1), 2)
from (select enrollment_id, count(*) filter (where status = 'completed') as done,
             sum(time_spent_seconds) as secs
      from enrollment.lesson_progress group by enrollment_id) x
where x.enrollment_id = e.id and e.student_id in (select student_id from sc);
update enrollment.lesson_progress set first_started_at = now() - interval '30 days';
create schema if not exists bench;
drop table if exists bench.hb_pairs;
create table bench.hb_pairs as
select row_number() over (order by id) as k, enrollment_id, lesson_id
from enrollment.lesson_progress where status <> 'completed';
alter table bench.hb_pairs add primary key (k);
analyze;
""")
timings["bulk_sql_s"] = round(time.time() - t, 1)

counts = dict(line.split("|") for line in psql("""
select 'students', count(*) from users.users where role = 'student'
union all select 'courses_published', count(*) from courses.courses where published_at is not null
union all select 'lessons', count(*) from courses.lessons
union all select 'enrolments', count(*) from enrollment.enrollments
union all select 'lesson_progress_rows', count(*) from enrollment.lesson_progress
union all select 'tutorial_progress_rows', count(*) from tutorials.tutorial_progress
union all select 'quizzes', count(*) from quiz.quizzes
union all select 'hb_pairs', count(*) from bench.hb_pairs;
""").split())
timings["total_s"] = round(time.time() - t0, 1)

os.makedirs(OUT, exist_ok=True)


def write(name, rows):
    with open(os.path.join(OUT, name), "w") as f:
        for row in rows:
            f.write(" ".join(str(x) for x in (row if isinstance(row, (list, tuple)) else [row])))
            f.write("\n")


write("tokens.txt", tokens)
write("heartbeat.txt", heartbeat)
write("progress.txt", progress)
write("courses.txt", [(c["id"], c["slug"]) for c in courses])
write("tutorials.txt", tutorials)
write("quiz.txt", quizzes)
write("words.txt", WORDS)
write("login.txt", [(e, PASSWORD) for e in emails])
write("admin.txt", [admin])
with open(os.path.join(OUT, "seed.json"), "w") as f:
    json.dump({"counts": counts, "timings": timings}, f, indent=1)
print(json.dumps({"counts": counts, "timings": timings}))
