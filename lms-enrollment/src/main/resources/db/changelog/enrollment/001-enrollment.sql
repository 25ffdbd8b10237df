--liquibase formatted sql

--changeset lectern:enrollment-001-schema
CREATE SCHEMA IF NOT EXISTS enrollment;

--changeset lectern:enrollment-001-enrollments
-- One row per student and course: dropping and enrolling again reactivates the same row, so the
-- unique key is the "one live enrolment" rule. student_id and course_id point into other modules'
-- schemas and are therefore plain ids, not foreign keys.
CREATE TABLE enrollment.enrollments (
    id                         uuid PRIMARY KEY,
    student_id                 uuid          NOT NULL,
    course_id                  uuid          NOT NULL,
    status                     varchar(20)   NOT NULL DEFAULT 'active',
    progress_percentage        numeric(5, 2) NOT NULL DEFAULT 0,
    completed_lessons_count    integer       NOT NULL DEFAULT 0,
    total_lessons_count        integer       NOT NULL DEFAULT 0,
    total_time_spent_seconds   bigint        NOT NULL DEFAULT 0,
    rating                     smallint,
    review                     text,
    reviewed_at                timestamptz,
    certificate_issued_at      timestamptz,
    completed_at               timestamptz,
    dropped_at                 timestamptz,
    last_accessed_at           timestamptz,
    created_at                 timestamptz   NOT NULL DEFAULT now(),
    updated_at                 timestamptz   NOT NULL DEFAULT now(),
    version                    bigint        NOT NULL DEFAULT 0,
    CONSTRAINT enrollments_student_course_key UNIQUE (student_id, course_id),
    CONSTRAINT enrollments_status_check CHECK (status IN ('active', 'completed', 'dropped', 'expired')),
    CONSTRAINT enrollments_progress_check CHECK (progress_percentage BETWEEN 0 AND 100),
    CONSTRAINT enrollments_counts_check CHECK (completed_lessons_count >= 0 AND total_lessons_count >= 0),
    CONSTRAINT enrollments_time_check CHECK (total_time_spent_seconds >= 0),
    CONSTRAINT enrollments_rating_check CHECK (rating BETWEEN 1 AND 5),
    CONSTRAINT enrollments_review_check CHECK (char_length(review) BETWEEN 10 AND 2000),
    CONSTRAINT enrollments_completed_at_check CHECK (status <> 'completed' OR completed_at IS NOT NULL)
);
-- A student's enrolments, most recently active first (GET /me/enrollments).
CREATE INDEX enrollments_student_recent_idx ON enrollment.enrollments (student_id, updated_at DESC, id);
-- A course's enrolments by status (instructor list, analytics summary, hasEnrollments).
CREATE INDEX enrollments_course_status_idx ON enrollment.enrollments (course_id, status);

--changeset lectern:enrollment-001-lesson-progress
CREATE TABLE enrollment.lesson_progress (
    id                      uuid PRIMARY KEY,
    enrollment_id           uuid          NOT NULL REFERENCES enrollment.enrollments (id) ON DELETE CASCADE,
    lesson_id               uuid          NOT NULL,
    status                  varchar(20)   NOT NULL DEFAULT 'not_started',
    time_spent_seconds      integer       NOT NULL DEFAULT 0,
    attempts                integer       NOT NULL DEFAULT 0,
    best_score              smallint,
    last_position_seconds   integer       NOT NULL DEFAULT 0,
    completion_percentage   numeric(5, 2) NOT NULL DEFAULT 0,
    first_started_at        timestamptz,
    last_accessed_at        timestamptz,
    completed_at            timestamptz,
    created_at              timestamptz   NOT NULL DEFAULT now(),
    updated_at              timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT lesson_progress_enrollment_lesson_key UNIQUE (enrollment_id, lesson_id),
    CONSTRAINT lesson_progress_status_check CHECK (status IN ('not_started', 'in_progress', 'completed')),
    CONSTRAINT lesson_progress_time_check CHECK (time_spent_seconds >= 0),
    CONSTRAINT lesson_progress_attempts_check CHECK (attempts >= 0),
    CONSTRAINT lesson_progress_score_check CHECK (best_score BETWEEN 0 AND 100),
    CONSTRAINT lesson_progress_position_check CHECK (last_position_seconds >= 0),
    CONSTRAINT lesson_progress_completion_check CHECK (completion_percentage BETWEEN 0 AND 100),
    CONSTRAINT lesson_progress_completed_at_check CHECK (status <> 'completed' OR completed_at IS NOT NULL)
);
-- Per-lesson analytics across a course's learners (the unique key serves per-enrolment reads).
CREATE INDEX lesson_progress_lesson_idx ON enrollment.lesson_progress (lesson_id, status);

--changeset lectern:enrollment-001-sync-events
-- Offline sync: every event id is applied at most once per enrolment.
CREATE TABLE enrollment.processed_sync_events (
    enrollment_id  uuid          NOT NULL REFERENCES enrollment.enrollments (id) ON DELETE CASCADE,
    event_id       varchar(100)  NOT NULL,
    lesson_id      uuid          NOT NULL,
    event_type     varchar(20)   NOT NULL,
    occurred_at    timestamptz   NOT NULL,
    processed_at   timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT processed_sync_events_pkey PRIMARY KEY (enrollment_id, event_id),
    CONSTRAINT processed_sync_events_type_check CHECK (event_type IN ('start', 'heartbeat', 'complete'))
);

--changeset lectern:enrollment-001-course-completions
-- A durable record of every course completion, written in the transaction that completes the
-- enrolment (at most one per enrolment); certificates can reconcile from it if an after-commit
-- observer ever misses the CourseCompleted event.
CREATE TABLE enrollment.course_completions (
    enrollment_id  uuid          PRIMARY KEY REFERENCES enrollment.enrollments (id) ON DELETE CASCADE,
    student_id     uuid          NOT NULL,
    course_id      uuid          NOT NULL,
    completed_at   timestamptz   NOT NULL
);
CREATE INDEX course_completions_course_idx ON enrollment.course_completions (course_id, completed_at);
