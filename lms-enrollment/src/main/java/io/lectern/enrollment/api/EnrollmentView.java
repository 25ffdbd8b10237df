package io.lectern.enrollment.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** What other modules may know about an enrolment and its course progress. */
public record EnrollmentView(
    UUID id,
    UUID studentId,
    UUID courseId,
    EnrollmentStatus status,
    BigDecimal progressPercentage,
    int completedLessons,
    int totalLessons,
    long totalTimeSpentSeconds,
    Instant enrolledAt,
    Instant completedAt,
    Instant certificateIssuedAt) {}
