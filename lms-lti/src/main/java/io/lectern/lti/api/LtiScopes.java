package io.lectern.lti.api;

import java.util.Set;

/** The LTI Advantage service scopes a tool may ask for in its client-credentials grant. */
public final class LtiScopes {

  public static final String LINE_ITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
  public static final String LINE_ITEM_READ_ONLY =
      "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";
  public static final String RESULT_READ_ONLY =
      "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
  public static final String SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
  public static final String MEMBERSHIPS =
      "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

  public static final Set<String> ALL =
      Set.of(LINE_ITEM, LINE_ITEM_READ_ONLY, RESULT_READ_ONLY, SCORE, MEMBERSHIPS);

  private LtiScopes() {}
}
