--liquibase formatted sql

-- The LTI 1.3 platform (ADR 0022): registered tools, the lessons that launch them, single-use
-- launch hints, the tools' access tokens and replay guards, line items and scores.
-- Users, courses and lessons are other modules' rows: referenced by id, without foreign keys.

--changeset lectern:lti-001-schema
CREATE SCHEMA IF NOT EXISTS lti;

--changeset lectern:lti-001-tools
CREATE TABLE lti.tool (
    id                uuid          PRIMARY KEY,
    name              varchar(200)  NOT NULL CHECK (btrim(name) <> ''),
    -- Assigned by Lectern; the tool names itself with it (iss/sub of its assertions, aud of ours).
    client_id         varchar(64)   NOT NULL UNIQUE,
    login_url         varchar(2048) NOT NULL,
    target_link_uri   varchar(2048) NOT NULL,
    redirect_uris     text[]        NOT NULL CHECK (cardinality(redirect_uris) >= 1),
    deep_linking_url  varchar(2048),
    -- Exactly one way to verify the tool's signatures.
    jwks_url          varchar(2048),
    public_key_pem    text,
    deployment_ids    text[]        NOT NULL CHECK (cardinality(deployment_ids) >= 1),
    custom            jsonb         NOT NULL DEFAULT '{}'::jsonb,
    created_at        timestamptz   NOT NULL,
    updated_at        timestamptz   NOT NULL,
    version           bigint        NOT NULL DEFAULT 0,
    CONSTRAINT tool_one_key CHECK ((jwks_url IS NULL) <> (public_key_pem IS NULL))
);

--changeset lectern:lti-001-lesson-links
-- An `lti` lesson of courses.lessons and the tool it launches; the lesson id is the resource link id.
CREATE TABLE lti.lesson_link (
    lesson_id      uuid         PRIMARY KEY,
    course_id      uuid         NOT NULL,
    tool_id        uuid         NOT NULL REFERENCES lti.tool (id) ON DELETE RESTRICT,
    deployment_id  varchar(255) NOT NULL,
    target_link_uri varchar(2048),
    custom         jsonb        NOT NULL DEFAULT '{}'::jsonb,
    created_at     timestamptz  NOT NULL
);
CREATE INDEX lesson_link_course_tool_idx ON lti.lesson_link (course_id, tool_id);
CREATE INDEX lesson_link_tool_idx ON lti.lesson_link (tool_id);

--changeset lectern:lti-001-launch-hints
-- The lti_message_hint of a launch: random, short-lived, single-use, bound to user, tool and lesson
-- (or course, for deep linking). The authorization endpoint consumes it.
CREATE TABLE lti.launch_hint (
    hint_hash      varchar(64)  PRIMARY KEY,
    user_id        uuid         NOT NULL,
    tool_id        uuid         NOT NULL REFERENCES lti.tool (id) ON DELETE CASCADE,
    course_id      uuid         NOT NULL,
    lesson_id      uuid,
    deployment_id  varchar(255) NOT NULL,
    message_type   varchar(40)  NOT NULL CHECK (message_type IN ('LtiResourceLinkRequest', 'LtiDeepLinkingRequest')),
    expires_at     timestamptz  NOT NULL,
    used_at        timestamptz
);
CREATE INDEX launch_hint_expires_idx ON lti.launch_hint (expires_at);

--changeset lectern:lti-001-deep-linking
-- A deep-linking request sent to a tool (its id is the request's `data`): answered once by the
-- tool's signed response (used_at, items), then turned into lessons once by the instructor who
-- started it (accepted_at).
CREATE TABLE lti.deep_link_request (
    id             uuid         PRIMARY KEY,
    user_id        uuid         NOT NULL,
    tool_id        uuid         NOT NULL REFERENCES lti.tool (id) ON DELETE CASCADE,
    course_id      uuid         NOT NULL,
    deployment_id  varchar(255) NOT NULL,
    expires_at     timestamptz  NOT NULL,
    used_at        timestamptz,
    items          jsonb,
    accepted_at    timestamptz
);

--changeset lectern:lti-001-tokens
-- Access tokens of the tools for AGS and NRPS, stored hashed; and the client assertions already
-- used (jti), kept until they expire.
CREATE TABLE lti.access_token (
    token_hash  varchar(64)  PRIMARY KEY,
    tool_id     uuid         NOT NULL REFERENCES lti.tool (id) ON DELETE CASCADE,
    scopes      text[]       NOT NULL,
    expires_at  timestamptz  NOT NULL
);
CREATE INDEX access_token_expires_idx ON lti.access_token (expires_at);

CREATE TABLE lti.used_assertion (
    tool_id     uuid         NOT NULL REFERENCES lti.tool (id) ON DELETE CASCADE,
    jti         varchar(255) NOT NULL,
    expires_at  timestamptz  NOT NULL,
    PRIMARY KEY (tool_id, jti)
);

--changeset lectern:lti-001-grades
CREATE TABLE lti.line_item (
    id              uuid           PRIMARY KEY,
    tool_id         uuid           NOT NULL REFERENCES lti.tool (id) ON DELETE CASCADE,
    course_id       uuid           NOT NULL,
    lesson_id       uuid,
    label           varchar(500)   NOT NULL CHECK (btrim(label) <> ''),
    score_maximum   numeric(12, 4) NOT NULL CHECK (score_maximum > 0),
    resource_id     varchar(255),
    tag             varchar(255),
    start_at        timestamptz,
    end_at          timestamptz,
    created_at      timestamptz    NOT NULL
);
CREATE INDEX line_item_course_tool_idx ON lti.line_item (course_id, tool_id, created_at, id);

-- The latest score of each user on a line item (AGS: a later timestamp replaces an earlier one).
CREATE TABLE lti.score (
    line_item_id       uuid           NOT NULL REFERENCES lti.line_item (id) ON DELETE CASCADE,
    user_id            uuid           NOT NULL,
    score_given        numeric(12, 4),
    score_maximum      numeric(12, 4),
    activity_progress  varchar(20)    NOT NULL,
    grading_progress   varchar(20)    NOT NULL,
    comment            varchar(4000),
    scored_at          timestamptz    NOT NULL,
    PRIMARY KEY (line_item_id, user_id)
);
