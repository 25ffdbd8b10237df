--liquibase formatted sql

--changeset lectern:courses-001-schema
CREATE SCHEMA IF NOT EXISTS courses;

--changeset lectern:courses-001-courses
CREATE TABLE courses.courses (
    id                          uuid PRIMARY KEY,
    title                       varchar(500)  NOT NULL,
    slug                        varchar(120)  NOT NULL,
    description                 text,
    instructor_id               uuid          NOT NULL,
    category                    varchar(100),
    difficulty                  varchar(20),
    is_published                boolean       NOT NULL DEFAULT false,
    published_at                timestamptz,
    thumbnail_url               varchar(1000),
    estimated_duration_minutes  integer,
    metadata                    jsonb         NOT NULL DEFAULT '{}'::jsonb,
    created_at                  timestamptz   NOT NULL DEFAULT now(),
    updated_at                  timestamptz   NOT NULL DEFAULT now(),
    version                     bigint        NOT NULL DEFAULT 0,
    -- Full-text search over title (weight A) and description (weight B), kept by PostgreSQL.
    search_vector               tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(description, '')), 'B')) STORED,
    CONSTRAINT courses_slug_key UNIQUE (slug),
    CONSTRAINT courses_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    CONSTRAINT courses_title_not_blank CHECK (btrim(title) <> ''),
    CONSTRAINT courses_difficulty_check CHECK (difficulty IN ('beginner', 'intermediate', 'advanced')),
    CONSTRAINT courses_duration_check CHECK (estimated_duration_minutes >= 0),
    CONSTRAINT courses_published_at_check CHECK (NOT is_published OR published_at IS NOT NULL)
);
CREATE INDEX courses_search_idx ON courses.courses USING gin (search_vector);
CREATE INDEX courses_catalogue_newest_idx ON courses.courses (published_at DESC, id) WHERE is_published;
CREATE INDEX courses_catalogue_title_idx ON courses.courses (lower(title), id) WHERE is_published;
CREATE INDEX courses_category_idx ON courses.courses (category) WHERE is_published;
CREATE INDEX courses_instructor_idx ON courses.courses (instructor_id, created_at);

--changeset lectern:courses-001-lessons
CREATE TABLE courses.lessons (
    id                uuid PRIMARY KEY,
    course_id         uuid          NOT NULL REFERENCES courses.courses (id) ON DELETE CASCADE,
    parent_lesson_id  uuid          REFERENCES courses.lessons (id) ON DELETE CASCADE,
    title             varchar(500)  NOT NULL,
    slug              varchar(120)  NOT NULL,
    description       text,
    content           text,
    lesson_type       varchar(20)   NOT NULL DEFAULT 'text',
    order_index       integer       NOT NULL,
    duration_minutes  integer,
    video_url         varchar(1000),
    is_preview        boolean       NOT NULL DEFAULT false,
    metadata          jsonb         NOT NULL DEFAULT '{}'::jsonb,
    created_at        timestamptz   NOT NULL DEFAULT now(),
    updated_at        timestamptz   NOT NULL DEFAULT now(),
    version           bigint        NOT NULL DEFAULT 0,
    CONSTRAINT lessons_course_slug_key UNIQUE (course_id, slug),
    CONSTRAINT lessons_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    CONSTRAINT lessons_title_not_blank CHECK (btrim(title) <> ''),
    CONSTRAINT lessons_type_check CHECK (lesson_type IN ('video', 'text', 'quiz', 'assignment')),
    CONSTRAINT lessons_order_check CHECK (order_index >= 0),
    CONSTRAINT lessons_duration_check CHECK (duration_minutes >= 0),
    CONSTRAINT lessons_not_own_parent CHECK (parent_lesson_id IS NULL OR parent_lesson_id <> id)
);
CREATE INDEX lessons_outline_idx ON courses.lessons (course_id, parent_lesson_id, order_index);
CREATE INDEX lessons_parent_idx ON courses.lessons (parent_lesson_id);
