/**
 * Enrolments of students in courses, lesson progress (time, position, attempts, best score) and
 * course progress, offline progress sync and per-course learning analytics.
 *
 * <p>Exposes: {@link io.lectern.enrollment.api} ({@code Enrollments}, {@code EnrollmentView}, the
 * {@code CourseCompleted} event) and implements courses' {@code CourseEnrollments} check.
 */
@ApplicationModule(
    owns =
        "enrolments, lesson progress, course progress, offline sync, course analytics (schema `enrollment`)",
    allowedDependencies = {"users", "courses"})
package io.lectern.enrollment;

import io.lectern.shared.module.ApplicationModule;
