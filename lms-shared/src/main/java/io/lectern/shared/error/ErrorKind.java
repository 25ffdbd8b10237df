package io.lectern.shared.error;

/** What went wrong, in the terms of the HTTP contract; each kind has exactly one status code. */
public enum ErrorKind {
  VALIDATION(400, "Invalid request"),
  UNAUTHORIZED(401, "Authentication required"),
  FORBIDDEN(403, "Forbidden"),
  NOT_FOUND(404, "Not found"),
  CONFLICT(409, "Conflict"),
  PAYLOAD_TOO_LARGE(413, "Payload too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
  BUSINESS_RULE(422, "Business rule violated"),
  RATE_LIMITED(429, "Too many requests"),
  SERVICE_UNAVAILABLE(503, "Service unavailable");

  private final int status;
  private final String title;

  ErrorKind(int status, String title) {
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }
}
