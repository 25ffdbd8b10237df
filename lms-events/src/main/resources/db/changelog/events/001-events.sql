--liquibase formatted sql

-- The transactional outbox and webhook delivery (ADR 0019). Every domain fact is one outbox row,
-- written in the transaction of the change that causes it; webhook deliveries are created in that
-- same statement for the subscriptions that want the event, so none can be missed by a reader that
-- races a slower transaction.

--changeset lectern:events-001-schema
CREATE SCHEMA IF NOT EXISTS events;

--changeset lectern:events-001-outbox
CREATE TABLE events.outbox (
    id              uuid         PRIMARY KEY,
    -- Insertion order; per subject also commit order (writers of one subject hold its row lock).
    sequence        bigserial    NOT NULL UNIQUE,
    type            varchar(64)  NOT NULL,
    schema_version  integer      NOT NULL CHECK (schema_version >= 1),
    occurred_at     timestamptz  NOT NULL,
    subject         varchar(128) NOT NULL,
    actor           uuid,
    payload         jsonb        NOT NULL,
    recorded_at     timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX outbox_subject_sequence_idx ON events.outbox (subject, sequence);

--changeset lectern:events-001-webhooks
CREATE TABLE events.webhook_subscription (
    id                    uuid          PRIMARY KEY,
    url                   varchar(2048) NOT NULL,
    description           varchar(500),
    -- Empty: every event type.
    event_types           text[]        NOT NULL DEFAULT '{}',
    -- whsec_ + base64 key; the server signs with it, so it is kept (see ADR 0019).
    secret                varchar(100)  NOT NULL,
    enabled               boolean       NOT NULL DEFAULT true,
    consecutive_failures  integer       NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
    disabled_reason       varchar(500),
    created_at            timestamptz   NOT NULL,
    updated_at            timestamptz   NOT NULL
);

CREATE TABLE events.webhook_delivery (
    subscription_id   uuid         NOT NULL REFERENCES events.webhook_subscription (id) ON DELETE CASCADE,
    event_id          uuid         NOT NULL REFERENCES events.outbox (id),
    event_sequence    bigint       NOT NULL,
    subject           varchar(128) NOT NULL,
    status            varchar(16)  NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts          integer      NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at   timestamptz  NOT NULL,
    lease_until       timestamptz,
    last_status_code  integer,
    last_error        varchar(500),
    last_attempt_at   timestamptz,
    last_duration_ms  integer,
    delivered_at      timestamptz,
    created_at        timestamptz  NOT NULL,
    PRIMARY KEY (subscription_id, event_id)
);
-- What the dispatcher scans: due pending deliveries, and the earlier pending ones of a subject.
CREATE INDEX webhook_delivery_pending_idx ON events.webhook_delivery (next_attempt_at)
    WHERE status = 'pending';
CREATE INDEX webhook_delivery_subject_idx ON events.webhook_delivery (subscription_id, subject, event_sequence)
    WHERE status = 'pending';
CREATE INDEX webhook_delivery_log_idx ON events.webhook_delivery (subscription_id, event_sequence DESC);

CREATE TABLE events.webhook_attempt (
    id               bigserial    PRIMARY KEY,
    subscription_id  uuid         NOT NULL,
    event_id         uuid         NOT NULL,
    attempted_at     timestamptz  NOT NULL,
    status_code      integer,
    duration_ms      integer      NOT NULL,
    error            varchar(500),
    FOREIGN KEY (subscription_id, event_id)
        REFERENCES events.webhook_delivery (subscription_id, event_id) ON DELETE CASCADE
);
CREATE INDEX webhook_attempt_delivery_idx ON events.webhook_attempt (subscription_id, event_id, id);
