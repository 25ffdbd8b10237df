package io.lectern.tutorials.api;

import java.util.List;

/** The outcome of moving a batch of browser-stored progress in. */
public record ImportReport(int migrated, int failed, List<ImportError> errors) {

  public ImportReport {
    errors = List.copyOf(errors);
  }

  /**
   * Why one record was not taken.
   *
   * @param index the record's position in the batch
   * @param tutorialId the record's tutorial id, or null when it has none
   */
  public record ImportError(int index, String tutorialId, String message) {}
}
