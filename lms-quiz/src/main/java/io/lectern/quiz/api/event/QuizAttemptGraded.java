package io.lectern.quiz.api.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An attempt was graded, on submission or by the deadline ({@code autoSubmitted}). */
public record QuizAttemptGraded(
    UUID attemptId,
    UUID quizId,
    UUID lessonId,
    UUID courseId,
    UUID enrollmentId,
    UUID studentId,
    int number,
    BigDecimal percentage,
    boolean passed,
    boolean autoSubmitted,
    Instant at) {}
