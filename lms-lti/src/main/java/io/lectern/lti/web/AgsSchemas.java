package io.lectern.lti.web;

import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The AGS 2.0 and NRPS 2.0 bodies, for the OpenAPI document (the resources write them with
 * jakarta.json, field by field, in the IMS media types).
 */
final class AgsSchemas {

  private AgsSchemas() {}

  @Schema(name = "LtiLineItem", description = "application/vnd.ims.lis.v2.lineitem+json")
  record LineItem(
      @Schema(description = "The line item's URL") String id,
      String label,
      BigDecimal scoreMaximum,
      @Schema(description = "The lti lesson's id") String resourceLinkId,
      String resourceId,
      String tag,
      String startDateTime,
      String endDateTime) {}

  @Schema(name = "LtiScore", description = "application/vnd.ims.lis.v1.score+json")
  record Score(
      @Schema(required = true) String userId,
      BigDecimal scoreGiven,
      BigDecimal scoreMaximum,
      @Schema(
              required = true,
              enumeration = {"Initialized", "Started", "InProgress", "Submitted", "Completed"})
          String activityProgress,
      @Schema(
              required = true,
              enumeration = {"FullyGraded", "Pending", "PendingManual", "Failed", "NotReady"})
          String gradingProgress,
      @Schema(required = true, description = "ISO-8601 with offset") String timestamp,
      String comment) {}

  @Schema(
      name = "LtiResult",
      description = "An element of application/vnd.ims.lis.v2.resultcontainer+json")
  record Result(
      String id,
      String scoreOf,
      String userId,
      BigDecimal resultScore,
      BigDecimal resultMaximum,
      String comment) {}

  @Schema(name = "LtiMember")
  record Member(String status, String user_id, String name, String email, List<String> roles) {}

  @Schema(name = "LtiContext")
  record Context(String id, String label, String title) {}

  @Schema(
      name = "LtiMembershipContainer",
      description = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json")
  record Memberships(String id, Context context, List<Member> members) {}
}
