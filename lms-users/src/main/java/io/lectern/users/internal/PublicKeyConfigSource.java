package io.lectern.users.internal;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Hands the public half of the signing key to Liberty's MP-JWT verifier as {@code
 * mp.jwt.verify.publickey}, so the verifier always trusts exactly the key the server signs with,
 * wherever the key folder is. Its ordinal is low: an operator who sets the property explicitly
 * wins.
 */
public class PublicKeyConfigSource implements ConfigSource {

  static final String PROPERTY = "mp.jwt.verify.publickey";
  private static volatile String publicKeyPem;

  static void publish(String pem) {
    publicKeyPem = pem;
  }

  @Override
  public Set<String> getPropertyNames() {
    return publicKeyPem == null ? Set.of() : Set.of(PROPERTY);
  }

  @Override
  public Map<String, String> getProperties() {
    return publicKeyPem == null ? Map.of() : Map.of(PROPERTY, publicKeyPem);
  }

  @Override
  public String getValue(String propertyName) {
    return PROPERTY.equals(propertyName) ? publicKeyPem : null;
  }

  @Override
  public String getName() {
    return "lectern-signing-key";
  }

  @Override
  public int getOrdinal() {
    return 50;
  }
}
