/**
 * Quizzes per lesson, questions, attempts, server-side grading and per-student overrides.
 *
 * <p>Exposes: {@link io.lectern.quiz.api} ({@code QuizAuthoring}, for course interchange) and
 * implements the courses module's {@code QuizReadiness} SPI; records graded quizzes through
 * lms-enrollment's {@code Enrollments} api.
 */
@ApplicationModule(
    owns =
        "quizzes, questions, attempts, server-side grading, overrides, statistics (schema `quiz`)",
    allowedDependencies = {"users", "courses", "enrollment"})
package io.lectern.quiz;

import io.lectern.shared.module.ApplicationModule;
