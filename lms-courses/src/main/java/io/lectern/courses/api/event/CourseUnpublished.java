package io.lectern.courses.api.event;

import java.util.UUID;

/** A course left the catalogue; existing enrolments keep it. */
public record CourseUnpublished(UUID courseId) {}
