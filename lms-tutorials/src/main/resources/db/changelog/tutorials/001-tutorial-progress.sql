--liquibase formatted sql

-- The tables of seed 000 (docs/database/tutorial-progress-schema.md) in this module's own schema.
-- Differences from the seed, on purpose: user_id is our user id (uuid, NOT NULL: every row belongs to
-- a signed-in user; no foreign key across schemas), times are timestamptz, counters are NOT NULL and
-- never negative, total_watch_time is bigint (a sum of many chapters), and a quiz score never
-- exceeds its maximum.

--changeset lectern:tutorials-001-schema
CREATE SCHEMA IF NOT EXISTS tutorials;

--changeset lectern:tutorials-001-tutorial-progress
CREATE TABLE tutorials.tutorial_progress (
    id                     uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    tutorial_id            varchar(255) NOT NULL,
    user_id                uuid         NOT NULL,
    completion_percentage  integer      NOT NULL DEFAULT 0,
    chapters_completed     integer      NOT NULL DEFAULT 0,
    total_chapters         integer      NOT NULL DEFAULT 0,
    certificate_eligible   boolean      NOT NULL DEFAULT false,
    certificate_earned     boolean      NOT NULL DEFAULT false,
    total_watch_time       bigint       NOT NULL DEFAULT 0, -- seconds
    last_watched_at        timestamptz,
    created_at             timestamptz  NOT NULL DEFAULT now(),
    updated_at             timestamptz  NOT NULL DEFAULT now(),
    -- One progress record per user per tutorial: the key every upsert targets.
    CONSTRAINT tutorial_progress_tutorial_user_key UNIQUE (tutorial_id, user_id),
    CONSTRAINT tutorial_progress_percentage_check
        CHECK (completion_percentage >= 0 AND completion_percentage <= 100),
    CONSTRAINT tutorial_progress_chapters_completed_check CHECK (chapters_completed >= 0),
    CONSTRAINT tutorial_progress_total_chapters_check CHECK (total_chapters >= 0),
    CONSTRAINT tutorial_progress_watch_time_check CHECK (total_watch_time >= 0),
    CONSTRAINT tutorial_progress_tutorial_id_not_blank CHECK (btrim(tutorial_id) <> '')
);
CREATE INDEX idx_tutorial_progress_user_id ON tutorials.tutorial_progress (user_id);
CREATE INDEX idx_tutorial_progress_tutorial_id ON tutorials.tutorial_progress (tutorial_id);
CREATE INDEX idx_tutorial_progress_last_watched ON tutorials.tutorial_progress (last_watched_at DESC);
CREATE INDEX idx_tutorial_progress_certificate_earned ON tutorials.tutorial_progress (certificate_earned)
    WHERE certificate_earned = true;

--changeset lectern:tutorials-001-chapter-progress
CREATE TABLE tutorials.chapter_progress (
    id             uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    progress_id    uuid         NOT NULL REFERENCES tutorials.tutorial_progress (id) ON DELETE CASCADE,
    chapter_id     varchar(255) NOT NULL,
    watch_time     integer      NOT NULL DEFAULT 0, -- seconds
    completed      boolean      NOT NULL DEFAULT false,
    last_position  integer      NOT NULL DEFAULT 0, -- seconds
    created_at     timestamptz  NOT NULL DEFAULT now(),
    updated_at     timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT chapter_progress_progress_chapter_key UNIQUE (progress_id, chapter_id),
    CONSTRAINT chapter_progress_watch_time_check CHECK (watch_time >= 0),
    CONSTRAINT chapter_progress_last_position_check CHECK (last_position >= 0)
);
CREATE INDEX idx_chapter_progress_progress_id ON tutorials.chapter_progress (progress_id);
CREATE INDEX idx_chapter_progress_chapter_id ON tutorials.chapter_progress (chapter_id);
CREATE INDEX idx_chapter_progress_completed ON tutorials.chapter_progress (completed)
    WHERE completed = true;

--changeset lectern:tutorials-001-quiz-scores
CREATE TABLE tutorials.quiz_scores (
    id            uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    progress_id   uuid         NOT NULL REFERENCES tutorials.tutorial_progress (id) ON DELETE CASCADE,
    quiz_id       varchar(255) NOT NULL,
    score         integer      NOT NULL,
    max_score     integer      NOT NULL,
    passed        boolean      NOT NULL DEFAULT false,
    attempts      integer      NOT NULL DEFAULT 1,
    completed_at  timestamptz  NOT NULL DEFAULT now(),
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT quiz_scores_progress_quiz_key UNIQUE (progress_id, quiz_id),
    CONSTRAINT quiz_scores_score_check CHECK (score >= 0),
    CONSTRAINT quiz_scores_max_score_check CHECK (max_score > 0),
    CONSTRAINT quiz_scores_score_within_max CHECK (score <= max_score),
    CONSTRAINT quiz_scores_attempts_check CHECK (attempts >= 1)
);
CREATE INDEX idx_quiz_scores_progress_id ON tutorials.quiz_scores (progress_id);
CREATE INDEX idx_quiz_scores_quiz_id ON tutorials.quiz_scores (quiz_id);
CREATE INDEX idx_quiz_scores_passed ON tutorials.quiz_scores (passed) WHERE passed = true;
CREATE INDEX idx_quiz_scores_completed_at ON tutorials.quiz_scores (completed_at DESC);

--changeset lectern:tutorials-001-tutorial-certificates
CREATE TABLE tutorials.tutorial_certificates (
    id              uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    progress_id     uuid         NOT NULL REFERENCES tutorials.tutorial_progress (id) ON DELETE CASCADE,
    certificate_id  varchar(255) NOT NULL,
    user_name       varchar(255) NOT NULL,
    tutorial_title  varchar(500) NOT NULL,
    difficulty      varchar(50),
    duration        integer, -- minutes
    issued_at       timestamptz  NOT NULL DEFAULT now(),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT tutorial_certificates_certificate_id_key UNIQUE (certificate_id),
    -- At most one certificate per progress record: a repeated "complete" issues nothing new.
    CONSTRAINT tutorial_certificates_progress_key UNIQUE (progress_id),
    CONSTRAINT tutorial_certificates_duration_check CHECK (duration IS NULL OR duration >= 0)
);
CREATE INDEX idx_tutorial_certificates_progress_id ON tutorials.tutorial_certificates (progress_id);
CREATE INDEX idx_tutorial_certificates_certificate_id ON tutorials.tutorial_certificates (certificate_id);
CREATE INDEX idx_tutorial_certificates_issued_at ON tutorials.tutorial_certificates (issued_at DESC);
