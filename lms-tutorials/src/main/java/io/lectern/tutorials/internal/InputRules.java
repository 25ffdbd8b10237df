package io.lectern.tutorials.internal;

import io.lectern.shared.error.LmsException;
import io.lectern.shared.error.Violation;
import io.lectern.tutorials.api.BrowserProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Limits and conversions of client input, shared by the live endpoints (where a problem is a 400)
 * and the browser import (where it fails one record). Times and scores arrive from a video player
 * and may be fractional: they are stored rounded to the nearest whole second or point, halves up.
 */
public final class InputRules {

  public static final int MAX_ID_LENGTH = 255;
  public static final int MAX_TOTAL_CHAPTERS = 10_000;
  public static final int MAX_QUIZZES = 1_000;

  /** About 11.5 days: far longer than any chapter, and keeps sums far from overflowing. */
  public static final double MAX_SECONDS = 1_000_000;

  public static final double MAX_POINTS = 1_000_000;
  public static final int MAX_ATTEMPTS = 100_000;
  public static final int MAX_IMPORT_RECORDS = 500;

  private InputRules() {}

  /** A problem with one field of the input; {@code field} is a JSON path. */
  public record FieldProblem(String field, String message) {
    String sentence() {
      return field + " " + message;
    }
  }

  /** A browser record after validation, with duplicate chapters and quizzes merged. */
  public record ImportedProgress(
      String tutorialId,
      Integer totalChapters,
      List<ChapterState> chapters,
      List<QuizState> quizzes,
      Instant lastWatchedAt) {}

  /** Throws the 400 a live request gets for its problems, if any. */
  public static void requireNone(List<FieldProblem> problems) {
    if (problems.isEmpty()) {
      return;
    }
    List<Violation> violations =
        problems.stream().map(p -> new Violation(p.field(), p.message())).toList();
    String detail =
        problems.size() == 1
            ? "Invalid request: " + problems.get(0).sentence() + "."
            : "Invalid request: " + problems.size() + " fields are invalid.";
    throw LmsException.validation("request.invalid", detail, violations);
  }

  public static void checkId(String field, String value, List<FieldProblem> problems) {
    if (value == null || value.isBlank()) {
      problems.add(new FieldProblem(field, "must not be blank"));
    } else if (value.length() > MAX_ID_LENGTH) {
      problems.add(new FieldProblem(field, "size must be between 1 and " + MAX_ID_LENGTH));
    }
  }

  public static void checkTotalChapters(String field, Integer value, List<FieldProblem> problems) {
    if (value != null && (value < 0 || value > MAX_TOTAL_CHAPTERS)) {
      problems.add(new FieldProblem(field, "must be between 0 and " + MAX_TOTAL_CHAPTERS));
    }
  }

  /**
   * A chapter report: {@code watchTime} required, {@code lastPosition} defaults to it, {@code
   * completed} to false. Returns null when there are problems.
   */
  public static ChapterState chapter(
      String path,
      String chapterId,
      Double watchTime,
      Boolean completed,
      Double lastPosition,
      List<FieldProblem> problems) {
    int before = problems.size();
    checkId(path + "chapterId", chapterId, problems);
    checkRange(path + "watchTime", watchTime, true, 0, MAX_SECONDS, problems);
    checkRange(path + "lastPosition", lastPosition, false, 0, MAX_SECONDS, problems);
    if (problems.size() > before) {
      return null;
    }
    int watched = whole(watchTime);
    return new ChapterState(
        chapterId,
        watched,
        Boolean.TRUE.equals(completed),
        lastPosition == null ? watched : whole(lastPosition));
  }

  /**
   * A quiz result: {@code 0 ≤ score ≤ maxScore}, {@code maxScore > 0}; {@code passed} defaults to
   * "at least 70 % of the maximum", judged on the numbers as sent. The maximum is stored as at
   * least one point. Returns null when there are problems.
   */
  public static QuizState quiz(
      String path,
      String quizId,
      Double score,
      Double maxScore,
      Boolean passed,
      Integer attempts,
      Instant completedAt,
      List<FieldProblem> problems) {
    int before = problems.size();
    checkId(path + "quizId", quizId, problems);
    checkRange(path + "score", score, true, 0, MAX_POINTS, problems);
    if (maxScore == null) {
      problems.add(new FieldProblem(path + "maxScore", "must not be null"));
    } else if (!(maxScore > 0) || maxScore > MAX_POINTS) {
      problems.add(
          new FieldProblem(
              path + "maxScore", "must be greater than 0 and at most " + whole(MAX_POINTS)));
    } else if (score != null && score > maxScore) {
      problems.add(new FieldProblem(path + "score", "must not be greater than maxScore"));
    }
    if (attempts != null && (attempts < 1 || attempts > MAX_ATTEMPTS)) {
      problems.add(new FieldProblem(path + "attempts", "must be between 1 and " + MAX_ATTEMPTS));
    }
    if (problems.size() > before) {
      return null;
    }
    int max = Math.max(1, whole(maxScore));
    return new QuizState(
        quizId,
        Math.min(whole(score), max),
        max,
        passed != null ? passed : TutorialProgressRules.passedByDefault(score, maxScore),
        attempts == null ? 1 : attempts,
        completedAt);
  }

  /**
   * Validates one browser record and merges its duplicate chapters and quizzes. Times in the future
   * (a browser clock running ahead) are ignored rather than trusted.
   */
  public static ImportedProgress imported(
      BrowserProgress record, Instant now, List<FieldProblem> problems) {
    int before = problems.size();
    checkId("tutorialId", record.tutorialId(), problems);
    checkTotalChapters("totalChapters", record.totalChapters(), problems);
    Map<String, ChapterState> chapters = new LinkedHashMap<>();
    for (int i = 0; i < record.chapters().size(); i++) {
      BrowserProgress.Chapter c = record.chapters().get(i);
      ChapterState state =
          chapter(
              "chapterProgress[" + i + "].",
              c.chapterId(),
              c.watchTime(),
              c.completed(),
              c.lastPosition(),
              problems);
      if (state != null) {
        chapters.merge(state.chapterId(), state, ChapterState::mergeImported);
      }
    }
    Map<String, QuizState> quizzes = new LinkedHashMap<>();
    for (int i = 0; i < record.quizzes().size(); i++) {
      BrowserProgress.Quiz q = record.quizzes().get(i);
      QuizState state =
          quiz(
              "quizScores[" + i + "].",
              q.quizId(),
              q.score(),
              q.maxScore(),
              q.passed(),
              q.attempts(),
              notInFuture(q.completedAt(), now),
              problems);
      if (state != null) {
        quizzes.merge(state.quizId(), state, QuizState::mergeImported);
      }
    }
    if (chapters.size() > MAX_TOTAL_CHAPTERS) {
      problems.add(
          new FieldProblem(
              "chapterProgress", "must list at most " + MAX_TOTAL_CHAPTERS + " chapters"));
    }
    if (quizzes.size() > MAX_QUIZZES) {
      problems.add(new FieldProblem("quizScores", "must list at most " + MAX_QUIZZES + " quizzes"));
    }
    if (problems.size() > before) {
      return null;
    }
    return new ImportedProgress(
        record.tutorialId(),
        record.totalChapters(),
        List.copyOf(chapters.values()),
        List.copyOf(quizzes.values()),
        notInFuture(record.lastWatchedAt(), now));
  }

  /** The record's problems as one sentence for the import report. */
  public static String describe(List<FieldProblem> problems) {
    List<String> sentences = new ArrayList<>();
    for (FieldProblem p : problems.subList(0, Math.min(5, problems.size()))) {
      sentences.add(p.sentence());
    }
    String more = problems.size() > 5 ? " (and " + (problems.size() - 5) + " more)" : "";
    return "Invalid record: " + String.join("; ", sentences) + more + ".";
  }

  static int whole(double value) {
    return (int) Math.round(value);
  }

  private static Instant notInFuture(Instant time, Instant now) {
    return time == null || time.isAfter(now) ? null : time;
  }

  private static void checkRange(
      String field,
      Double value,
      boolean required,
      double min,
      double max,
      List<FieldProblem> problems) {
    if (value == null) {
      if (required) {
        problems.add(new FieldProblem(field, "must not be null"));
      }
    } else if (!(value >= min) || !(value <= max)) {
      problems.add(new FieldProblem(field, "must be between " + whole(min) + " and " + whole(max)));
    }
  }
}
