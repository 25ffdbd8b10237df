package io.lectern.tutorials.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * How the derived figures of a progress record follow from its chapters and quizzes (the rules of
 * API-CONTRACTS.md). Pure functions: the service applies them under the progress row's lock.
 */
public final class TutorialProgressRules {

  /** Completion percentage from which a tutorial qualifies for its certificate. */
  public static final int ELIGIBLE_PERCENTAGE = 95;

  /** Share of the maximum score that passes a quiz when the client does not say. */
  public static final double PASS_RATIO = 0.7;

  private TutorialProgressRules() {}

  /** The totals stored on a progress record. */
  public record Totals(
      int totalChapters,
      int chaptersCompleted,
      long totalWatchTime,
      int completionPercentage,
      boolean certificateEligible) {}

  /**
   * round(100 × completed / max(totalChapters, chapters known)), capped at 100; 0 when nothing is
   * known. Halves round up.
   */
  public static int percentage(int completed, int totalChapters, int knownChapters) {
    int denominator = Math.max(totalChapters, knownChapters);
    if (denominator <= 0 || completed <= 0) {
      return 0;
    }
    long rounded = Math.round(100.0 * completed / denominator);
    return (int) Math.min(100, rounded);
  }

  /** At least 95 % and every recorded quiz passed (true when no quiz is recorded). */
  public static boolean eligible(int percentage, int quizzes, int passedQuizzes) {
    return percentage >= ELIGIBLE_PERCENTAGE && passedQuizzes >= quizzes;
  }

  /**
   * The number of chapters only grows: the largest of what is stored, what the client now says and
   * how many chapters are known, so that "chapters completed" never exceeds it.
   */
  public static int totalChapters(int stored, Integer requested, int knownChapters) {
    int total = Math.max(stored, knownChapters);
    return requested == null ? total : Math.max(total, requested);
  }

  /**
   * All derived figures. Once the certificate is earned the tutorial stays at 100 % and eligible,
   * whatever is recorded later.
   */
  public static Totals derive(
      int storedTotalChapters,
      Integer requestedTotalChapters,
      int knownChapters,
      int completedChapters,
      long watchTime,
      int quizzes,
      int passedQuizzes,
      boolean certificateEarned) {
    int total = totalChapters(storedTotalChapters, requestedTotalChapters, knownChapters);
    int percentage = certificateEarned ? 100 : percentage(completedChapters, total, knownChapters);
    boolean eligible = certificateEarned || eligible(percentage, quizzes, passedQuizzes);
    return new Totals(total, completedChapters, watchTime, percentage, eligible);
  }

  /** A sentence saying why a progress record does not qualify for the certificate yet. */
  public static String ineligibility(int percentage, int quizzes, int passedQuizzes) {
    List<String> reasons = new ArrayList<>();
    if (percentage < ELIGIBLE_PERCENTAGE) {
      reasons.add(
          percentage + " % of the chapters are completed and " + ELIGIBLE_PERCENTAGE + " % needed");
    }
    int failed = quizzes - passedQuizzes;
    if (failed > 0) {
      reasons.add(failed == 1 ? "1 quiz is not passed" : failed + " quizzes are not passed");
    }
    if (reasons.isEmpty()) {
      return "The tutorial is not yet eligible for a certificate.";
    }
    return "The tutorial is not yet eligible for a certificate: "
        + String.join(", and ", reasons)
        + ".";
  }

  /** What a quiz result counts as when the client does not say whether it passed. */
  public static boolean passedByDefault(double score, double maxScore) {
    return score >= PASS_RATIO * maxScore;
  }

  /** The data checks of the migration guide (seed 002), as stable codes. */
  public static List<String> anomalies(
      int completionPercentage, int chaptersCompleted, int totalChapters, long totalWatchTime) {
    List<String> problems = new ArrayList<>();
    if (completionPercentage < 0 || completionPercentage > 100) {
      problems.add("completion-percentage-out-of-range");
    }
    if (chaptersCompleted > totalChapters) {
      problems.add("more-chapters-completed-than-exist");
    }
    if (totalWatchTime < 0) {
      problems.add("negative-watch-time");
    }
    return problems;
  }
}
