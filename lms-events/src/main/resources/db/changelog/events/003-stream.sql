--liquibase formatted sql

-- The live stream (ADR 0020). A stream position is (tx, sequence): the writing transaction's id,
-- then the row's sequence. Readers only take rows whose transaction is older than every
-- transaction still running (pg_snapshot_xmin), so no row can later appear before a position
-- already handed out; a sequence alone cannot promise that (it is drawn before commit).

--changeset lectern:events-003-stream-position
ALTER TABLE events.outbox ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX outbox_stream_idx ON events.outbox (tx, sequence);

--changeset lectern:events-003-stream-audience
-- Whose stream an event belongs to, derived from the documented payload so that no writer can
-- forget it: the learner (studentId, or userId for account and tutorial events) and the course.
ALTER TABLE events.outbox
    ADD COLUMN audience_user uuid
        GENERATED ALWAYS AS (CAST(COALESCE(payload ->> 'studentId', payload ->> 'userId') AS uuid)) STORED,
    ADD COLUMN audience_course uuid
        GENERATED ALWAYS AS (CAST(payload ->> 'courseId' AS uuid)) STORED;
CREATE INDEX outbox_stream_user_idx ON events.outbox (audience_user, tx, sequence)
    WHERE audience_user IS NOT NULL;
CREATE INDEX outbox_stream_course_idx ON events.outbox (audience_course, tx, sequence)
    WHERE audience_course IS NOT NULL;

--changeset lectern:events-003-stream-notify splitStatements:false
-- A wake-up for the stream listeners of every node, sent when the writing transaction commits
-- (NOTIFY is transactional; identical notifications of one transaction are folded into one).
-- It carries nothing: listeners read the outbox from their own position.
CREATE FUNCTION events.notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('lectern_outbox', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER outbox_notify AFTER INSERT ON events.outbox
    FOR EACH STATEMENT EXECUTE FUNCTION events.notify_outbox();
