package io.lectern.users.api;

/**
 * Signs JSON Web Tokens that Lectern sends to other systems as a platform (LTI launch messages),
 * with the same shared RS256 keys as its access tokens, so that one JWKS document ({@code
 * /.well-known/jwks.json}) verifies both. The caller supplies every claim but {@code iss}.
 */
public interface PlatformSigner {

  /** The {@code iss} of every token Lectern signs ({@code LMS_JWT_ISSUER}). */
  String issuer();

  /**
   * Signs the claims (a JSON object as text; {@code iss} is set here) with the current key; the
   * header names it by {@code kid}.
   */
  String sign(String claimsJson);
}
