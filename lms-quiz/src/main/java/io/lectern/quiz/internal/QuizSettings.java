package io.lectern.quiz.internal;

/** A quiz's settings with defaults applied (what {@code PUT /lessons/{id}/quiz} stores). */
public record QuizSettings(
    String title,
    String description,
    String type,
    int passingScore,
    Integer timeLimitSeconds,
    Integer maxAttempts,
    boolean shuffleQuestions,
    boolean shuffleOptions,
    AnswerVisibility showCorrectAnswers,
    GradingPolicy gradingPolicy,
    boolean published,
    String metadata) {}
