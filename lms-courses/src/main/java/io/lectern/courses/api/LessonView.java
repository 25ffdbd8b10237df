package io.lectern.courses.api;

import java.util.UUID;

/**
 * What other modules may know about a lesson. {@code position} is its place in the course outline
 * read depth-first (0 = the first lesson a student meets).
 */
public record LessonView(
    UUID id,
    UUID courseId,
    UUID parentLessonId,
    String title,
    LessonType type,
    int orderIndex,
    int position,
    Integer durationMinutes,
    boolean preview) {}
