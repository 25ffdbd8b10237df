/**
 * Courses and their nested, ordered lessons: authoring by instructors, publishing, and the public
 * catalogue with full-text search.
 *
 * <p>Exposes: {@link io.lectern.courses.api} ({@code CourseCatalog}, views, the {@code
 * CourseEnrollments} and {@code QuizReadiness} checks other modules supply, events).
 *
 * <p>May use: lms-shared and lms-users' {@code api}.
 */
package io.lectern.courses;
