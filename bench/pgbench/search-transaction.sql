-- requests: 1
-- GET /api/v1/courses?q=<word>&size=20&page=0|1 as the server sends it (bench/probe.py captures the
-- server's statements in every run): the caller's rate-limit counter, the page of matching ids with
-- lesson counts and the total, the courses of the page, their instructors; each its own autocommit
-- statement. The id lists are the first four courses matching the word and their instructors
-- (bench.word_k; the server pads IN lists to powers of two, a page of this seed has about four).
\set w random(1, :nwords)
\set pg random(0, 1)
\set p random(1, :nprogress)
select student_id as u from bench.progress_k where k = :p \gset
select word, c1, c2, c3, c4, i1, i2, i3, i4 from bench.word_k where k = :w \gset
insert into users.rate_limit_counters as c (limit_key, window_start, hits)
  values ('reads' || chr(58) || 'user' || chr(58) || cast(:u as text), date_trunc('minute', now()), 1)
  on conflict (limit_key) do update
  set hits = case when excluded.window_start > c.window_start then 1 else c.hits + 1 end,
      window_start = greatest(c.window_start, excluded.window_start)
  returning hits, window_start;
select c.id, (select count(*) from courses.lessons l where l.course_id = c.id) as lesson_count,
  count(*) over () as total
  from courses.courses c
  where c.is_published and c.search_vector @@ websearch_to_tsquery('english', :word)
  order by c.published_at desc, c.id limit 20 offset :pg * 20;
select id, category, created_at, description, difficulty, estimated_duration_minutes,
  instructor_id, metadata, is_published, published_at, slug, thumbnail_url, title, updated_at,
  version from courses.courses where id in (:c1, :c2, :c3, :c4);
select id, is_active, created_at, email, full_name, last_login_at, metadata, password_hash, role,
  token_epoch, updated_at, version from users.users where id in (:i1, :i2, :i3, :i4);
