package io.lectern.enrollment.api.event;

import java.time.Instant;
import java.util.UUID;

/** A lesson became completed (once per lesson and enrolment); score is null without one. */
public record LessonCompleted(
    UUID enrollmentId, UUID studentId, UUID courseId, UUID lessonId, Integer score, Instant at) {}
