package io.lectern.enrollment.api.event;

import java.time.Instant;
import java.util.UUID;

/**
 * The student opened a lesson for the first time (later opens and heartbeats are not events: they
 * are the hot path).
 */
public record LessonStarted(
    UUID enrollmentId, UUID studentId, UUID courseId, UUID lessonId, Instant at) {}
