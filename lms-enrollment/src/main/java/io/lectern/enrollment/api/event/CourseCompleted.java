package io.lectern.enrollment.api.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A student completed every lesson of a course. Fired once per enrolment, inside the transaction
 * that completes it; observe with {@code during = TransactionPhase.AFTER_SUCCESS} to react only
 * after it committed (and reconcile with {@code Enrollments.completedWithoutCertificate}).
 */
public record CourseCompleted(
    UUID enrollmentId, UUID studentId, UUID courseId, Instant completedAt) {}
