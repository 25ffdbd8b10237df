package io.lectern.certificates.api.event;

import java.time.Instant;
import java.util.UUID;

/** A course certificate was stored (once per enrolment), inside the transaction that stores it. */
public record CertificateIssued(
    UUID certificateId,
    String number,
    UUID enrollmentId,
    UUID studentId,
    UUID courseId,
    Instant at) {}
