/**
 * Quizzes per lesson, questions, attempts, server-side grading and per-student overrides.
 *
 * <p>Exposes: the {@code api} package (quiz grading, events) once quizzes land.
 *
 * <p>May use: lms-shared, lms-users', lms-courses' and lms-enrollment's {@code api}.
 */
package io.lectern.quiz;
