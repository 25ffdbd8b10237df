--liquibase formatted sql

--changeset lectern:quiz-001-schema
CREATE SCHEMA IF NOT EXISTS quiz;

--changeset lectern:quiz-001-quizzes
-- One quiz per lesson. lesson_id and course_id point into the courses module's schema and are
-- therefore plain ids, not foreign keys (course_id is the lesson's course, fixed at creation).
CREATE TABLE quiz.quizzes (
    id                    uuid PRIMARY KEY,
    lesson_id             uuid          NOT NULL,
    course_id             uuid          NOT NULL,
    title                 varchar(500)  NOT NULL,
    description           text,
    quiz_type             varchar(20)   NOT NULL DEFAULT 'practice',
    passing_score         smallint      NOT NULL DEFAULT 70,
    time_limit_seconds    integer,
    max_attempts          integer,
    shuffle_questions     boolean       NOT NULL DEFAULT false,
    shuffle_options       boolean       NOT NULL DEFAULT false,
    show_correct_answers  varchar(30)   NOT NULL DEFAULT 'after_submit',
    grading_policy        varchar(20)   NOT NULL DEFAULT 'highest',
    is_published          boolean       NOT NULL DEFAULT false,
    metadata              jsonb         NOT NULL DEFAULT '{}'::jsonb,
    created_at            timestamptz   NOT NULL DEFAULT now(),
    updated_at            timestamptz   NOT NULL DEFAULT now(),
    version               bigint        NOT NULL DEFAULT 0,
    CONSTRAINT quizzes_lesson_key UNIQUE (lesson_id),
    CONSTRAINT quizzes_type_check CHECK (quiz_type IN ('practice', 'graded')),
    CONSTRAINT quizzes_passing_score_check CHECK (passing_score BETWEEN 0 AND 100),
    CONSTRAINT quizzes_time_limit_check CHECK (time_limit_seconds > 0),
    CONSTRAINT quizzes_max_attempts_check CHECK (max_attempts > 0),
    CONSTRAINT quizzes_show_answers_check CHECK (show_correct_answers IN ('never', 'after_submit', 'after_last_attempt')),
    CONSTRAINT quizzes_policy_check CHECK (grading_policy IN ('highest', 'latest'))
);
CREATE INDEX quizzes_course_idx ON quiz.quizzes (course_id);

--changeset lectern:quiz-001-questions
-- options: [{"id", "text", "correct"}] for multiple choice (ids stable across edits);
-- correct_answer: true/false for true_false, ["accepted", ...] for short_answer.
CREATE TABLE quiz.questions (
    id              uuid PRIMARY KEY,
    quiz_id         uuid          NOT NULL REFERENCES quiz.quizzes (id) ON DELETE CASCADE,
    question_type   varchar(20)   NOT NULL,
    question_text   text          NOT NULL,
    points          integer       NOT NULL DEFAULT 1,
    order_index     integer       NOT NULL DEFAULT 0,
    options         jsonb,
    correct_answer  jsonb,
    explanation     text,
    created_at      timestamptz   NOT NULL DEFAULT now(),
    updated_at      timestamptz   NOT NULL DEFAULT now(),
    version         bigint        NOT NULL DEFAULT 0,
    CONSTRAINT questions_type_check CHECK (question_type IN ('multiple_choice', 'true_false', 'short_answer')),
    CONSTRAINT questions_points_check CHECK (points > 0),
    CONSTRAINT questions_order_check CHECK (order_index >= 0)
);
CREATE INDEX questions_quiz_order_idx ON quiz.questions (quiz_id, order_index);

--changeset lectern:quiz-001-attempt-slots
-- One row per enrolment and quiz, locked (SELECT ... FOR UPDATE) by every attempt start so that
-- attempt numbers are consecutive and concurrent starts never open two attempts or pass the limit.
CREATE TABLE quiz.attempt_slots (
    enrollment_id   uuid          NOT NULL,
    quiz_id         uuid          NOT NULL REFERENCES quiz.quizzes (id) ON DELETE CASCADE,
    last_number     integer       NOT NULL DEFAULT 0,
    CONSTRAINT attempt_slots_pkey PRIMARY KEY (enrollment_id, quiz_id)
);

--changeset lectern:quiz-001-attempts
CREATE TABLE quiz.attempts (
    id                  uuid PRIMARY KEY,
    quiz_id             uuid          NOT NULL REFERENCES quiz.quizzes (id) ON DELETE CASCADE,
    enrollment_id       uuid          NOT NULL,
    student_id          uuid          NOT NULL,
    attempt_number      integer       NOT NULL,
    status              varchar(20)   NOT NULL DEFAULT 'in_progress',
    started_at          timestamptz   NOT NULL,
    time_limit_seconds  integer,
    deadline_at         timestamptz,
    submitted_at        timestamptz,
    graded_at           timestamptz,
    auto_submitted      boolean       NOT NULL DEFAULT false,
    score               numeric(10, 2),
    max_score           numeric(10, 2),
    percentage          numeric(5, 2),
    is_passed           boolean,
    time_taken_seconds  integer,
    answers             jsonb         NOT NULL DEFAULT '{}'::jsonb,
    question_order      jsonb         NOT NULL,
    results             jsonb,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    updated_at          timestamptz   NOT NULL DEFAULT now(),
    version             bigint        NOT NULL DEFAULT 0,
    CONSTRAINT attempts_number_key UNIQUE (enrollment_id, quiz_id, attempt_number),
    CONSTRAINT attempts_number_check CHECK (attempt_number > 0),
    CONSTRAINT attempts_status_check CHECK (status IN ('in_progress', 'submitted', 'graded')),
    CONSTRAINT attempts_percentage_check CHECK (percentage BETWEEN 0 AND 100),
    CONSTRAINT attempts_graded_check CHECK (status <> 'graded' OR (graded_at IS NOT NULL AND score IS NOT NULL))
);
-- At most one open attempt per enrolment and quiz, whatever happens above the database.
CREATE UNIQUE INDEX attempts_one_open_idx ON quiz.attempts (enrollment_id, quiz_id) WHERE status = 'in_progress';
-- The periodic sweep finds open attempts past their deadline.
CREATE INDEX attempts_open_deadline_idx ON quiz.attempts (deadline_at) WHERE status = 'in_progress';
-- Instructor list and statistics per quiz; a student's attempts per quiz.
CREATE INDEX attempts_quiz_idx ON quiz.attempts (quiz_id, status, started_at DESC);
CREATE INDEX attempts_student_idx ON quiz.attempts (student_id, quiz_id, attempt_number);

--changeset lectern:quiz-001-overrides
-- Per-student accommodations set by the instructor: extra time on every attempt, extra attempts.
CREATE TABLE quiz.overrides (
    quiz_id             uuid          NOT NULL REFERENCES quiz.quizzes (id) ON DELETE CASCADE,
    user_id             uuid          NOT NULL,
    extra_time_seconds  integer       NOT NULL DEFAULT 0,
    extra_attempts      integer       NOT NULL DEFAULT 0,
    updated_at          timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT overrides_pkey PRIMARY KEY (quiz_id, user_id),
    CONSTRAINT overrides_values_check CHECK (extra_time_seconds >= 0 AND extra_attempts >= 0)
);
