package io.lectern.interchange.internal;

import io.lectern.interchange.api.ImportReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What one import has created, skipped and noted so far; becomes the report. */
final class ImportRun {

  static final String[] COUNTS = {
    "lessons",
    "folders",
    "pages",
    "links",
    "fileLessons",
    "assignments",
    "videos",
    "quizLessons",
    "quizzes",
    "questions",
    "files"
  };

  private final Map<String, Integer> created = new LinkedHashMap<>();
  final List<ImportReport.Skipped> skipped = new ArrayList<>();
  final List<ImportReport.Note> notes = new ArrayList<>();
  private final int maxItems;
  private int items;

  ImportRun(int maxItems) {
    this.maxItems = maxItems;
    for (String key : COUNTS) {
      created.put(key, 0);
    }
  }

  void count(String kind) {
    created.merge(kind, 1, Integer::sum);
    if (kind.equals("lessons") || kind.equals("questions")) {
      items++;
      if (items > maxItems) {
        throw InterchangeErrors.tooLarge("more than " + maxItems + " lessons and questions");
      }
    }
  }

  void skip(String identifier, String type, String reason) {
    skipped.add(new ImportReport.Skipped(identifier, type, reason));
  }

  void note(String identifier, String message) {
    notes.add(new ImportReport.Note(identifier, message));
  }

  void absorb(ParsedQuestions parsed) {
    skipped.addAll(parsed.skipped);
    notes.addAll(parsed.notes);
  }

  ImportReport report(UUID courseId, UUID quizId) {
    return new ImportReport(
        courseId,
        quizId,
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(created)),
        List.copyOf(skipped),
        List.copyOf(notes));
  }
}
