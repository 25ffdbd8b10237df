package io.lectern.enrollment.api.event;

import java.time.Instant;
import java.util.UUID;

/** A student enrolled in a course for the first time. Fired inside the enrolling transaction. */
public record EnrollmentCreated(UUID enrollmentId, UUID studentId, UUID courseId, Instant at) {}
