/**
 * Quizzes per lesson, questions, attempts, server-side grading and per-student overrides.
 *
 * <p>Exposes: nothing to other modules but the courses module's {@code QuizReadiness} SPI, which it
 * implements; records graded quizzes through lms-enrollment's {@code Enrollments} api.
 *
 * <p>May use: lms-shared, lms-users', lms-courses' and lms-enrollment's {@code api}.
 */
package io.lectern.quiz;
