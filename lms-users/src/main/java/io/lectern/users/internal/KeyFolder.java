package io.lectern.users.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;

/**
 * The key pair earlier versions kept in {@code LMS_JWT_KEY_DIR} ({@code jwt-private.pem}, {@code
 * jwt-public.pem}). Read once, when the database holds no key yet, so that tokens signed before the
 * upgrade stay valid. Nothing is written there any more.
 */
final class KeyFolder {

  static final String PRIVATE_FILE = "jwt-private.pem";
  static final String PUBLIC_FILE = "jwt-public.pem";

  private KeyFolder() {}

  static Optional<KeyPair> read(Path directory) {
    Path privatePath = directory.resolve(PRIVATE_FILE);
    Path publicPath = directory.resolve(PUBLIC_FILE);
    if (!Files.isRegularFile(privatePath) || !Files.isRegularFile(publicPath)) {
      return Optional.empty();
    }
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      return Optional.of(
          new KeyPair(
              (RSAPublicKey)
                  rsa.generatePublic(
                      new X509EncodedKeySpec(PrivateKeyCodec.fromPem(text(publicPath)))),
              rsa.generatePrivate(
                  new PKCS8EncodedKeySpec(PrivateKeyCodec.fromPem(text(privatePath))))));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the JWT keys in " + directory, e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "The JWT keys in " + directory + " are not valid RSA keys", e);
    }
  }

  private static String text(Path path) throws IOException {
    return Files.readString(path, StandardCharsets.US_ASCII);
  }
}
