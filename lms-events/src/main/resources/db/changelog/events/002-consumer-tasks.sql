--liquibase formatted sql

-- Work that server-side consumers do for outbox events (ADR 0019): one task per consumer and
-- event, created in the statement that writes the event, claimed with SKIP LOCKED.

--changeset lectern:events-002-consumer-tasks
CREATE TABLE events.consumer_task (
    consumer         varchar(64)  NOT NULL,
    event_id         uuid         NOT NULL REFERENCES events.outbox (id),
    event_sequence   bigint       NOT NULL,
    status           varchar(16)  NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
    attempts         integer      NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz  NOT NULL,
    lease_until      timestamptz,
    last_error       varchar(500),
    done_at          timestamptz,
    created_at       timestamptz  NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX consumer_task_pending_idx ON events.consumer_task (next_attempt_at)
    WHERE status = 'pending';
