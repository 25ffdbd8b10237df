--liquibase formatted sql

--changeset lectern:enrollment-003-hot-progress-writes
-- Every progress write updates its enrolment row (totals, last access, updated_at, version) and its
-- lesson row. An update that changes an indexed column, or finds no room on the row's page, is not
-- HOT: it adds an entry to every index of the table. With the enrolment's updated_at in
-- enrollments_student_recent_idx no enrolment update was HOT, so each heartbeat also added the key
-- (course, 'active') to enrollments_course_status_idx: in a course with thousands of active
-- learners all those insertions hit the same index leaf pages, and the writers queued on their
-- locks (the popular-course benchmark ran at about 60 % of the same load spread over courses).
-- A student's own enrolments are found through enrollments_student_course_key (student_id first)
-- and sorted in memory (a student has tens of them, not millions), so the recency index goes; the
-- fill factors leave room on each page for the new row version. Pages written before this change
-- keep no free room until the table is rewritten (VACUUM FULL or pg_repack); updates then free it
-- as they go.
DROP INDEX enrollment.enrollments_student_recent_idx;
ALTER TABLE enrollment.enrollments SET (fillfactor = 80);
ALTER TABLE enrollment.lesson_progress SET (fillfactor = 85);
