package io.lectern.users.web;

import io.lectern.shared.error.ErrorKind;
import io.lectern.shared.error.LmsException;
import io.lectern.users.internal.AuthenticationService;
import io.lectern.users.internal.ClientInfo;
import io.lectern.users.internal.SignedIn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The grants of the OAuth 2.0 token endpoint (RFC 6749): the resource owner password grant (section
 * 4.3) and the refresh token grant (section 6). Both go through the same sign-in service as the
 * JSON API, so throttling, refresh-token rotation and reuse detection are the same.
 */
@ApplicationScoped
class OAuthGrants {

  static final String PASSWORD = "password";
  static final String REFRESH_TOKEN = "refresh_token";

  /** The longest values any real request holds (see UserRequests for the JSON API's limits). */
  static final int MAX_USERNAME = 320;

  static final int MAX_PASSWORD = 128;
  static final int MAX_REFRESH_TOKEN = 200;

  @Inject AuthenticationService authentication;

  /** A form body, read whole; its size is bounded by the request body guard (413 beyond). */
  static FormBody readForm(InputStream body) {
    return FormBody.parse(readAll(body));
  }

  static byte[] readAll(InputStream body) {
    if (body == null) {
      return new byte[0];
    }
    try {
      return body.readAllBytes();
    } catch (LmsException e) {
      if (e.kind() == ErrorKind.VALIDATION) {
        throw OAuthError.invalidRequest(e.code(), e.detail());
      }
      throw e;
    } catch (IOException e) {
      throw OAuthError.invalidRequest(
          "oauth.malformed-body", "The request body could not be read to its end.");
    }
  }

  /** Dispatches on grant_type; {@code authorization} is the request's Authorization header. */
  SignedIn token(FormBody form, String authorization, ClientInfo client) {
    checkNoClientCredentials(form, authorization);
    String grantType =
        form.get("grant_type")
            .orElseThrow(
                () ->
                    OAuthError.invalidRequest(
                        "oauth.missing-parameter", "The parameter grant_type is required."));
    return switch (grantType) {
      case PASSWORD -> password(form, client);
      case REFRESH_TOKEN -> refresh(form.require(REFRESH_TOKEN, Integer.MAX_VALUE), client);
      default ->
          throw OAuthError.unsupportedGrantType(
              "The grant type is not supported here; use password or refresh_token.");
    };
  }

  /**
   * The password grant; {@code scope} is accepted and ignored (a token carries the user's role).
   */
  SignedIn password(FormBody form, ClientInfo client) {
    String username = form.require("username", MAX_USERNAME);
    String password = form.require("password", MAX_PASSWORD);
    try {
      return authentication.login(username, password, client);
    } catch (LmsException e) {
      throw OAuthError.from(e);
    }
  }

  SignedIn refresh(String refreshToken, ClientInfo client) {
    if (refreshToken.length() > MAX_REFRESH_TOKEN) {
      throw OAuthError.invalidGrant(
          "auth.invalid-refresh-token", "The refresh token is invalid or has expired.");
    }
    try {
      return authentication.refresh(refreshToken, client);
    } catch (LmsException e) {
      throw OAuthError.from(e);
    }
  }

  /**
   * Lectern's clients are public (browser and mobile apps): there is no client secret to check, so
   * any {@code client_id} is accepted and a client that presents a secret is refused rather than
   * silently trusted. A Basic header with an empty secret (what the OpenAPI UI sends, {@code
   * "client_id:"}, also when nothing is filled in) only names the client and is accepted.
   */
  static void checkNoClientCredentials(FormBody form, String authorization) {
    if (form.get("client_secret").isPresent() || form.get("client_assertion").isPresent()) {
      throw OAuthError.invalidClient(
          "Lectern has no confidential clients: send no client secret or assertion.");
    }
    if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("basic ")) {
      return; // A bearer token on a token request is not client authentication; ignore it.
    }
    String credentials;
    try {
      credentials =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).strip()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw OAuthError.invalidClient("The Basic authorization header is not valid base64.");
    }
    int colon = credentials.indexOf(':');
    if (colon < 0 || colon < credentials.length() - 1) {
      throw OAuthError.invalidClient(
          "Lectern has no confidential clients: send no client secret in the Authorization"
              + " header (a client id alone is accepted).");
    }
  }
}
