package io.lectern.certificates.api.event;

import java.time.Instant;
import java.util.UUID;

/** An admin revoked a certificate. */
public record CertificateRevoked(
    UUID certificateId, String number, UUID studentId, UUID courseId, String reason, Instant at) {}
