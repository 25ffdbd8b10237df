package io.lectern.users.internal;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Hands the verifying keys to Liberty's MP-JWT verifier as {@code mp.jwt.verify.publickey}, in the
 * JWKS form the MP-JWT specification allows, so that the verifier always trusts exactly the keys
 * the servers sign with. Liberty reads the property on every request and picks the key by the
 * token's {@code kid}; a new document (after a rotation or a retirement) is parsed once. Its
 * ordinal is low: an operator who sets the property explicitly wins.
 */
public class PublicKeyConfigSource implements ConfigSource {

  static final String PROPERTY = "mp.jwt.verify.publickey";
  private static volatile KeyRing ring;
  private static volatile Clock clock = Clock.systemUTC();

  static void publish(KeyRing keys, Clock now) {
    clock = now;
    ring = keys;
  }

  /** The value the verifier reads now (null when no key is loaded). */
  static String currentValue() {
    return current();
  }

  private static String current() {
    KeyRing keys = ring;
    return keys == null || keys.all().isEmpty() ? null : keys.jwks(clock.instant());
  }

  @Override
  public Set<String> getPropertyNames() {
    return current() == null ? Set.of() : Set.of(PROPERTY);
  }

  @Override
  public Map<String, String> getProperties() {
    String value = current();
    return value == null ? Map.of() : Map.of(PROPERTY, value);
  }

  @Override
  public String getValue(String propertyName) {
    return PROPERTY.equals(propertyName) ? current() : null;
  }

  @Override
  public String getName() {
    return "lectern-signing-keys";
  }

  @Override
  public int getOrdinal() {
    return 50;
  }
}
