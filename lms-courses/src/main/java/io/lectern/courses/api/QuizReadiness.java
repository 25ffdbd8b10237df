package io.lectern.courses.api;

import java.util.UUID;

/**
 * Whether a quiz lesson has a published quiz, asked before a course is published. The quiz module
 * implements it; while none is deployed the check is skipped.
 */
public interface QuizReadiness {

  boolean hasPublishedQuiz(UUID lessonId);
}
