-- requests: 1
-- GET /api/v1/enrollments/{id}/progress as the server sends it (bench/probe.py captures the
-- server's statements in every run): the caller's rate-limit counter, the enrolment, the course with
-- its lesson count, the outline, the enrolment's lesson rows; each its own autocommit statement (the
-- read runs outside a transaction). Over the bench students' enrolments (bench.progress_k).
\set k random(1, :nprogress)
select enrollment_id as e, student_id as u, course_id as c from bench.progress_k where k = :k \gset
insert into users.rate_limit_counters as c (limit_key, window_start, hits)
  values ('reads' || chr(58) || 'user' || chr(58) || cast(:u as text), date_trunc('minute', now()), 1)
  on conflict (limit_key) do update
  set hits = case when excluded.window_start > c.window_start then 1 else c.hits + 1 end,
      window_start = greatest(c.window_start, excluded.window_start)
  returning hits, window_start;
select id, certificate_issued_at, completed_at, completed_lessons_count, course_id, created_at,
  dropped_at, last_accessed_at, progress_percentage, rating, review, reviewed_at, status, student_id,
  total_lessons_count, total_time_spent_seconds, updated_at, version
  from enrollment.enrollments where id = :e;
select c.id, c.category, c.created_at, c.description, c.difficulty, c.estimated_duration_minutes,
  c.instructor_id, c.metadata, c.is_published, c.published_at, c.slug, c.thumbnail_url, c.title,
  c.updated_at, c.version, (select count(l.id) from courses.lessons l where l.course_id = c.id)
  from courses.courses c where c.id = :c;
select id, course_id, parent_lesson_id, title, slug, lesson_type, order_index, duration_minutes,
  is_preview, created_at from courses.lessons where course_id = :c;
select p.enrollment_id, p.lesson_id, p.status, p.time_spent_seconds, p.attempts, p.best_score,
  p.last_position_seconds, p.completion_percentage, p.first_started_at, p.last_accessed_at,
  p.completed_at from enrollment.lesson_progress p where p.enrollment_id in (:e);
