package io.lectern.tutorials.web;

import io.lectern.shared.text.TextPatterns;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Request bodies of the tutorial progress API, as the web front end sends them. Times and scores
 * are JSON numbers that may be fractional (a video player's seconds); they are stored rounded to
 * whole seconds or points. {@code userId} absent or null means the caller.
 */
public final class TutorialRequests {

  private TutorialRequests() {}

  static final String NOT_BLANK_PATTERN = TextPatterns.NOT_BLANK;

  @Schema(name = "ChapterProgressRequest")
  public record ChapterRequest(
      @Schema(description = "Absent or null: the caller; someone else's id needs the admin role")
          String userId,
      @NotBlank @Size(max = 255) String chapterId,
      @Schema(description = "Seconds watched; the stored value never decreases")
          @NotNull
          @PositiveOrZero
          @DecimalMax("1000000")
          Double watchTime,
      @Schema(description = "Default false; a completed chapter stays completed") Boolean completed,
      @Schema(description = "Seconds; defaults to watchTime") @PositiveOrZero @DecimalMax("1000000")
          Double lastPosition,
      @Schema(description = "Chapters in the tutorial; the stored value only grows")
          @PositiveOrZero
          @Max(10_000)
          Integer totalChapters) {}

  /**
   * The client also sends {@code attempts} and {@code completedAt}; they are accepted and ignored
   * (the server counts attempts and stamps the time), like any other unknown field.
   */
  @Schema(name = "QuizScoreRequest")
  public record QuizRequest(
      String userId,
      @NotBlank @Size(max = 255) String quizId,
      @Schema(description = "From 0 to maxScore") @NotNull @PositiveOrZero @DecimalMax("1000000")
          Double score,
      @NotNull @Positive @DecimalMax("1000000") Double maxScore,
      @Schema(description = "Default: score is at least 70 % of maxScore") Boolean passed) {}

  @Schema(name = "CompleteTutorialRequest")
  public record CompleteRequest(
      String userId,
      @Schema(description = "Title on the certificate; defaults to the tutorial id")
          @Size(min = 1, max = 500)
          @Pattern(regexp = NOT_BLANK_PATTERN, message = "must not be blank")
          String tutorialTitle,
      @Size(min = 1, max = 50) @Pattern(regexp = NOT_BLANK_PATTERN, message = "must not be blank")
          String difficulty,
      @PositiveOrZero @Max(100_000) Integer durationMinutes) {}
}
