package io.lectern.lti.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the instructor's LTI API. */
public final class LtiLessonRequests {

  private LtiLessonRequests() {}

  @Schema(name = "LtiLineItemRequest")
  public record LineItemRequest(
      @NotBlank @Size(max = 500) String label,
      @Schema(description = "Default 100")
          @DecimalMin(value = "0", inclusive = false)
          @DecimalMax("1000000")
          BigDecimal scoreMaximum) {}

  @Schema(name = "LtiLessonRequest")
  public record LessonRequest(
      @Schema(description = "Null: a top-level lesson") UUID parentLessonId,
      @NotBlank @Size(max = 500) String title,
      @NotNull UUID toolId,
      @NotBlank @Size(max = 255) String deploymentId,
      @Schema(description = "Launch URL of this lesson (default: the tool's target link URI)")
          @Size(max = 2048)
          String targetLinkUri,
      @Size(max = 50)
          Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 1000) String> custom,
      @Schema(description = "A gradebook column the tool scores") @Valid
          LineItemRequest lineItem) {}

  @Schema(name = "LtiDeepLinkingStart")
  public record DeepLinkingStart(
      @NotNull UUID toolId, @NotBlank @Size(max = 255) String deploymentId) {}
}
