--liquibase formatted sql

--changeset lectern:enrollment-002-watch-sessions
-- Heartbeats summarised as they arrive (ADR 0020): one row per run of heartbeats on one lesson
-- with no gap longer than LMS_ACTIVITY_SESSION_GAP_SECONDS, instead of a row per heartbeat (a
-- player beats every 30 s: that would be 120 rows an hour per learner).
CREATE TABLE enrollment.watch_sessions (
    id               bigserial    PRIMARY KEY,
    enrollment_id    uuid         NOT NULL REFERENCES enrollment.enrollments (id) ON DELETE CASCADE,
    lesson_id        uuid         NOT NULL,
    started_at       timestamptz  NOT NULL,
    ended_at         timestamptz  NOT NULL,
    heartbeats       integer      NOT NULL CHECK (heartbeats >= 1),
    seconds_watched  integer      NOT NULL CHECK (seconds_watched >= 0),
    CHECK (ended_at >= started_at)
);
-- The history pages by start; a heartbeat looks for its lesson's latest session.
CREATE INDEX watch_sessions_history_idx ON enrollment.watch_sessions (enrollment_id, started_at, id);
CREATE INDEX watch_sessions_lesson_idx ON enrollment.watch_sessions (enrollment_id, lesson_id, ended_at);
