/**
 * Courses and their nested, ordered lessons: authoring by instructors, publishing, and the public
 * catalogue with full-text search.
 *
 * <p>Exposes: {@link io.lectern.courses.api} ({@code CourseCatalog}, {@code CourseAuthoring},
 * views, the {@code CourseEnrollments} and {@code QuizReadiness} checks other modules supply,
 * events).
 */
@ApplicationModule(
    owns = "courses, nested ordered lessons, publishing, catalogue search (schema `courses`)",
    allowedDependencies = {"users"})
package io.lectern.courses;

import io.lectern.shared.module.ApplicationModule;
