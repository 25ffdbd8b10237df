package io.lectern.lti.web;

import io.lectern.shared.error.LmsException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Query or form parameters of the LTI protocol endpoints: each at most once. */
final class Params {

  private Params() {}

  static Map<String, String> single(MultivaluedMap<String, String> params) {
    Map<String, String> single = new LinkedHashMap<>();
    if (params == null) {
      return single;
    }
    for (Map.Entry<String, List<String>> entry : params.entrySet()) {
      if (entry.getValue().size() > 1) {
        throw LmsException.invalidField(
            "lti.duplicate-parameter", entry.getKey(), "is sent more than once");
      }
      single.put(entry.getKey(), entry.getValue().isEmpty() ? "" : entry.getValue().get(0));
    }
    return single;
  }
}
