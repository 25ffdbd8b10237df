package io.lectern.courses.api;

import java.time.Instant;
import java.util.UUID;

/** What other modules may know about a course. */
public record CourseView(
    UUID id,
    String title,
    String slug,
    UUID instructorId,
    boolean published,
    Instant publishedAt,
    int lessonCount) {}
