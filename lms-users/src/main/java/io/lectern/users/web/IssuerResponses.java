package io.lectern.users.web;

import io.lectern.users.internal.KeyRing;
import io.lectern.users.internal.SigningKey;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The documents that let others verify Lectern's access tokens (RFC 7517, OpenID Discovery). */
public final class IssuerResponses {

  private IssuerResponses() {}

  /** One public RSA key (RFC 7517/7518): modulus and exponent in base64url. */
  @JsonbPropertyOrder({"kty", "use", "alg", "kid", "n", "e"})
  @Schema(name = "JsonWebKey")
  public record JsonWebKeyResponse(
      @Schema(required = true, description = "Key type: RSA") String kty,
      @Schema(required = true, description = "sig: verifies signatures") String use,
      @Schema(required = true, description = "RS256") String alg,
      @Schema(required = true, description = "Key id, as in the tokens' kid header") String kid,
      @Schema(required = true, description = "Modulus, base64url") String n,
      @Schema(required = true, description = "Public exponent, base64url") String e) {

    static JsonWebKeyResponse of(SigningKey key) {
      Map<String, Object> params = KeyRing.publicJwkParams(key.kid(), key.publicKey());
      return new JsonWebKeyResponse(
          (String) params.get("kty"),
          (String) params.get("use"),
          (String) params.get("alg"),
          key.kid(),
          (String) params.get("n"),
          (String) params.get("e"));
    }
  }

  /** Every key that verifies Lectern's access tokens now, the signing one first. */
  @Schema(name = "JsonWebKeySet")
  public record JwksResponse(@Schema(required = true) List<JsonWebKeyResponse> keys) {}

  /**
   * OpenID Connect Discovery metadata of Lectern as an issuer of access tokens. Lectern has no
   * authorization endpoint: its tokens come from the token endpoint (password and refresh-token
   * grants) and its own sign-in API.
   */
  @JsonbPropertyOrder({
    "issuer",
    "jwks_uri",
    "token_endpoint",
    "grant_types_supported",
    "response_types_supported",
    "subject_types_supported",
    "id_token_signing_alg_values_supported",
    "token_endpoint_auth_methods_supported",
    "scopes_supported",
    "claims_supported"
  })
  @Schema(name = "OpenIdConfiguration")
  public record OpenIdConfiguration(
      // Not named issuer in Java: the schema scanner reads an accessor issuer() as "is suer".
      @JsonbProperty("issuer") @Schema(required = true, description = "The iss of every token")
          String tokenIssuer,
      @JsonbProperty("jwks_uri") @Schema(required = true) String jwksUri,
      @JsonbProperty("token_endpoint") @Schema(required = true) String tokenEndpoint,
      @JsonbProperty("grant_types_supported") @Schema(required = true)
          List<String> grantTypesSupported,
      @JsonbProperty("response_types_supported") @Schema(required = true)
          List<String> responseTypesSupported,
      @JsonbProperty("subject_types_supported") @Schema(required = true)
          List<String> subjectTypesSupported,
      @JsonbProperty("id_token_signing_alg_values_supported") @Schema(required = true)
          List<String> idTokenSigningAlgValuesSupported,
      @JsonbProperty("token_endpoint_auth_methods_supported") @Schema(required = true)
          List<String> tokenEndpointAuthMethodsSupported,
      @JsonbProperty("scopes_supported") @Schema(required = true) List<String> scopesSupported,
      @JsonbProperty("claims_supported") @Schema(required = true) List<String> claimsSupported) {}

  /** A rotation: the new key's id and when it starts signing; older keys verify until retired. */
  @Schema(name = "SigningKeyRotation")
  public record RotationResponse(
      @Schema(required = true) String kid,
      @Schema(required = true, description = "When the new key starts signing") Instant activatesAt,
      @Schema(required = true, description = "Until when the previous keys still verify tokens")
          Instant previousKeysRetireAt) {}
}
