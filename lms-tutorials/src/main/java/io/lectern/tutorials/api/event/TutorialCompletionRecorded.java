package io.lectern.tutorials.api.event;

import java.time.Instant;
import java.util.UUID;

/** A tutorial certificate was earned (once per user and tutorial). */
public record TutorialCompletionRecorded(
    UUID userId, String tutorialId, String certificateNumber, Instant at) {}
