package io.lectern.lti.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An AGS line item: a gradebook column of a course, owned by the tool that created it. */
public record LineItem(
    UUID id,
    UUID toolId,
    UUID courseId,
    UUID lessonId,
    String label,
    BigDecimal scoreMaximum,
    String resourceId,
    String tag,
    Instant startAt,
    Instant endAt) {}
