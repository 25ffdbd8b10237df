--liquibase formatted sql

--changeset lectern:users-001-schema
CREATE SCHEMA IF NOT EXISTS users;

--changeset lectern:users-001-users
CREATE TABLE users.users (
    id             uuid PRIMARY KEY,
    email          varchar(320) NOT NULL,
    password_hash  varchar(255) NOT NULL,
    full_name      varchar(200) NOT NULL,
    role           varchar(20)  NOT NULL,
    is_active      boolean      NOT NULL DEFAULT true,
    metadata       jsonb        NOT NULL DEFAULT '{}'::jsonb,
    created_at     timestamptz  NOT NULL DEFAULT now(),
    updated_at     timestamptz  NOT NULL DEFAULT now(),
    last_login_at  timestamptz,
    version        bigint       NOT NULL DEFAULT 0,
    CONSTRAINT users_role_check CHECK (role IN ('admin', 'instructor', 'student')),
    CONSTRAINT users_email_normalized CHECK (email = lower(btrim(email))),
    CONSTRAINT users_full_name_not_blank CHECK (btrim(full_name) <> '')
);
-- Emails are stored lower-cased; the index on lower() keeps uniqueness case-insensitive even so.
CREATE UNIQUE INDEX users_email_key ON users.users (lower(email));
CREATE INDEX users_role_idx ON users.users (role);
CREATE INDEX users_created_idx ON users.users (created_at, id);

--changeset lectern:users-001-refresh-tokens
CREATE TABLE users.refresh_tokens (
    id           uuid PRIMARY KEY,
    user_id      uuid        NOT NULL REFERENCES users.users (id) ON DELETE CASCADE,
    token_jti    varchar(64) NOT NULL UNIQUE,
    secret_hash  char(64)    NOT NULL,
    family_id    uuid        NOT NULL,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    revoked_at   timestamptz,
    user_agent   varchar(500),
    ip_address   varchar(64),
    created_at   timestamptz NOT NULL DEFAULT now(),
    version      bigint      NOT NULL DEFAULT 0
);
CREATE INDEX refresh_tokens_user_live_idx ON users.refresh_tokens (user_id) WHERE revoked_at IS NULL;
CREATE INDEX refresh_tokens_family_idx ON users.refresh_tokens (family_id);
CREATE INDEX refresh_tokens_expires_idx ON users.refresh_tokens (expires_at);
