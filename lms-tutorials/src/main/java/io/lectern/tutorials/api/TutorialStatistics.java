package io.lectern.tutorials.api;

import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Figures about tutorial progress across all users, for admins. */
public interface TutorialStatistics {

  /** Activity in the last {@code days} days (1 to {@link #MAX_DAYS}). */
  TutorialStats activity(int days);

  /** Progress records that break the data rules (seed 002's health check), in a stable order. */
  Page<ProgressAnomaly> anomalies(PageRequest page);

  int MAX_DAYS = 366;

  /** How many tutorials {@link TutorialStats#tutorials()} lists at most, most active first. */
  int MAX_TUTORIALS = 100;

  record TutorialStats(
      int days,
      Instant since,
      List<TutorialActivity> tutorials,
      List<DailyCertificates> certificatesPerDay) {}

  /**
   * @param activeUsers users who watched a chapter of the tutorial in the window
   * @param averageCompletion their average completion percentage, one decimal
   */
  record TutorialActivity(String tutorialId, long activeUsers, double averageCompletion) {}

  /** Certificates issued on one UTC day. */
  record DailyCertificates(LocalDate date, long certificatesEarned) {}

  record ProgressAnomaly(
      UUID progressId,
      String tutorialId,
      UUID userId,
      int completionPercentage,
      int chaptersCompleted,
      int totalChapters,
      long totalWatchTime,
      List<String> problems) {}
}
