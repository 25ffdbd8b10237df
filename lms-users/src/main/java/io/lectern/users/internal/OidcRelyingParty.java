package io.lectern.users.internal;

import io.lectern.shared.error.LmsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Lectern as an OpenID Connect relying party: the authorization code flow with PKCE (S256), state
 * and nonce. The state, nonce and verifier wait in PostgreSQL between the two legs (any server can
 * finish the flow; each is used once and expires); the id_token is checked for signature (the
 * provider's published keys), issuer, audience, expiry and nonce before anyone is signed in.
 * Outbound HTTP calls happen outside any database transaction.
 */
@ApplicationScoped
public class OidcRelyingParty {

  private static final String[] ALGORITHMS = {
    AlgorithmIdentifiers.RSA_USING_SHA256,
    AlgorithmIdentifiers.RSA_USING_SHA384,
    AlgorithmIdentifiers.RSA_USING_SHA512,
    AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
    AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
    AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384
  };

  @Inject OidcSettings settings;
  @Inject OidcProviderClient client;
  @Inject SsoStore store;
  @Inject SsoAccounts accounts;
  @Inject Clock clock;

  public List<String> providerNames() {
    return List.copyOf(settings.providers().keySet());
  }

  /** Where to send the browser to sign in at the provider; remembers the flow's secrets. */
  public URI begin(String providerName) {
    OidcProvider provider = provider(providerName);
    URI authorization = client.metadata(provider).authorizationEndpoint();
    String state = SsoSecrets.random();
    String nonce = SsoSecrets.random();
    String verifier = SsoSecrets.random();
    Instant now = clock.instant();
    store.savePendingLogin(
        state,
        new SsoStore.PendingLogin(provider.name(), nonce, verifier),
        now,
        now.plus(settings.loginLifetime()));
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", provider.clientId());
    query.put("redirect_uri", settings.callbackFor(provider).toString());
    query.put("scope", String.join(" ", provider.scopes()));
    query.put("state", state);
    query.put("nonce", nonce);
    query.put("code_challenge", SsoSecrets.challenge(verifier));
    query.put("code_challenge_method", "S256");
    String separator = authorization.getRawQuery() == null ? "?" : "&";
    return URI.create(authorization + separator + encode(query));
  }

  /**
   * The provider's callback: takes the pending sign-in of {@code state} (once), exchanges the code,
   * verifies the id_token and signs the person in; returns the front-end address carrying the
   * one-time code.
   */
  public URI complete(String providerName, String state, String code, String error) {
    OidcProvider provider = provider(providerName);
    if (state == null || state.isEmpty() || state.length() > 64) {
      throw invalidState();
    }
    SsoStore.PendingLogin pending =
        store
            .takePendingLogin(state, clock.instant())
            .filter(p -> p.provider().equals(provider.name()))
            .orElseThrow(OidcRelyingParty::invalidState);
    if (error != null) {
      throw LmsException.forbidden(
          "oidc.provider-refused",
          "The identity provider did not sign you in ("
              + error.replaceAll("[^A-Za-z0-9_.-]", "")
              + "); try again.");
    }
    if (code == null || code.isEmpty() || code.length() > 2048) {
      throw LmsException.invalidField(
          "oidc.code-missing", "code", "The callback carries no authorization code.");
    }
    String idToken =
        client.exchangeCode(provider, code, settings.callbackFor(provider), pending.codeVerifier());
    OidcIdentity identity = verify(provider, idToken, pending.nonce());
    String oneTimeCode = accounts.signIn(identity, provider.trustUnverifiedEmail());
    String frontEnd = settings.frontEndUrl().toString();
    String separator = settings.frontEndUrl().getRawQuery() == null ? "?" : "&";
    Map<String, String> landing = new LinkedHashMap<>();
    landing.put("code", oneTimeCode);
    landing.put("provider", provider.name());
    return URI.create(frontEnd + separator + encode(landing));
  }

  /** Checks the id_token's signature, issuer, audience, expiry and nonce. */
  OidcIdentity verify(OidcProvider provider, String idToken, String expectedNonce) {
    JwtClaims claims;
    try {
      claims = consumer(provider, false).processToClaims(idToken);
    } catch (InvalidJwtException e) {
      if (!unknownKey(e)) {
        throw invalidToken(provider, e);
      }
      // The provider may have rotated its keys since they were fetched.
      try {
        claims = consumer(provider, true).processToClaims(idToken);
      } catch (InvalidJwtException again) {
        throw invalidToken(provider, again);
      }
    }
    try {
      if (!SsoSecrets.same(expectedNonce, claims.getClaimValueAsString("nonce"))) {
        throw LmsException.forbidden(
            "oidc.nonce-mismatch",
            "The identity provider's answer does not belong to this sign-in (nonce mismatch);"
                + " sign in again.");
      }
      List<String> audience = claims.getAudience();
      String authorizedParty = claims.getClaimValueAsString("azp");
      if (audience.size() > 1
          && authorizedParty != null
          && !authorizedParty.equals(provider.clientId())) {
        throw invalidToken(provider, null);
      }
      return OidcIdentity.of(provider, claims);
    } catch (MalformedClaimException e) {
      throw invalidToken(provider, null);
    }
  }

  private JwtConsumer consumer(OidcProvider provider, boolean refreshKeys) {
    return new JwtConsumerBuilder()
        .setRequireExpirationTime()
        .setRequireSubject()
        .setAllowedClockSkewInSeconds(60)
        .setExpectedIssuer(client.metadata(provider).issuer())
        .setExpectedAudience(provider.clientId())
        .setJwsAlgorithmConstraints(
            new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, ALGORITHMS))
        .setVerificationKeyResolver(
            new JwksVerificationKeyResolver(client.keys(provider, refreshKeys).getJsonWebKeys()))
        .build();
  }

  private static boolean unknownKey(InvalidJwtException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvableKeyException) {
        return true;
      }
    }
    return false;
  }

  private OidcProvider provider(String name) {
    return settings
        .provider(name)
        .orElseThrow(
            () ->
                LmsException.notFound(
                    "oidc.unknown-provider", "No identity provider is configured by that name."));
  }

  private static LmsException invalidState() {
    return LmsException.validation(
        "oidc.invalid-state",
        "This sign-in is unknown, was already completed or has expired; start it again.",
        List.of());
  }

  private static LmsException invalidToken(OidcProvider provider, InvalidJwtException cause) {
    java.util.logging.Logger.getLogger(OidcRelyingParty.class.getName())
        .log(
            java.util.logging.Level.WARNING,
            "Single sign-on: an id_token from {0} was refused: {1}",
            new Object[] {provider.name(), cause == null ? "azp" : cause.getMessage()});
    return LmsException.forbidden(
        "oidc.invalid-id-token",
        "The identity provider's answer could not be verified; sign in again.");
  }

  private static String encode(Map<String, String> values) {
    return values.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
