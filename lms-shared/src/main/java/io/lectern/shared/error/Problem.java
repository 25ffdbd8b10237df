package io.lectern.shared.error;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * An RFC 9457 problem document with the project's extensions: a stable {@code code}, the invalid
 * fields of a 400 and, for a 500, the {@code errorId} that is also logged.
 */
@JsonbPropertyOrder({
  "type",
  "title",
  "status",
  "detail",
  "instance",
  "code",
  "violations",
  "errorId"
})
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String code,
    List<Violation> violations,
    String errorId) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(ErrorKind kind, String code, String detail, String instance) {
    return new Problem(
        typeFor(code), kind.title(), kind.status(), detail, instance, code, null, null);
  }

  public Problem withViolations(List<Violation> list) {
    return new Problem(
        type, title, status, detail, instance, code, list.isEmpty() ? null : list, errorId);
  }

  public Problem withErrorId(String id) {
    return new Problem(type, title, status, detail, instance, code, violations, id);
  }

  /** A stable, dereferenceable-looking URI per code; the code itself is what clients match on. */
  public static String typeFor(String code) {
    return "https://lectern.io/problems/" + code;
  }
}
