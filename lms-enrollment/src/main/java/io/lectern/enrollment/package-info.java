/**
 * Enrolments of students in courses, lesson progress (time, position, attempts, best score) and
 * course progress, offline progress sync and per-course learning analytics.
 *
 * <p>Exposes: {@link io.lectern.enrollment.api} ({@code Enrollments}, {@code EnrollmentView}, the
 * {@code CourseCompleted} event) and implements courses' {@code CourseEnrollments} check.
 *
 * <p>May use: lms-shared, lms-users' and lms-courses' {@code api}.
 */
package io.lectern.enrollment;
