package io.lectern.users.web;

import io.lectern.shared.text.ControlCharacters;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body, parsed strictly as RFC 6749 wants it: a
 * parameter sent twice, invalid percent-encoding, bytes that are not UTF-8 or a control character
 * make the request invalid. Parsed here rather than by the REST runtime so that every such mistake
 * is answered with the OAuth error shape, not a container error.
 */
final class FormBody {

  private final Map<String, String> values;

  private FormBody(Map<String, String> values) {
    this.values = values;
  }

  /** Parses the body; throws {@link OAuthError} (invalid_request) for anything malformed. */
  static FormBody parse(byte[] body) {
    Map<String, String> values = new LinkedHashMap<>();
    String text = new String(body, StandardCharsets.ISO_8859_1);
    if (text.isBlank()) {
      return new FormBody(values);
    }
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (values.containsKey(name)) {
        throw OAuthError.invalidRequest(
            "oauth.duplicate-parameter", "The parameter " + quoted(name) + " is sent twice.");
      }
      values.put(name, value);
    }
    return new FormBody(values);
  }

  /** The parameter's value; empty when absent or sent empty (RFC 6749 treats both alike). */
  Optional<String> get(String name) {
    String value = values.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** The parameter's value, at most {@code maxLength} characters; absent is invalid_request. */
  String require(String name, int maxLength) {
    String value =
        get(name)
            .orElseThrow(
                () ->
                    OAuthError.invalidRequest(
                        "oauth.missing-parameter", "The parameter " + name + " is required."));
    if (value.length() > maxLength) {
      throw OAuthError.invalidRequest(
          "oauth.parameter-too-long",
          "The parameter " + name + " is longer than " + maxLength + " characters.");
    }
    return value;
  }

  private static String decode(String encoded) {
    byte[] bytes = new byte[encoded.length()];
    int length = 0;
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '+') {
        bytes[length++] = ' ';
      } else if (c == '%') {
        int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
        int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
        if (low < 0) {
          throw OAuthError.invalidRequest(
              "oauth.malformed-body",
              "The form body has an invalid percent-encoding (a % must be followed by two"
                  + " hexadecimal digits).");
        }
        bytes[length++] = (byte) (high * 16 + low);
        i += 2;
      } else {
        bytes[length++] = (byte) c;
      }
    }
    String decoded;
    try {
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, 0, length))
              .toString();
    } catch (CharacterCodingException e) {
      throw OAuthError.invalidRequest(
          "oauth.malformed-body", "The form body is not UTF-8 text once percent-decoded.");
    }
    int bad = ControlCharacters.firstInLine(decoded);
    if (bad >= 0) {
      throw OAuthError.invalidRequest(
          "oauth.control-character",
          "A form parameter holds the control character "
              + ControlCharacters.describe(decoded, bad)
              + ".");
    }
    return decoded;
  }

  private static String quoted(String name) {
    return name.length() > 40 ? "'" + name.substring(0, 40) + "...'" : "'" + name + "'";
  }
}
