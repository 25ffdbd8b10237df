package io.lectern.enrollment.api.event;

import java.time.Instant;
import java.util.UUID;

/** The student (or an admin) dropped the enrolment; its progress is kept. */
public record EnrollmentDropped(UUID enrollmentId, UUID studentId, UUID courseId, Instant at) {}
