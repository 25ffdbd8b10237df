package io.lectern.lti.internal;

import io.lectern.lti.api.LtiScopes;
import io.lectern.shared.error.LmsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * The tools' OAuth 2.0 client-credentials grant, authenticated by a JWT client assertion (RFC 7523,
 * LTI Security Framework 4.1): signed by the tool's key, iss = sub = its client id, aud = the token
 * endpoint, a jti never seen before. Issues an opaque access token for the requested LTI scopes,
 * stored hashed; {@link #require} checks it on the service endpoints.
 */
@ApplicationScoped
public class TokenService {

  static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  @Inject ToolRepository tools;
  @Inject ToolKeys keys;
  @Inject LtiRepository store;
  @Inject LtiSettings settings;
  @Inject Clock clock;

  /** An issued access token. */
  public record Issued(String accessToken, long expiresIn, String scope) {}

  @Transactional
  public Issued grant(String grantType, String assertionType, String assertion, String scope) {
    if (!"client_credentials".equals(grantType)) {
      throw LmsException.invalidField(
          "lti.unsupported-grant-type", "grant_type", "must be client_credentials");
    }
    if (!ASSERTION_TYPE.equals(assertionType)) {
      throw LmsException.invalidField(
          "lti.client-assertion-type", "client_assertion_type", "must be " + ASSERTION_TYPE);
    }
    if (assertion == null || assertion.isBlank() || assertion.length() > 16_384) {
      throw LmsException.invalidField(
          "lti.client-assertion", "client_assertion", "is required (a signed JWT)");
    }
    List<String> scopes = scopes(scope);
    Tool tool = claimedTool(assertion);
    JwtClaims claims;
    try {
      claims = keys.verify(tool, assertion, settings.tokenUrl());
      if (!tool.clientId().equals(claims.getSubject()) || claims.getJwtId() == null) {
        throw invalidClient("sub must be the client id and jti is required");
      }
      Instant now = clock.instant();
      Instant until = Instant.ofEpochSecond(claims.getExpirationTime().getValue());
      if (!store.firstUse(
          tool.id(),
          "jti:" + claims.getJwtId(),
          until.plusSeconds(ToolKeys.CLOCK_SKEW_SECONDS),
          now)) {
        throw invalidClient("this client assertion (jti) was used before");
      }
      String token = Secrets.random();
      Instant expires = now.plus(settings.accessTokenLifetime());
      store.insertAccessToken(Secrets.hash(token), tool.id(), scopes, expires);
      return new Issued(
          token, settings.accessTokenLifetime().toSeconds(), String.join(" ", scopes));
    } catch (InvalidJwtException e) {
      throw invalidClient("the client assertion is not valid: " + reason(e));
    } catch (MalformedClaimException e) {
      throw invalidClient("the client assertion has a malformed claim");
    }
  }

  /**
   * The tool behind a service call's bearer token, checked to hold one of {@code anyOf}: 401
   * without a valid token, 403 without the scope.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Tool require(String authorization, String... anyOf) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw LmsException.unauthorized(
          "lti.token-required", "Call with an access token of the LTI token endpoint.");
    }
    String token = authorization.substring(7).strip();
    LtiRepository.ServiceGrant grant =
        store
            .accessToken(Secrets.hash(token), clock.instant())
            .orElseThrow(
                () ->
                    LmsException.unauthorized(
                        "lti.token-invalid", "The access token is unknown or has expired."));
    if (Arrays.stream(anyOf).noneMatch(grant.scopes()::contains)) {
      throw LmsException.forbidden(
          "lti.scope-missing", "The access token lacks the scope " + String.join(" or ", anyOf));
    }
    return tools.find(grant.toolId()).orElseThrow(LtiErrors::toolNotFound);
  }

  private Tool claimedTool(String assertion) {
    try {
      JwtClaims unverified =
          new JwtConsumerBuilder()
              .setSkipAllValidators()
              .setDisableRequireSignature()
              .setSkipSignatureVerification()
              .build()
              .processToClaims(assertion);
      Optional<Tool> tool =
          unverified.getIssuer() == null
              ? Optional.empty()
              : tools.findByClientId(unverified.getIssuer());
      return tool.orElseThrow(() -> invalidClient("iss names no registered tool"));
    } catch (InvalidJwtException | MalformedClaimException e) {
      throw invalidClient("the client assertion is not a JWT");
    }
  }

  private static List<String> scopes(String scope) {
    if (scope == null || scope.isBlank()) {
      throw LmsException.invalidField("lti.invalid-scope", "scope", "is required");
    }
    LinkedHashSet<String> wanted = new LinkedHashSet<>(Arrays.asList(scope.strip().split("\\s+")));
    for (String s : wanted) {
      if (!LtiScopes.ALL.contains(s)) {
        throw LmsException.invalidField(
            "lti.invalid-scope", "scope", "names a scope Lectern does not grant: " + shorten(s));
      }
    }
    return List.copyOf(wanted);
  }

  static String reason(InvalidJwtException e) {
    String text =
        e.getErrorDetails().isEmpty() ? "invalid" : e.getErrorDetails().get(0).getErrorMessage();
    return shorten(text.replaceAll("JsonWebSignature\\{.*?\\}", "").replaceAll("\\s+", " "));
  }

  private static String shorten(String s) {
    return s.length() > 160 ? s.substring(0, 160) + "..." : s;
  }

  private static LmsException invalidClient(String detail) {
    return LmsException.unauthorized(
        "lti.invalid-client", "Client authentication failed: " + detail + ".");
  }

  static UUID uuidOrNull(String value) {
    try {
      return value == null ? null : UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
