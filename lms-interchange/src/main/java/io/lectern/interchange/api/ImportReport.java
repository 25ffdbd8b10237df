package io.lectern.interchange.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an import made: the course (or quiz) it filled, counts of what was created by kind, every
 * package element that was not imported with the reason, and notes on elements imported with a
 * change (flattened nesting, question groups imported whole).
 */
public record ImportReport(
    UUID courseId,
    UUID quizId,
    Map<String, Integer> created,
    List<Skipped> skipped,
    List<Note> notes) {

  public record Skipped(String identifier, String type, String reason) {}

  public record Note(String identifier, String message) {}
}
