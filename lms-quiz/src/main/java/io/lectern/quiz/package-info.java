/**
 * Quizzes per lesson, questions, attempts, server-side grading and per-student overrides.
 *
 * <p>Exposes: nothing to other modules but the courses module's {@code QuizReadiness} SPI, which it
 * implements; records graded quizzes through lms-enrollment's {@code Enrollments} api.
 */
@ApplicationModule(
    owns =
        "quizzes, questions, attempts, server-side grading, overrides, statistics (schema `quiz`)",
    allowedDependencies = {"users", "courses", "enrollment"})
package io.lectern.quiz;

import io.lectern.shared.module.ApplicationModule;
