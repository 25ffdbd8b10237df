package io.lectern.tutorials.web;

import io.lectern.tutorials.api.ProgressView;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * The progress object exactly as the web front end reads it (seed 000): every field always present,
 * {@code lastWatchedAt} as {@code null} when nothing was watched yet.
 */
@JsonbNillable
@JsonbPropertyOrder({
  "tutorialId",
  "userId",
  "completionPercentage",
  "chaptersCompleted",
  "totalChapters",
  "chapterProgress",
  "quizScores",
  "certificateEligible",
  "certificateEarned",
  "totalWatchTime",
  "lastWatchedAt"
})
public record ProgressResponse(
    String tutorialId,
    String userId,
    int completionPercentage,
    int chaptersCompleted,
    int totalChapters,
    List<ChapterResponse> chapterProgress,
    List<QuizScoreResponse> quizScores,
    boolean certificateEligible,
    boolean certificateEarned,
    long totalWatchTime,
    Instant lastWatchedAt) {

  @JsonbPropertyOrder({"chapterId", "watchTime", "completed", "lastPosition"})
  public record ChapterResponse(
      String chapterId, int watchTime, boolean completed, int lastPosition) {}

  @JsonbPropertyOrder({"quizId", "score", "maxScore", "passed", "attempts", "completedAt"})
  public record QuizScoreResponse(
      String quizId, int score, int maxScore, boolean passed, int attempts, Instant completedAt) {}

  static ProgressResponse of(ProgressView view) {
    return new ProgressResponse(
        view.tutorialId(),
        view.userId().toString(),
        view.completionPercentage(),
        view.chaptersCompleted(),
        view.totalChapters(),
        view.chapterProgress().stream()
            .map(
                c ->
                    new ChapterResponse(
                        c.chapterId(), c.watchTime(), c.completed(), c.lastPosition()))
            .toList(),
        view.quizScores().stream()
            .map(
                q ->
                    new QuizScoreResponse(
                        q.quizId(),
                        q.score(),
                        q.maxScore(),
                        q.passed(),
                        q.attempts(),
                        q.completedAt()))
            .toList(),
        view.certificateEligible(),
        view.certificateEarned(),
        view.totalWatchTime(),
        view.lastWatchedAt());
  }
}
