package io.lectern.tutorials.api.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A chapter's progress was recorded (watch time, position, completion) through the chapter
 * endpoint. Browser-progress imports are not events.
 */
public record TutorialChapterRecorded(
    UUID userId,
    String tutorialId,
    String chapterId,
    boolean completed,
    int completionPercentage,
    Instant at) {}
