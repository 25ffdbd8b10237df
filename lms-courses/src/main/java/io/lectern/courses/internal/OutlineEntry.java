package io.lectern.courses.internal;

import io.lectern.courses.api.LessonType;
import java.time.Instant;
import java.util.UUID;

/**
 * A lesson's place in its course, read as plain values: what the course's outline needs, without
 * the lesson's body and without entering the persistence context (readers on the progress hot path
 * would otherwise make every flush of their transaction dirty-check the whole course).
 */
public record OutlineEntry(
    UUID id,
    UUID courseId,
    UUID parentLessonId,
    String title,
    String slug,
    LessonType type,
    int orderIndex,
    Integer durationMinutes,
    boolean preview,
    Instant createdAt) {}
