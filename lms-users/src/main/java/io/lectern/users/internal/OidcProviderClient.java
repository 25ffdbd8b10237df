package io.lectern.users.internal;

import io.lectern.shared.error.LmsException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

/**
 * Talks to the OpenID providers over HTTP: discovery (once per provider, on its first sign-in, not
 * at start-up, so that a provider that is down does not stop the server), the JSON Web Key Set, and
 * the authorization code exchange. Every call has a connect and a request timeout.
 */
@ApplicationScoped
public class OidcProviderClient {

  private static final Logger LOG = Logger.getLogger(OidcProviderClient.class.getName());

  /** A key set is fetched again after this long, and at once when a token names an unknown key. */
  private static final Duration KEYS_MAX_AGE = Duration.ofHours(1);

  /** A provider's answers are small; anything larger is not one. */
  private static final int MAX_ANSWER_BYTES = 256 * 1024;

  @Inject OidcSettings settings;
  @Inject Clock clock;

  private HttpClient http;
  private final Map<String, ProviderMetadata> metadata = new ConcurrentHashMap<>();
  private final Map<String, CachedKeys> keys = new ConcurrentHashMap<>();

  /** The endpoints discovery found for a provider. */
  public record ProviderMetadata(
      String issuer,
      URI authorizationEndpoint,
      URI tokenEndpoint,
      URI jwksUri,
      boolean clientSecretPost) {}

  private record CachedKeys(JsonWebKeySet keys, Instant fetchedAt) {}

  @PostConstruct
  void init() {
    http =
        HttpClient.newBuilder()
            .connectTimeout(settings.httpTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The provider's discovery document (RFC 8414 / OpenID Connect Discovery), cached. */
  public ProviderMetadata metadata(OidcProvider provider) {
    ProviderMetadata known = metadata.get(provider.name());
    if (known != null) {
      return known;
    }
    JsonObject document =
        getJson(URI.create(provider.issuer() + "/.well-known/openid-configuration"), provider);
    String issuer = text(document, "issuer", provider);
    if (!provider.issuer().equals(issuer.replaceFirst("/+$", ""))) {
      // OpenID Connect Discovery 4.3: a document for another issuer must not be used.
      throw unavailable(provider, "its discovery document names another issuer: " + issuer);
    }
    boolean basic = true;
    JsonValue methods = document.get("token_endpoint_auth_methods_supported");
    if (methods instanceof JsonArray list) {
      basic = list.contains(Json.createValue("client_secret_basic"));
    }
    ProviderMetadata found =
        new ProviderMetadata(
            issuer,
            URI.create(text(document, "authorization_endpoint", provider)),
            URI.create(text(document, "token_endpoint", provider)),
            URI.create(text(document, "jwks_uri", provider)),
            !basic);
    metadata.put(provider.name(), found);
    return found;
  }

  /** The provider's signing keys; {@code refresh} fetches them again (a key was not found). */
  public JsonWebKeySet keys(OidcProvider provider, boolean refresh) {
    CachedKeys cached = keys.get(provider.name());
    Instant now = clock.instant();
    if (cached != null && !refresh && cached.fetchedAt().plus(KEYS_MAX_AGE).isAfter(now)) {
      return cached.keys();
    }
    JsonObject document = getJson(metadata(provider).jwksUri(), provider);
    try {
      JsonWebKeySet set = new JsonWebKeySet(document.toString());
      keys.put(provider.name(), new CachedKeys(set, now));
      return set;
    } catch (JoseException e) {
      throw unavailable(provider, "its key set cannot be read");
    }
  }

  /**
   * Exchanges an authorization code at the token endpoint, with the PKCE verifier; authenticates
   * with the client secret as the provider prefers (client_secret_basic unless it only offers
   * client_secret_post). Returns the id_token.
   */
  public String exchangeCode(
      OidcProvider provider, String code, URI redirectUri, String codeVerifier) {
    ProviderMetadata endpoints = metadata(provider);
    Map<String, String> form = new java.util.LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", redirectUri.toString());
    form.put("code_verifier", codeVerifier);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoints.tokenEndpoint())
            .timeout(settings.httpTimeout())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json");
    if (endpoints.clientSecretPost()) {
      form.put("client_id", provider.clientId());
      form.put("client_secret", provider.clientSecret());
    } else {
      // RFC 6749 2.3.1: id and secret are form-encoded before they are joined.
      String credentials = encode(provider.clientId()) + ":" + encode(provider.clientSecret());
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpResponse<String> response =
        send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), provider);
    if (response.statusCode() == 400 || response.statusCode() == 401) {
      // invalid_grant and the like: a code that was already used, expired or made for someone
      // else. The client's (browser's) problem, not the provider's.
      throw LmsException.validation(
          "oidc.code-rejected",
          "The identity provider did not accept the sign-in code (it may have been used already"
              + " or have expired); sign in again.",
          java.util.List.of());
    }
    JsonObject answer = parse(response, provider);
    JsonValue idToken = answer.get("id_token");
    if (!(idToken instanceof JsonString token)) {
      throw unavailable(provider, "its token answer has no id_token");
    }
    return token.getString();
  }

  private JsonObject getJson(URI uri, OidcProvider provider) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(settings.httpTimeout())
            .header("Accept", "application/json")
            .GET()
            .build();
    return parse(send(request, provider), provider);
  }

  private HttpResponse<String> send(HttpRequest request, OidcProvider provider) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.body() != null && response.body().length() > MAX_ANSWER_BYTES) {
        throw unavailable(provider, "it answered with an oversized body");
      }
      return response;
    } catch (IOException e) {
      LOG.log(
          Level.WARNING,
          "Single sign-on: {0} at {1} cannot be reached: {2}",
          new Object[] {provider.name(), request.uri(), e.toString()});
      throw unavailable(provider, "it cannot be reached");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(provider, "the request was interrupted");
    }
  }

  private JsonObject parse(HttpResponse<String> response, OidcProvider provider) {
    if (response.statusCode() != 200) {
      LOG.log(
          Level.WARNING,
          "Single sign-on: {0} answered {1} at {2}",
          new Object[] {provider.name(), response.statusCode(), response.uri()});
      throw unavailable(provider, "it answered " + response.statusCode());
    }
    try (var reader = Json.createReader(new StringReader(response.body()))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      throw unavailable(provider, "its answer is not a JSON object");
    }
  }

  private static String text(JsonObject document, String field, OidcProvider provider) {
    JsonValue value = document.get(field);
    if (!(value instanceof JsonString text) || text.getString().isBlank()) {
      throw unavailable(provider, "its discovery document has no " + field);
    }
    return text.getString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static LmsException unavailable(OidcProvider provider, String why) {
    LOG.log(Level.WARNING, "Single sign-on: {0} is unusable: {1}", new Object[] {provider, why});
    return LmsException.unavailable(
        "oidc.provider-unavailable",
        "The identity provider '"
            + provider.name()
            + "' cannot be used right now; try again later.",
        30);
  }

  /** Forgets what discovery found, so that a changed provider is discovered again. */
  void forget(OidcProvider provider) {
    metadata.remove(provider.name());
    keys.remove(provider.name());
  }
}
