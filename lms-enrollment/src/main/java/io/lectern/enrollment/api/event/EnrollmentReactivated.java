package io.lectern.enrollment.api.event;

import java.time.Instant;
import java.util.UUID;

/** A dropped enrolment became live again when its student enrolled once more. */
public record EnrollmentReactivated(UUID enrollmentId, UUID studentId, UUID courseId, Instant at) {}
