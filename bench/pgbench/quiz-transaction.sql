-- requests: 2
-- A quiz attempt, start (POST /api/v1/quizzes/{quizId}/attempts) and submit
-- (POST /api/v1/attempts/{id}/submit, graded at once), statement by statement as the server sends
-- them (bench/probe.py captures the server's statements in every run); the report counts it as two
-- requests, as the wrk scenario does. Start: the rate-limit counter; the quiz, the enrolment, the
-- attempt-number slot (insert if missing, lock, read), the open attempt, the caller's override, the
-- questions, insert the attempt, update the slot, the outbox event (quiz.attempt.started), commit.
-- Submit: the rate-limit counter; the deadline check (its own transaction), then lock the attempt,
-- the enrolment, the quiz, the questions, update the attempt with its answers and results, the
-- outbox event (quiz.attempt.graded), the graded attempts, lock the enrolment, the outline, start
-- the quiz lesson, record the score on it, sum the enrolment's totals, update the enrolment,
-- commit. (A pair's first attempt also writes the lesson's started and completed events; later
-- attempts, most of a run, do not.) Each client takes
-- (student, quiz) pairs of its own (k modulo the clients), so no two clients share an attempt slot.
\set k random(0, :nquiz / :nclients - 1) * :nclients + :client_id
select student_id as u, quiz_id as q, course_id as c, lesson_id as l, enrollment_id as e
  from bench.quiz_k where k = :k \gset
insert into users.rate_limit_counters as c (limit_key, window_start, hits)
  values ('writes' || chr(58) || 'user' || chr(58) || cast(:u as text), date_trunc('minute', now()), 1)
  on conflict (limit_key) do update
  set hits = case when excluded.window_start > c.window_start then 1 else c.hits + 1 end,
      window_start = greatest(c.window_start, excluded.window_start)
  returning hits, window_start;
begin;
select id, course_id, created_at, description, grading_policy, lesson_id, max_attempts, metadata,
  passing_score, is_published, show_correct_answers, shuffle_options, shuffle_questions,
  time_limit_seconds, title, quiz_type, updated_at, version from quiz.quizzes where id = :q;
select id, certificate_issued_at, completed_at, completed_lessons_count, course_id, created_at,
  dropped_at, last_accessed_at, progress_percentage, rating, review, reviewed_at, status, student_id,
  total_lessons_count, total_time_spent_seconds, updated_at, version
  from enrollment.enrollments where student_id = :u and course_id = :c;
insert into quiz.attempt_slots (enrollment_id, quiz_id) values (:e, :q) on conflict do nothing;
select last_number from quiz.attempt_slots where enrollment_id = :e and quiz_id = :q for update \gset
select id, answers, auto_submitted, created_at, deadline_at, enrollment_id, graded_at, max_score,
  attempt_number, is_passed, percentage, question_order, quiz_id, results, score, started_at, status,
  student_id, submitted_at, time_limit_seconds, time_taken_seconds, updated_at, version
  from quiz.attempts where enrollment_id = :e and quiz_id = :q and status = 'in_progress';
select extra_time_seconds, extra_attempts, updated_at from quiz.overrides
  where quiz_id = :q and user_id = :u;
select id, correct_answer, created_at, explanation, options, order_index, points, quiz_id,
  question_text, question_type, updated_at, version from quiz.questions where quiz_id = :q
  order by order_index, created_at, id;
insert into quiz.attempts (answers, auto_submitted, created_at, deadline_at, enrollment_id,
  graded_at, max_score, attempt_number, is_passed, percentage, question_order, quiz_id, results,
  score, started_at, status, student_id, submitted_at, time_limit_seconds, time_taken_seconds,
  updated_at, version, id)
  values (cast('{}' as jsonb), false, now(), null, :e, null, null, :last_number + 1, null, null,
  cast('[{"optionIds": ["a", "b", "c"], "questionId": "3f22bec8-bc15-4012-8a10-95891a1282b7"}, {"optionIds": ["x", "y", "z"], "questionId": "8995dfb7-20f5-47aa-a1f2-907273e6c8a3"}, {"optionIds": [], "questionId": "e6399832-a9c7-4430-b018-667954e4bc4a"}, {"optionIds": [], "questionId": "62ce2e21-5e18-4e3a-97aa-dd2cfb9c3d07"}]' as jsonb),
  :q, null, null, now(), 'in_progress', :u, null, null, null, now(), 0, gen_random_uuid())
  returning id as a \gset
update quiz.attempt_slots set last_number = :last_number + 1 where enrollment_id = :e and quiz_id = :q;
with e as (
  insert into events.outbox (id, type, schema_version, occurred_at, subject, actor, payload)
  values (gen_random_uuid(), 'quiz.attempt.started', 1, now(), 'enrollment' || chr(58) || cast(:e as text),
          cast(:u as uuid), jsonb_build_object('enrollmentId', cast(:e as text),
          'studentId', cast(:u as text), 'courseId', cast(:c as text), 'attemptId', cast(:a as text),
          'quizId', cast(:q as text), 'lessonId', cast(:l as text), 'number', :last_number + 1,
          'deadlineAt', null))
  returning id, sequence, type, subject
), tasks as (
  insert into events.consumer_task (consumer, event_id, event_sequence, status, next_attempt_at, created_at)
  select c.consumer, e.id, e.sequence, 'pending', now(), now()
  from e join (values ('certificates', 'enrollment.completed')) as c (consumer, type) on c.type = e.type
)
insert into events.webhook_delivery
  (subscription_id, event_id, event_sequence, subject, status, next_attempt_at, created_at)
select s.id, e.id, e.sequence, e.subject, 'pending', now(), now()
from e join events.webhook_subscription s
  on s.enabled and (cardinality(s.event_types) = 0 or e.type = any (s.event_types));
commit;
insert into users.rate_limit_counters as c (limit_key, window_start, hits)
  values ('writes' || chr(58) || 'user' || chr(58) || cast(:u as text), date_trunc('minute', now()), 1)
  on conflict (limit_key) do update
  set hits = case when excluded.window_start > c.window_start then 1 else c.hits + 1 end,
      window_start = greatest(c.window_start, excluded.window_start)
  returning hits, window_start;
begin;
select id from quiz.attempts where id = :a and status = 'in_progress' and deadline_at < now()
  for update skip locked;
commit;
begin;
select id, answers, auto_submitted, created_at, deadline_at, enrollment_id, graded_at, max_score,
  attempt_number, is_passed, percentage, question_order, quiz_id, results, score, started_at, status,
  student_id, submitted_at, time_limit_seconds, time_taken_seconds, updated_at, version
  from quiz.attempts where id = :a for no key update;
select id, certificate_issued_at, completed_at, completed_lessons_count, course_id, created_at,
  dropped_at, last_accessed_at, progress_percentage, rating, review, reviewed_at, status, student_id,
  total_lessons_count, total_time_spent_seconds, updated_at, version
  from enrollment.enrollments where id = :e;
select id, course_id, created_at, description, grading_policy, lesson_id, max_attempts, metadata,
  passing_score, is_published, show_correct_answers, shuffle_options, shuffle_questions,
  time_limit_seconds, title, quiz_type, updated_at, version from quiz.quizzes where id = :q;
select id, correct_answer, created_at, explanation, options, order_index, points, quiz_id,
  question_text, question_type, updated_at, version from quiz.questions where quiz_id = :q
  order by order_index, created_at, id;
update quiz.attempts set
  answers = cast('{"3f22bec8-bc15-4012-8a10-95891a1282b7": {"optionIds": ["b"]}, "62ce2e21-5e18-4e3a-97aa-dd2cfb9c3d07": {"text": "paris"}, "8995dfb7-20f5-47aa-a1f2-907273e6c8a3": {"optionIds": ["x"]}, "e6399832-a9c7-4430-b018-667954e4bc4a": {"value": false}}' as jsonb),
  auto_submitted = false, created_at = created_at, deadline_at = null, enrollment_id = :e,
  graded_at = now(), max_score = 10, attempt_number = attempt_number, is_passed = true,
  percentage = 70, question_order = question_order, quiz_id = :q,
  results = cast('[{"points": 2, "correct": true, "questionId": "3f22bec8-bc15-4012-8a10-95891a1282b7", "pointsEarned": 2}, {"points": 2, "correct": false, "questionId": "8995dfb7-20f5-47aa-a1f2-907273e6c8a3", "pointsEarned": 0}, {"points": 1, "correct": false, "questionId": "e6399832-a9c7-4430-b018-667954e4bc4a", "pointsEarned": 0}, {"points": 5, "correct": true, "questionId": "62ce2e21-5e18-4e3a-97aa-dd2cfb9c3d07", "pointsEarned": 5}]' as jsonb),
  score = 7, started_at = started_at, status = 'graded', student_id = :u, submitted_at = now(),
  time_limit_seconds = null, time_taken_seconds = 1, updated_at = now(), version = version + 1
  where id = :a and version = 0;
with e as (
  insert into events.outbox (id, type, schema_version, occurred_at, subject, actor, payload)
  values (gen_random_uuid(), 'quiz.attempt.graded', 1, now(), 'enrollment' || chr(58) || cast(:e as text),
          cast(:u as uuid), jsonb_build_object('enrollmentId', cast(:e as text),
          'studentId', cast(:u as text), 'courseId', cast(:c as text), 'attemptId', cast(:a as text),
          'quizId', cast(:q as text), 'lessonId', cast(:l as text), 'number', :last_number + 1,
          'percentage', 70.00, 'passed', true, 'autoSubmitted', false))
  returning id, sequence, type, subject
), tasks as (
  insert into events.consumer_task (consumer, event_id, event_sequence, status, next_attempt_at, created_at)
  select c.consumer, e.id, e.sequence, 'pending', now(), now()
  from e join (values ('certificates', 'enrollment.completed')) as c (consumer, type) on c.type = e.type
)
insert into events.webhook_delivery
  (subscription_id, event_id, event_sequence, subject, status, next_attempt_at, created_at)
select s.id, e.id, e.sequence, e.subject, 'pending', now(), now()
from e join events.webhook_subscription s
  on s.enabled and (cardinality(s.event_types) = 0 or e.type = any (s.event_types));
select id, answers, auto_submitted, created_at, deadline_at, enrollment_id, graded_at, max_score,
  attempt_number, is_passed, percentage, question_order, quiz_id, results, score, started_at, status,
  student_id, submitted_at, time_limit_seconds, time_taken_seconds, updated_at, version
  from quiz.attempts where enrollment_id = :e and quiz_id = :q and status = 'graded'
  order by attempt_number;
select id, version from enrollment.enrollments where id = :e for update \gset en_
select id, course_id, parent_lesson_id, title, slug, lesson_type, order_index, duration_minutes,
  is_preview, created_at from courses.lessons where course_id = :c;
insert into enrollment.lesson_progress as p (id, enrollment_id, lesson_id, status, first_started_at,
    last_accessed_at, created_at, updated_at)
  values (gen_random_uuid(), :e, :l, 'in_progress', now(), now(), now(), now())
  on conflict (enrollment_id, lesson_id) do update
  set status = case when p.status = 'not_started' then 'in_progress' else p.status end,
      first_started_at = least(p.first_started_at, excluded.first_started_at),
      last_accessed_at = greatest(p.last_accessed_at, excluded.last_accessed_at),
      updated_at = excluded.updated_at
  returning p.lesson_id, p.status, p.time_spent_seconds, p.attempts, p.best_score,
    p.last_position_seconds, p.completion_percentage, p.first_started_at, p.last_accessed_at,
    p.completed_at;
update enrollment.lesson_progress p set attempts = greatest(p.attempts, :last_number + 1),
    best_score = 70, status = 'completed', completed_at = coalesce(p.completed_at, now()),
    completion_percentage = 100, last_accessed_at = greatest(p.last_accessed_at, now()),
    updated_at = now()
  where p.enrollment_id = :e and p.lesson_id = :l
  returning p.lesson_id, p.status, p.time_spent_seconds, p.attempts, p.best_score,
    p.last_position_seconds, p.completion_percentage, p.first_started_at, p.last_accessed_at,
    p.completed_at;
select count(*) filter (where t.status = 'completed' and t.lesson_id = any(array(
    select id from courses.lessons where course_id = :c))) as completed,
  coalesce(sum(t.time_spent_seconds), 0) as spent
  from enrollment.lesson_progress t where t.enrollment_id = :e;
update enrollment.enrollments set certificate_issued_at = certificate_issued_at,
  completed_at = completed_at, completed_lessons_count = completed_lessons_count,
  course_id = course_id, created_at = created_at, dropped_at = dropped_at, last_accessed_at = now(),
  progress_percentage = progress_percentage, rating = rating, review = review,
  reviewed_at = reviewed_at, status = status, student_id = student_id,
  total_lessons_count = total_lessons_count, total_time_spent_seconds = total_time_spent_seconds,
  updated_at = now(), version = version + 1 where id = :e and version = :en_version;
commit;
