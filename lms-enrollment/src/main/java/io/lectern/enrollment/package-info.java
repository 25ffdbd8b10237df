/**
 * Enrolments of students in courses, lesson progress (time, position, attempts, best score) and
 * course progress.
 *
 * <p>Exposes: the {@code api} package (enrolments, progress views, events) once enrolments land.
 *
 * <p>May use: lms-shared, lms-users' and lms-courses' {@code api}.
 */
package io.lectern.enrollment;
