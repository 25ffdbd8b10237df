package io.lectern.tutorials.api;

/**
 * One quiz attempt. Scores may be fractional; they are stored rounded to whole points. {@code
 * passed} null means "score is at least 70 % of maxScore".
 */
public record QuizResult(String quizId, double score, double maxScore, Boolean passed) {}
