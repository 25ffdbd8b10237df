-- requests: 1
-- POST /v1/tutorials/progress/{tutorialId}/chapter as the server sends it (bench/probe.py captures
-- the server's statements in every run): the caller's rate-limit counter, then lock the tutorial
-- record, upsert the chapter, count the chapters and quizzes, update the record's totals, read the
-- chapters and quiz scores for the reply, the outbox event (tutorial.chapter.recorded, with its
-- webhook deliveries), commit. Over the bench students' tutorial records (bench.tutorial_k), a
-- growing watch time on one of ten chapters, as the wrk scenario sends.
\set k random(1, :ntutorials)
\set ch random(1, 10)
select user_id as u, tutorial_id as t from bench.tutorial_k where k = :k \gset
insert into users.rate_limit_counters as c (limit_key, window_start, hits)
  values ('writes' || chr(58) || 'user' || chr(58) || cast(:u as text), date_trunc('minute', now()), 1)
  on conflict (limit_key) do update
  set hits = case when excluded.window_start > c.window_start then 1 else c.hits + 1 end,
      window_start = greatest(c.window_start, excluded.window_start)
  returning hits, window_start;
begin;
select id, tutorial_id, user_id, completion_percentage, chapters_completed, total_chapters,
  certificate_eligible, certificate_earned, total_watch_time, last_watched_at
  from tutorials.tutorial_progress where tutorial_id = :t and user_id = :u for update \gset r_
insert into tutorials.chapter_progress as c
  (progress_id, chapter_id, watch_time, completed, last_position, created_at, updated_at)
  values (:r_id, 'chapter-' || :ch, cast(cast(extract(epoch from now()) as bigint) % 1000000 as integer), false, 3,
          now(), now())
  on conflict (progress_id, chapter_id) do update
  set watch_time = greatest(c.watch_time, excluded.watch_time),
      completed = c.completed or excluded.completed, last_position = excluded.last_position,
      updated_at = excluded.updated_at;
select (select count(*) from tutorials.chapter_progress where progress_id = :r_id) as chapters,
  (select count(*) from tutorials.chapter_progress where progress_id = :r_id and completed)
    as completed_chapters,
  (select coalesce(sum(watch_time), 0) from tutorials.chapter_progress where progress_id = :r_id)
    as watch_time,
  (select count(*) from tutorials.quiz_scores where progress_id = :r_id) as quizzes,
  (select count(*) from tutorials.quiz_scores where progress_id = :r_id and passed)
    as passed_quizzes \gset s_
update tutorials.tutorial_progress
  set total_chapters = 10, chapters_completed = :s_completed_chapters,
      total_watch_time = :s_watch_time, completion_percentage = 0, certificate_eligible = false,
      last_watched_at = greatest(last_watched_at, now()), updated_at = now()
  where id = :r_id and (true or (total_chapters, chapters_completed, total_watch_time,
    completion_percentage, certificate_eligible, last_watched_at) is distinct from
    (10, :s_completed_chapters, :s_watch_time, 0, false, greatest(last_watched_at, now())))
  returning id, tutorial_id, user_id, completion_percentage, chapters_completed, total_chapters,
    certificate_eligible, certificate_earned, total_watch_time, last_watched_at;
select chapter_id, watch_time, completed, last_position from tutorials.chapter_progress
  where progress_id = :r_id order by created_at, chapter_id;
select quiz_id, score, max_score, passed, attempts, completed_at from tutorials.quiz_scores
  where progress_id = :r_id order by created_at, quiz_id;
with e as (
  insert into events.outbox (id, type, schema_version, occurred_at, subject, actor, payload)
  values (gen_random_uuid(), 'tutorial.chapter.recorded', 1, now(),
          'tutorial' || chr(58) || cast(:u as text) || chr(58) || cast(:t as text), cast(:u as uuid),
          jsonb_build_object('userId', cast(:u as text), 'tutorialId', cast(:t as text),
            'chapterId', 'chapter-' || :ch, 'completed', false, 'completionPercentage', 0))
  returning id, sequence, type, subject
), tasks as (
  insert into events.consumer_task
    (consumer, event_id, event_sequence, status, next_attempt_at, created_at)
  select c.consumer, e.id, e.sequence, 'pending', now(), now()
  from e join (values ('certificates', 'enrollment.completed')) as c (consumer, type)
    on c.type = e.type
)
insert into events.webhook_delivery
  (subscription_id, event_id, event_sequence, subject, status, next_attempt_at, created_at)
select s.id, e.id, e.sequence, e.subject, 'pending', now(), now()
from e join events.webhook_subscription s
  on s.enabled and (cardinality(s.event_types) = 0 or e.type = any (s.event_types));
commit;
