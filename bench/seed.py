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
BENCH_TOKENS (64), BENCH_SEED_THREADS (8), BENCH_CROWD (2000).
Writes into OUT_DIR: tokens.txt, heartbeat.txt, progress.txt, courses.txt, tutorials.txt,
words.txt, login.txt, quiz.txt, crowd-tokens.txt, popular.txt, spread.txt,
seed.json (counts and timings).
"""
import base64
import concurrent.futures as cf
import hashlib
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

# The crowd (popular and spread scenarios): up to BENCH_CROWD students who are not bench students,
# each signed in through the API with a token of their own. Their password hash is a PBKDF2 of 1,000
# iterations (the stored form names its count and the server honours it), so that signing in
# thousands of them takes seconds instead of minutes; the bench students and the login scenario
# keep the real cost. Their rows: one started lesson row in the popular course ("popular") and one
# started row in each of their other courses of about the popular course's size ("spread": within
# 2 lessons, since a request's cost grows with the course's outline), shuffled. One row per
# enrolment in both, so that the two touch about as many rows and pages: with several rows per
# enrolment the popular scenario touched four times the pages (and wrote that many more full-page
# images to the WAL after a checkpoint), which measured the working set rather than the crowding.
t = time.time()
CROWD = min(int(os.environ.get("BENCH_CROWD", "2000")), STUDENTS - TOKENS)
salt = os.urandom(16)
cheap = "pbkdf2-sha256$1000$%s$%s" % (
    base64.b64encode(salt).decode().rstrip("="),
    base64.b64encode(hashlib.pbkdf2_hmac("sha256", PASSWORD.encode(), salt, 1000, 32)).decode()
    .rstrip("="))
crowd_emails = [f"bench-student-{i}@lectern.local" for i in range(TOKENS, TOKENS + CROWD)]
psql(f"""
update users.users set password_hash = '{cheap}'
where email in (select 'bench-student-' || g || '@lectern.local'
                from generate_series({TOKENS}, {TOKENS + CROWD - 1}) g);
""")
with cf.ThreadPoolExecutor(THREADS) as pool:
    crowd_sessions = list(pool.map(lambda e: login(e, PASSWORD), crowd_emails))
crowd_tokens = [s["accessToken"] for s in crowd_sessions]
crowd_index = {s["user"]["id"]: k for k, s in enumerate(crowd_sessions)}
crowd_rows = [line.split("|") for line in psql("""
with size as (select course_id, count(*) as n from courses.lessons group by course_id),
popular as (select c.id, s.n from courses.courses c join size s on s.course_id = c.id
            where c.slug like 'bench-%-0')
select e.student_id, e.id, p.lesson_id,
       case when e.course_id = popular.id then 'popular' else 'spread' end,
       row_number() over (partition by e.id order by md5(p.id::text))
from enrollment.enrollments e
join size on size.course_id = e.course_id
join enrollment.lesson_progress p on p.enrollment_id = e.id
cross join popular
where e.student_id in (select id from users.users where password_hash like 'pbkdf2-sha256$1000$%')
  and (e.course_id = popular.id or abs(size.n - popular.n) <= 2)
""").split()]
popular = [(crowd_index[s], e, l) for s, e, l, kind, n in crowd_rows
           if kind == "popular" and int(n) == 1]
spread = [(crowd_index[s], e, l) for s, e, l, kind, n in crowd_rows
          if kind == "spread" and int(n) == 1]
rnd.shuffle(popular)
rnd.shuffle(spread)
timings["crowd_logins_s"] = round(time.time() - t, 1)

# Numbered rows for the pgbench scripts of the endpoints' whole transactions (bench/pgbench/*.sql):
# the same enrolments, courses, tutorial records and (student, quiz) pairs the wrk scenarios use.
values = lambda rows: ",".join("(" + ",".join(f"'{v}'" for v in r) + ")" for r in rows)
psql(f"""
drop table if exists bench.progress_k, bench.course_k, bench.tutorial_k, bench.quiz_k, bench.word_k;
create table bench.progress_k as
select row_number() over (order by v.e) as k, e.id as enrollment_id, e.student_id, e.course_id
from (values {values([(e,) for _, e in progress])}) v (e) join enrollment.enrollments e on e.id = v.e::uuid;
create table bench.course_k as
select row_number() over (order by c.id) as k, c.id as course_id, c.instructor_id
from courses.courses c where c.slug like 'bench-%';
create table bench.tutorial_k as
select row_number() over (order by v.u, v.t) as k, v.u::uuid as user_id, v.t as tutorial_id
from (values {values([(user_ids[i], t) for i, t in tutorials])}) v (u, t);
create table bench.quiz_k as
select row_number() over (order by v.u, v.q) - 1 as k, v.u::uuid as student_id, q.id as quiz_id,
       q.course_id, q.lesson_id, e.id as enrollment_id
from (values {values([(u, q) for _, u, q, _ in quizzes])}) v (u, q)
join quiz.quizzes q on q.id = v.q::uuid
join enrollment.enrollments e on e.student_id = v.u::uuid and e.course_id = q.course_id;
create table bench.word_k as
select row_number() over (order by w) as k, w as word, coalesce(ids[1], f) as c1,
       coalesce(ids[2], f) as c2, coalesce(ids[3], f) as c3, coalesce(ids[4], f) as c4,
       coalesce(ins[1], g) as i1, coalesce(ins[2], g) as i2, coalesce(ins[3], g) as i3,
       coalesce(ins[4], g) as i4
from unnest(array[{",".join(f"'{w}'" for w in WORDS)}]) w
cross join lateral (
  select array_agg(id::text order by published_at desc, id) as ids,
         array_agg(instructor_id::text order by published_at desc, id) as ins
  from (select id, instructor_id, published_at from courses.courses
        where is_published and search_vector @@ websearch_to_tsquery('english', w)
        order by published_at desc, id limit 4) x) m
cross join lateral (select min(id::text) as f, min(instructor_id::text) as g
                    from courses.courses where slug like 'bench-%') d;
alter table bench.progress_k add primary key (k);
alter table bench.course_k add primary key (k);
alter table bench.tutorial_k add primary key (k);
alter table bench.quiz_k add primary key (k);
alter table bench.word_k add primary key (k);
analyze bench.progress_k, bench.course_k, bench.tutorial_k, bench.quiz_k, bench.word_k;
-- The bulk updates above left a dead version of every progress row; a live database's autovacuum
-- would have freed that room long ago, and the progress writes need it to stay HOT.
vacuum (analyze) enrollment.enrollments, enrollment.lesson_progress;
""")

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
counts.update({"crowd_students": CROWD, "crowd_popular_rows": len(popular),
               "crowd_spread_rows": len(spread)})
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
write("crowd-tokens.txt", crowd_tokens)
write("popular.txt", popular)
write("spread.txt", spread)
write("words.txt", WORDS)
write("login.txt", [(e, PASSWORD) for e in emails])
write("admin.txt", [admin])
with open(os.path.join(OUT, "seed.json"), "w") as f:
    json.dump({"counts": counts, "timings": timings}, f, indent=1)
print(json.dumps({"counts": counts, "timings": timings}))
