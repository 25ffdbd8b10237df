--liquibase formatted sql

--changeset lectern:certificates-001-schema
CREATE SCHEMA IF NOT EXISTS certificates;

--changeset lectern:certificates-001-uploaded-files
-- Files on the storage provider: the stored name and path are generated (never the client's path);
-- original_filename is only shown and offered as the download name. uploader_id points into the
-- users schema and is therefore a plain id.
CREATE TABLE certificates.uploaded_files (
    id                 uuid PRIMARY KEY,
    uploader_id        uuid           NOT NULL,
    filename           varchar(500)   NOT NULL,
    original_filename  varchar(500)   NOT NULL,
    file_url           varchar(1000)  NOT NULL,
    storage_path       varchar(1000)  NOT NULL,
    file_type          varchar(100),
    mime_type          varchar(100)   NOT NULL,
    file_size          bigint         NOT NULL,
    sha256             char(64)       NOT NULL,
    folder             varchar(255),
    storage_provider   varchar(50)    NOT NULL DEFAULT 'local',
    is_public          boolean        NOT NULL DEFAULT false,
    created_at         timestamptz    NOT NULL DEFAULT now(),
    version            bigint         NOT NULL DEFAULT 0,
    CONSTRAINT uploaded_files_size_check CHECK (file_size >= 0),
    CONSTRAINT uploaded_files_provider_check CHECK (storage_provider IN ('local', 's3')),
    CONSTRAINT uploaded_files_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$')
);
CREATE INDEX uploaded_files_uploader_idx ON certificates.uploaded_files (uploader_id, created_at DESC);

--changeset lectern:certificates-001-certificates
-- One certificate per enrolment (the unique key makes issuing idempotent). holder_name and
-- course_title are what was certified, copied at issue time: verification shows them even if the
-- account or the course is renamed later.
CREATE TABLE certificates.certificates (
    id                  uuid PRIMARY KEY,
    enrollment_id       uuid           NOT NULL,
    student_id          uuid           NOT NULL,
    course_id           uuid           NOT NULL,
    certificate_number  varchar(100)   NOT NULL,
    holder_name         varchar(255)   NOT NULL,
    course_title        varchar(500)   NOT NULL,
    pdf_file_id         uuid           REFERENCES certificates.uploaded_files (id) ON DELETE RESTRICT,
    completion_date     timestamptz    NOT NULL,
    issued_at           timestamptz    NOT NULL DEFAULT now(),
    is_revoked          boolean        NOT NULL DEFAULT false,
    revoked_at          timestamptz,
    revoked_by          uuid,
    revocation_reason   varchar(1000),
    version             bigint         NOT NULL DEFAULT 0,
    CONSTRAINT certificates_enrollment_key UNIQUE (enrollment_id),
    CONSTRAINT certificates_number_key UNIQUE (certificate_number),
    CONSTRAINT certificates_revocation_check CHECK (
        is_revoked = (revoked_at IS NOT NULL)
        AND (NOT is_revoked OR (revoked_by IS NOT NULL AND revocation_reason IS NOT NULL)))
);
CREATE INDEX certificates_student_idx ON certificates.certificates (student_id, issued_at DESC);
CREATE INDEX certificates_course_idx ON certificates.certificates (course_id, issued_at DESC);
CREATE INDEX certificates_issued_idx ON certificates.certificates (issued_at DESC, id);
