package io.lectern.lti.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A user's latest score on a line item, as the tool posted it. */
public record Score(
    UUID userId,
    BigDecimal scoreGiven,
    BigDecimal scoreMaximum,
    String activityProgress,
    String gradingProgress,
    String comment,
    Instant timestamp) {}
