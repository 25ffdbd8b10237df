-- requests: 1
-- GET /api/v1/courses/{id} as the server sends it (bench/probe.py captures the server's statements
-- in every run): the caller's rate-limit counter, the course, its outline, its instructor; each its
-- own autocommit statement. Over the bench courses (bench.course_k); the caller is a bench student.
\set k random(1, :ncourses)
\set p random(1, :nprogress)
select student_id as u from bench.progress_k where k = :p \gset
select course_id as c, instructor_id as i from bench.course_k where k = :k \gset
insert into users.rate_limit_counters as c (limit_key, window_start, hits)
  values ('reads' || chr(58) || 'user' || chr(58) || cast(:u as text), date_trunc('minute', now()), 1)
  on conflict (limit_key) do update
  set hits = case when excluded.window_start > c.window_start then 1 else c.hits + 1 end,
      window_start = greatest(c.window_start, excluded.window_start)
  returning hits, window_start;
select id, category, created_at, description, difficulty, estimated_duration_minutes,
  instructor_id, metadata, is_published, published_at, slug, thumbnail_url, title, updated_at,
  version from courses.courses where id = :c;
select id, course_id, parent_lesson_id, title, slug, lesson_type, order_index, duration_minutes,
  is_preview, created_at from courses.lessons where course_id = :c;
select id, is_active, created_at, email, full_name, last_login_at, metadata, password_hash, role,
  token_epoch, updated_at, version from users.users where id in (:i);
