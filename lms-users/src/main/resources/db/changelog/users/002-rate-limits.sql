--liquibase formatted sql

--changeset lectern:users-002-rate-limit-counters
-- One row per limit class and caller (user or address), bumped by one INSERT ... ON CONFLICT per
-- request. UNLOGGED: no WAL per request, and a crash of PostgreSQL only empties the counters (every
-- caller gets a fresh window), which a rate limit can afford. Unlogged tables are not copied to
-- replicas, so they are read and written on the primary only. A low fill factor leaves room on each
-- page so that the per-request updates stay HOT (no index column changes).
CREATE UNLOGGED TABLE users.rate_limit_counters (
    limit_key     varchar(400) PRIMARY KEY,
    window_start  timestamptz  NOT NULL,
    hits          integer      NOT NULL,
    CONSTRAINT rate_limit_counters_hits_positive CHECK (hits > 0)
) WITH (fillfactor = 70);

--changeset lectern:users-002-sign-in-failures
-- Failed sign-ins by subject ('account:<email>' or 'address:<ip>'), kept one failure window; the
-- throttle reads the n-th latest failure of a subject through the index.
CREATE UNLOGGED TABLE users.sign_in_failures (
    subject    varchar(400) NOT NULL,
    failed_at  timestamptz  NOT NULL
);
CREATE INDEX sign_in_failures_subject_idx ON users.sign_in_failures (subject, failed_at);
CREATE INDEX sign_in_failures_failed_at_idx ON users.sign_in_failures (failed_at);
