package io.lectern.tutorials.internal;

/** A chapter's progress as stored: whole seconds. */
public record ChapterState(String chapterId, int watchTime, boolean completed, int lastPosition) {

  /**
   * Merges browser-stored progress for the same chapter, order-independently and idempotently: the
   * larger watch time, completed if either is, and the position that belongs to the larger watch
   * time (this one's on a tie). {@code TutorialProgressRepository.mergeChapter} does the same in
   * SQL.
   */
  public ChapterState mergeImported(ChapterState imported) {
    return new ChapterState(
        chapterId,
        Math.max(watchTime, imported.watchTime),
        completed || imported.completed,
        imported.watchTime > watchTime ? imported.lastPosition : lastPosition);
  }
}
