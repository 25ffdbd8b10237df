package io.lectern.tutorials.internal;

import io.lectern.shared.error.LmsException;
import io.lectern.shared.error.Violation;
import io.lectern.shared.paging.Page;
import io.lectern.shared.paging.PageRequest;
import io.lectern.tutorials.api.TutorialStatistics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

@ApplicationScoped
public class DefaultTutorialStatistics implements TutorialStatistics {

  @Inject TutorialProgressRepository progress;
  @Inject Clock clock;

  @Override
  @Transactional
  public TutorialStats activity(int days) {
    if (days < 1 || days > MAX_DAYS) {
      String message = "must be a whole number from 1 to " + MAX_DAYS;
      throw LmsException.validation(
          "request.invalid",
          "Invalid request: days " + message + ".",
          List.of(new Violation("days", message)));
    }
    Instant since = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(days));
    return new TutorialStats(
        days,
        since,
        progress.activitySince(since, MAX_TUTORIALS),
        progress.certificatesPerDaySince(since));
  }

  @Override
  @Transactional
  public Page<ProgressAnomaly> anomalies(PageRequest page) {
    return Page.of(progress.anomalies(page.offset(), page.size()), page, progress.countAnomalies());
  }
}
