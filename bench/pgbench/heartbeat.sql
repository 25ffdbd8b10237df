-- The heartbeat endpoint's own statement (lms-enrollment ProgressRepository.heartbeat): lock the
-- lesson row, cap the seconds (at most 300, never beyond the time since the first start + 60 s),
-- add them, and sum the enrolment's totals (completed lessons of the outline, time), in one
-- statement. Each transaction picks a random started (enrolment, lesson) row numbered by the
-- seeder in bench.hb_pairs (:npairs is passed with -D); the outline is the course's lesson ids.
\set k random(1, :npairs)
with pair as (select h.enrollment_id, h.lesson_id, e.course_id from bench.hb_pairs h
    join enrollment.enrollments e on e.id = h.enrollment_id where h.k = :k),
cur as (select id, cast(least(1, 300, greatest(0, cast(floor(extract(epoch from (now()
    - first_started_at))) as bigint) + 60 - time_spent_seconds)) as integer) as accepted
  from enrollment.lesson_progress
  where (enrollment_id, lesson_id) = (select enrollment_id, lesson_id from pair)
    and first_started_at is not null for update),
tot as (select count(*) filter (where t.status = 'completed' and t.lesson_id = any(array(
    select id from courses.lessons where course_id = (select course_id from pair)))) as completed,
  coalesce(sum(t.time_spent_seconds), 0) as spent
  from enrollment.lesson_progress t where t.enrollment_id = (select enrollment_id from pair))
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
