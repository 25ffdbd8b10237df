package io.lectern.quiz.api.event;

import java.time.Instant;
import java.util.UUID;

/** A student opened attempt number {@code number} of a quiz. */
public record QuizAttemptStarted(
    UUID attemptId,
    UUID quizId,
    UUID lessonId,
    UUID courseId,
    UUID enrollmentId,
    UUID studentId,
    int number,
    Instant deadlineAt,
    Instant at) {}
