package io.lectern.tutorials.api.event;

import java.time.Instant;
import java.util.UUID;

/** A tutorial quiz attempt was recorded. */
public record TutorialQuizRecorded(
    UUID userId,
    String tutorialId,
    String quizId,
    int score,
    int maxScore,
    boolean passed,
    Instant at) {}
