-- requests: 1
-- The heartbeat endpoint's whole transaction, statement by statement as the server sends it
-- (POST /api/v1/enrollments/{id}/lessons/{lessonId}/heartbeat on a started lesson; bench/probe.py
-- captures the server's statements in every run and the report compares the counts): the caller's
-- rate-limit counter (its own autocommit statement), then lock the enrolment, read the course
-- outline, the capped heartbeat update that also sums the enrolment's totals, the watch session's
-- upsert (grow the session the beat continues, or start one), the enrolment update
-- (every column, as Hibernate writes it), commit. The report shows it next to the single-statement ceiling
-- (heartbeat.sql): it is what PostgreSQL alone can do for the endpoint. The first select only picks
-- a random started (enrolment, lesson) row from bench.hb_pairs (:npairs is passed with -D).
\set k random(1, :npairs)
select h.enrollment_id as e, h.lesson_id as l, e.course_id as c, e.student_id as u
  from bench.hb_pairs h join enrollment.enrollments e on e.id = h.enrollment_id where h.k = :k \gset
insert into users.rate_limit_counters as c (limit_key, window_start, hits)
  values ('writes' || chr(58) || 'user' || chr(58) || cast(:u as text), date_trunc('minute', now()), 1)
  on conflict (limit_key) do update
  set hits = case when excluded.window_start > c.window_start then 1 else c.hits + 1 end,
      window_start = greatest(c.window_start, excluded.window_start)
  returning hits, window_start;
begin;
select id, student_id, course_id, status, progress_percentage, completed_lessons_count,
  total_lessons_count, total_time_spent_seconds, rating, review, reviewed_at,
  certificate_issued_at, completed_at, dropped_at, last_accessed_at, created_at, updated_at, version
  from enrollment.enrollments where id = :e for no key update;
select id, course_id, parent_lesson_id, title, slug, lesson_type, order_index, duration_minutes,
  is_preview, created_at from courses.lessons where course_id = :c;
with cur as (select id, cast(least(1, 300, greatest(0, cast(floor(extract(epoch from (now()
    - first_started_at))) as bigint) + 60 - time_spent_seconds)) as integer) as accepted
  from enrollment.lesson_progress
  where enrollment_id = :e and lesson_id = :l and first_started_at is not null for update),
tot as (select count(*) filter (where t.status = 'completed'
    and t.lesson_id = any(array(select id from courses.lessons where course_id = :c))) as completed,
  coalesce(sum(t.time_spent_seconds), 0) as spent
  from enrollment.lesson_progress t where t.enrollment_id = :e)
update enrollment.lesson_progress p set
  time_spent_seconds = p.time_spent_seconds + cur.accepted,
  last_position_seconds = case when true and (p.last_accessed_at is null
    or p.last_accessed_at <= now()) then 17 else p.last_position_seconds end,
  last_accessed_at = greatest(p.last_accessed_at, now()),
  status = case when p.status = 'not_started' then 'in_progress' else p.status end,
  updated_at = now()
from cur, tot where p.id = cur.id
returning p.lesson_id, p.status, p.time_spent_seconds, p.attempts, p.best_score,
  p.last_position_seconds, p.completion_percentage, p.first_started_at, p.last_accessed_at,
  p.completed_at, cur.accepted, tot.completed, tot.spent + cur.accepted;
with prev as (select id from enrollment.watch_sessions
  where enrollment_id = :e and lesson_id = :l
    and ended_at >= now() - make_interval(secs => 1) - make_interval(secs => 120)
    and started_at <= now()
  order by ended_at desc limit 1),
grown as (update enrollment.watch_sessions s
  set started_at = least(s.started_at, now() - make_interval(secs => 1)),
      ended_at = greatest(s.ended_at, now()), heartbeats = s.heartbeats + 1,
      seconds_watched = s.seconds_watched + 1
  from prev where s.id = prev.id returning s.id)
insert into enrollment.watch_sessions
  (enrollment_id, lesson_id, started_at, ended_at, heartbeats, seconds_watched)
select :e, :l, now() - make_interval(secs => 1), now(), 1, 1
where not exists (select 1 from grown);
update enrollment.enrollments set certificate_issued_at = certificate_issued_at,
  completed_at = completed_at, completed_lessons_count = completed_lessons_count,
  course_id = course_id, created_at = created_at, dropped_at = dropped_at, last_accessed_at = now(),
  progress_percentage = progress_percentage, rating = rating, review = review,
  reviewed_at = reviewed_at, status = status, student_id = student_id,
  total_lessons_count = total_lessons_count, total_time_spent_seconds = total_time_spent_seconds + 1,
  updated_at = now(), version = version + 1 where id = :e and version = version;
commit;
