--liquibase formatted sql

--changeset lectern:users-sso-external-identities
-- Who a user is at an OpenID provider: the provider's stable subject, never the email (an email
-- can change owner at the provider; the subject cannot).
CREATE TABLE users.external_identities (
    provider    varchar(40)  NOT NULL,
    subject     varchar(255) NOT NULL,
    user_id     uuid         NOT NULL REFERENCES users.users (id) ON DELETE CASCADE,
    email       varchar(320),
    created_at  timestamptz  NOT NULL DEFAULT now(),
    last_login_at timestamptz,
    PRIMARY KEY (provider, subject)
);
CREATE INDEX external_identities_user_idx ON users.external_identities (user_id);

--changeset lectern:users-sso-login-attempts
-- A sign-in sent to a provider and not yet back: kept in the database, not in a session, so that
-- any server can finish it. Each row is deleted when used (single use) or once expired.
CREATE TABLE users.sso_login_attempts (
    state          varchar(64)  PRIMARY KEY,
    provider       varchar(40)  NOT NULL,
    nonce          varchar(64)  NOT NULL,
    code_verifier  varchar(128) NOT NULL,
    created_at     timestamptz  NOT NULL,
    expires_at     timestamptz  NOT NULL
);
CREATE INDEX sso_login_attempts_expiry_idx ON users.sso_login_attempts (expires_at);

--changeset lectern:users-sso-exchange-codes
-- The one-time code the front end exchanges for Lectern tokens; only its SHA-256 is stored.
CREATE TABLE users.sso_exchange_codes (
    code_hash   varchar(64)  PRIMARY KEY,
    user_id     uuid         NOT NULL REFERENCES users.users (id) ON DELETE CASCADE,
    created_at  timestamptz  NOT NULL,
    expires_at  timestamptz  NOT NULL
);
CREATE INDEX sso_exchange_codes_expiry_idx ON users.sso_exchange_codes (expires_at);
