--liquibase formatted sql

-- Lessons that launch an external LTI 1.3 tool (ADR 0022); the tool link lives in schema `lti`.

--changeset lectern:courses-002-lti-lesson-type
ALTER TABLE courses.lessons DROP CONSTRAINT lessons_type_check;
ALTER TABLE courses.lessons ADD CONSTRAINT lessons_type_check
    CHECK (lesson_type IN ('video', 'text', 'quiz', 'assignment', 'lti'));
