--liquibase formatted sql

--changeset lectern:users-003-token-epoch
-- Bumped (with a NOTIFY on lectern_token_epoch) whenever the user's live access tokens must stop
-- working: deactivation, role change, sign-out everywhere, password change. Access tokens carry
-- the epoch they were issued at; tokens issued before this column existed count as epoch 0.
-- Hibernate does not map the column, so entity updates never write a stale value back.
ALTER TABLE users.users ADD COLUMN token_epoch bigint NOT NULL DEFAULT 0;
ALTER TABLE users.users ADD CONSTRAINT users_token_epoch_check CHECK (token_epoch >= 0);

--changeset lectern:users-003-signing-keys
-- The RS256 keys every server signs and verifies access tokens with. The newest key whose
-- activates_at has passed signs; every key until its retires_at verifies (and is in the JWKS).
CREATE TABLE users.signing_keys (
    kid           varchar(64)  PRIMARY KEY,
    public_key    text         NOT NULL,
    private_key   text         NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    activates_at  timestamptz  NOT NULL,
    retires_at    timestamptz,
    CONSTRAINT signing_keys_retires_after_activation CHECK (retires_at IS NULL OR retires_at >= activates_at)
);
CREATE INDEX signing_keys_activation_idx ON users.signing_keys (activates_at DESC);
