package io.lectern.interchange.web;

import io.lectern.interchange.api.ImportReport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the interchange API. */
public final class InterchangeResponses {

  private InterchangeResponses() {}

  @Schema(description = "What an import created and everything it did not import, with reasons")
  public record ImportReportResponse(
      @Schema(description = "The new draft course (course imports)") UUID courseId,
      @Schema(description = "The quiz the questions went into (QTI imports)") UUID quizId,
      @Schema(
              description =
                  "Counts by kind: lessons, folders, pages, links, fileLessons, assignments,"
                      + " videos, quizLessons, quizzes, questions, files")
          Map<String, Integer> created,
      List<SkippedItem> skipped,
      List<NoteItem> notes) {

    static ImportReportResponse of(ImportReport r) {
      return new ImportReportResponse(
          r.courseId(),
          r.quizId(),
          r.created(),
          r.skipped().stream()
              .map(s -> new SkippedItem(s.identifier(), s.type(), s.reason()))
              .toList(),
          r.notes().stream().map(n -> new NoteItem(n.identifier(), n.message())).toList());
    }
  }

  public record SkippedItem(
      @Schema(description = "The item, resource, question or file identifier in the package")
          String identifier,
      @Schema(description = "Its type as the package names it") String type,
      @Schema(description = "Why it was not imported") String reason) {}

  public record NoteItem(String identifier, String message) {}
}
