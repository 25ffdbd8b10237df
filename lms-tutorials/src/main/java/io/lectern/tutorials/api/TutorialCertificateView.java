package io.lectern.tutorials.api;

import java.time.Instant;
import java.util.UUID;

/** A certificate issued for a completed tutorial; {@code certificateId} is its public number. */
public record TutorialCertificateView(
    String certificateId,
    String tutorialId,
    UUID userId,
    String userName,
    String tutorialTitle,
    String difficulty,
    Integer durationMinutes,
    Instant issuedAt) {}
