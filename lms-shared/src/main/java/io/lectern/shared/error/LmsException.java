package io.lectern.shared.error;

import java.util.List;

/**
 * The one exception domain code throws for an expected failure. It carries a stable machine code
 * ({@code users.email-taken}) and a human sentence; the web layer turns it into problem+json.
 * Unchecked, so it rolls back the surrounding transaction.
 */
public class LmsException extends RuntimeException {

  private final ErrorKind kind;
  private final String code;
  private final List<Violation> violations;
  private final Long retryAfterSeconds;

  public LmsException(ErrorKind kind, String code, String detail) {
    this(kind, code, detail, List.of(), null);
  }

  private LmsException(
      ErrorKind kind,
      String code,
      String detail,
      List<Violation> violations,
      Long retryAfterSeconds) {
    super(detail, null, false, false);
    this.kind = kind;
    this.code = code;
    this.violations = List.copyOf(violations);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static LmsException validation(String code, String detail, List<Violation> violations) {
    return new LmsException(ErrorKind.VALIDATION, code, detail, violations, null);
  }

  public static LmsException invalidField(String code, String field, String message) {
    return validation(code, message, List.of(new Violation(field, message)));
  }

  public static LmsException unauthorized(String code, String detail) {
    return new LmsException(ErrorKind.UNAUTHORIZED, code, detail);
  }

  public static LmsException forbidden(String code, String detail) {
    return new LmsException(ErrorKind.FORBIDDEN, code, detail);
  }

  public static LmsException notFound(String code, String detail) {
    return new LmsException(ErrorKind.NOT_FOUND, code, detail);
  }

  public static LmsException conflict(String code, String detail) {
    return new LmsException(ErrorKind.CONFLICT, code, detail);
  }

  public static LmsException businessRule(String code, String detail) {
    return new LmsException(ErrorKind.BUSINESS_RULE, code, detail);
  }

  /** A 422 that lists every unmet item (for example everything a course lacks to be published). */
  public static LmsException businessRule(String code, String detail, List<Violation> items) {
    return new LmsException(ErrorKind.BUSINESS_RULE, code, detail, items, null);
  }

  public static LmsException rateLimited(String code, String detail, long retryAfterSeconds) {
    return new LmsException(ErrorKind.RATE_LIMITED, code, detail, List.of(), retryAfterSeconds);
  }

  /** A 503: a dependency (the database) cannot be reached now; worth retrying after the delay. */
  public static LmsException unavailable(String code, String detail, long retryAfterSeconds) {
    return new LmsException(
        ErrorKind.SERVICE_UNAVAILABLE, code, detail, List.of(), retryAfterSeconds);
  }

  public ErrorKind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public String detail() {
    return getMessage();
  }

  public List<Violation> violations() {
    return violations;
  }

  /**
   * Seconds a client should wait before trying again; only set for {@link ErrorKind#RATE_LIMITED}.
   */
  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
