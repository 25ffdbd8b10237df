package io.lectern.courses.api.event;

import java.util.UUID;

/** A course became visible in the catalogue. */
public record CoursePublished(UUID courseId, UUID instructorId) {}
