package io.lectern.users.web;

import io.lectern.shared.error.ErrorKind;
import io.lectern.shared.error.LmsException;
import io.lectern.shared.error.Problem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A failed token request, answered as RFC 6749 section 5.2 defines it: {@code application/json}
 * with {@code error} and {@code error_description}. The same body also carries the problem fields
 * of the rest of the API ({@code type, title, status, detail, code}; RFC 6749 allows extra
 * members), so clients written for either convention find what they read.
 */
final class OAuthError extends RuntimeException {

  static final String INVALID_REQUEST = "invalid_request";
  static final String INVALID_GRANT = "invalid_grant";
  static final String INVALID_CLIENT = "invalid_client";
  static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";

  /** Not in RFC 6749's token errors; registered with IANA for a server that asks to wait. */
  static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

  private final int status;
  private final String error;
  private final String code;
  private final Long retryAfterSeconds;

  private OAuthError(int status, String error, String code, String detail, Long retryAfter) {
    super(detail, null, false, false);
    this.status = status;
    this.error = error;
    this.code = code;
    this.retryAfterSeconds = retryAfter;
  }

  static OAuthError invalidRequest(String code, String detail) {
    return new OAuthError(400, INVALID_REQUEST, code, detail, null);
  }

  static OAuthError invalidGrant(String code, String detail) {
    return new OAuthError(400, INVALID_GRANT, code, detail, null);
  }

  static OAuthError unsupportedGrantType(String detail) {
    return new OAuthError(
        400, UNSUPPORTED_GRANT_TYPE, "oauth.unsupported-grant-type", detail, null);
  }

  static OAuthError invalidClient(String detail) {
    return new OAuthError(401, INVALID_CLIENT, "oauth.invalid-client", detail, null);
  }

  /**
   * The OAuth reading of a failure of the sign-in service: wrong credentials, a deactivated
   * account, an unknown, expired or replayed refresh token are all invalid_grant; throttling stays
   * a 429 with Retry-After; anything else is not the client's to fix and is rethrown.
   */
  static OAuthError from(LmsException e) {
    return switch (e.kind()) {
      case UNAUTHORIZED -> invalidGrant(e.code(), e.detail());
      case VALIDATION -> invalidRequest(e.code(), e.detail());
      case RATE_LIMITED ->
          new OAuthError(
              ErrorKind.RATE_LIMITED.status(),
              TEMPORARILY_UNAVAILABLE,
              e.code(),
              e.detail(),
              e.retryAfterSeconds());
      default -> throw e;
    };
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }

  String code() {
    return code;
  }

  Response toResponse(String instance) {
    OAuthAnswers.Error body =
        new OAuthAnswers.Error(
            error,
            getMessage(),
            Problem.typeFor(code),
            title(),
            status,
            getMessage(),
            instance,
            code);
    Response.ResponseBuilder response =
        OAuthAnswers.noStore(Response.status(status).type(MediaType.APPLICATION_JSON_TYPE))
            .entity(body);
    if (retryAfterSeconds != null) {
      response.header("Retry-After", retryAfterSeconds);
    }
    if (status == 401) {
      response.header("WWW-Authenticate", "Basic realm=\"lectern\"");
    }
    return response.build();
  }

  private String title() {
    return switch (error) {
      case INVALID_GRANT -> "Invalid grant";
      case INVALID_CLIENT -> "Invalid client";
      case UNSUPPORTED_GRANT_TYPE -> "Unsupported grant type";
      case TEMPORARILY_UNAVAILABLE -> ErrorKind.RATE_LIMITED.title();
      default -> ErrorKind.VALIDATION.title();
    };
  }
}
