package io.lectern.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every server signs and verifies with the keys in the database; a rotation signs no one out; the
 * keys are published as a JWKS with an OpenID discovery document, and an independent JOSE library
 * (Nimbus) verifies Lectern's tokens from them.
 */
class SigningKeysIT {

  @Test
  void theJwksPublishesThePublicKeyOfEveryLiveTokenAndIsCacheable() {
    Accounts.Session student = Accounts.student();
    Reply jwks = Api.get("/.well-known/jwks.json", null).expect(200);

    assertThat(jwks.header("Content-Type")).startsWith("application/json");
    assertThat(jwks.header("Cache-Control")).contains("public").contains("max-age=");
    List<String> kids = kids(jwks.json());
    assertThat(kids).contains(kid(student.accessToken()));
    for (JsonNode key : jwks.json().path("keys")) {
      assertThat(key.path("kty").asText()).isEqualTo("RSA");
      assertThat(key.path("alg").asText()).isEqualTo("RS256");
      assertThat(key.path("use").asText()).isEqualTo("sig");
      assertThat(key.path("n").asText()).matches("[A-Za-z0-9_-]{300,}");
      assertThat(key.path("e").asText()).isEqualTo("AQAB");
      assertThat(key.has("d")).as("no private part").isFalse();
    }
    // The private keys live in the database, which the JWKS matches.
    assertThat(
            Db.count(
                "select count(*) from users.signing_keys"
                    + " where retires_at is null or retires_at > now()"))
        .isEqualTo(kids.size());
  }

  @Test
  void aRotationKeepsEveryoneSignedInAndNewTokensCarryTheNewKey() throws Exception {
    Accounts.Session before = Accounts.student();
    String oldKid = kid(before.accessToken());

    Api.post("/api/v1/admin/signing-keys/rotate", null, before.accessToken())
        .expectProblem(403, "auth.forbidden");
    Api.post("/api/v1/admin/signing-keys/rotate", null, null).expectProblem(401, "auth.required");
    Reply rotated =
        Api.post("/api/v1/admin/signing-keys/rotate", null, Accounts.admin().accessToken())
            .expect(200);
    String newKid = rotated.text("kid");
    Instant activatesAt = Instant.parse(rotated.text("activatesAt"));
    assertThat(newKid).isNotEqualTo(oldKid);
    assertThat(Instant.parse(rotated.text("previousKeysRetireAt")))
        .isAfter(activatesAt.plusSeconds(900));

    // Published at once, before it signs anything, beside the key of the live tokens.
    assertThat(kids(Api.get("/.well-known/jwks.json", null).expect(200).json()))
        .contains(newKid, oldKid);

    waitUntil(activatesAt);
    Accounts.Session after = Accounts.login(before.email(), Accounts.PASSWORD);
    assertThat(kid(after.accessToken())).isEqualTo(newKid);

    // Liberty verifies both: the token signed before the rotation and the one after.
    Api.get("/api/v1/users/me", before.accessToken()).expect(200);
    Api.get("/api/v1/users/me", after.accessToken()).expect(200);
    String refreshed =
        Api.post(
                "/api/v1/auth/refresh",
                java.util.Map.of("refreshToken", before.refreshToken()),
                null)
            .expect(200)
            .text("accessToken");
    assertThat(kid(refreshed)).isEqualTo(newKid);

    var stored =
        Db.row("select retires_at from users.signing_keys where kid = ?", oldKid).get("retires_at");
    assertThat(stored).as("the old key has a retirement time").isNotNull();
    assertThat(
            Db.row("select retires_at from users.signing_keys where kid = ?", newKid)
                .get("retires_at"))
        .isNull();
  }

  @Test
  void theDiscoveryDocumentPointsToTheKeysAndTheTokenEndpoint() {
    Reply discovery = Api.get("/.well-known/openid-configuration", null).expect(200);
    JsonNode doc = discovery.json();

    assertThat(doc.path("issuer").asText()).isEqualTo("lectern");
    assertThat(doc.path("jwks_uri").asText()).isEqualTo(Api.BASE_URL + "/.well-known/jwks.json");
    assertThat(doc.path("token_endpoint").asText()).isEqualTo(Api.BASE_URL + "/api/v1/auth/token");
    assertThat(doc.path("id_token_signing_alg_values_supported").toString())
        .isEqualTo("[\"RS256\"]");
    assertThat(doc.path("subject_types_supported").toString()).isEqualTo("[\"public\"]");
    assertThat(doc.path("grant_types_supported").toString()).contains("password", "refresh_token");
    assertThat(discovery.header("Cache-Control")).contains("public");
  }

  @Test
  void anIndependentJoseLibraryVerifiesLecternTokensFromThePublishedKeys() throws Exception {
    JsonNode discovery = Api.get("/.well-known/openid-configuration", null).expect(200).json();
    JWKSource<SecurityContext> keys =
        JWKSourceBuilder.create(URI.create(discovery.path("jwks_uri").asText()).toURL())
            .retrying(false)
            .build();
    ConfigurableJWTProcessor<SecurityContext> verifier = new DefaultJWTProcessor<>();
    verifier.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
    verifier.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            new JWTClaimsSet.Builder().issuer(discovery.path("issuer").asText()).build(),
            Set.of("sub", "exp", "iat", "jti", "groups")));
    Accounts.Session student = Accounts.student();

    JWTClaimsSet claims = verifier.process(student.accessToken(), null);

    assertThat(claims.getSubject()).isEqualTo(student.id().toString());
    assertThat(claims.getStringListClaim("groups")).containsExactly("student");
    assertThat(claims.getExpirationTime()).isAfter(new java.util.Date());

    // A token whose payload was changed (a role raised) is refused.
    String[] parts = student.accessToken().split("\\.");
    String forgedPayload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("\"student\"", "\"admin\"")
                    .getBytes(StandardCharsets.UTF_8));
    String forged = parts[0] + "." + forgedPayload + "." + parts[2];
    assertThatThrownBy(() -> verifier.process(forged, null)).isInstanceOf(BadJOSEException.class);
    Api.get("/api/v1/users/me", forged).expectProblem(401, "auth.invalid-token");
  }

  private static void waitUntil(Instant instant) throws InterruptedException {
    while (Instant.now().isBefore(instant.plusMillis(50))) {
      Thread.sleep(50);
    }
  }

  private static List<String> kids(JsonNode jwks) {
    List<String> kids = new ArrayList<>();
    jwks.path("keys").forEach(key -> kids.add(key.path("kid").asText()));
    return kids;
  }

  /** The kid header of a compact JWS. */
  static String kid(String token) {
    String header = token.substring(0, token.indexOf('.'));
    return Api.parse(new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8))
        .path("kid")
        .asText();
  }
}
