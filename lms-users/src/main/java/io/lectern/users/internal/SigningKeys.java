package io.lectern.users.internal;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * The RS256 key pair that signs access tokens. Read from {@code jwt-private.pem} and {@code
 * jwt-public.pem} in the configured key folder, or generated there on first start; the private key
 * is never part of the build. The public key is published to Liberty's MP-JWT verifier through
 * {@link PublicKeyConfigSource}.
 */
@ApplicationScoped
public class SigningKeys {

  private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
  static final String PRIVATE_FILE = "jwt-private.pem";
  static final String PUBLIC_FILE = "jwt-public.pem";

  private final Path directory;
  private PrivateKey privateKey;
  private RSAPublicKey publicKey;
  private String publicPem;

  protected SigningKeys() {
    this.directory = null;
  }

  @Inject
  public SigningKeys(IdentitySettings settings) {
    this.directory = settings.keyDirectory();
  }

  @PostConstruct
  void load() {
    try {
      Path privatePath = directory.resolve(PRIVATE_FILE);
      Path publicPath = directory.resolve(PUBLIC_FILE);
      if (!Files.exists(privatePath)) {
        generate(privatePath, publicPath);
      }
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(readPem(privatePath)));
      publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(readPem(publicPath)));
      publicPem = Files.readString(publicPath, StandardCharsets.US_ASCII);
      PublicKeyConfigSource.publish(publicPem);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write the JWT keys in " + directory, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "The JWT keys in " + directory + " are not valid RSA keys", e);
    }
  }

  /** Loads (or creates) the keys as the application starts, so the first request finds them. */
  void loadAtStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // Instantiating the bean to deliver this event runs load().
  }

  private void generate(Path privatePath, Path publicPath)
      throws IOException, GeneralSecurityException {
    Files.createDirectories(directory);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    writePem(privatePath, "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
    writePem(publicPath, "PUBLIC KEY", pair.getPublic().getEncoded(), false);
    LOG.info("Generated a new JWT signing key pair in " + directory);
  }

  private static void writePem(Path path, String type, byte[] der, boolean secret)
      throws IOException {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    String pem = "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    Files.writeString(path, pem, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
    if (secret) {
      try {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // Not a POSIX file system; the folder's own permissions apply.
      }
    }
  }

  private static byte[] readPem(Path path) throws IOException {
    String base64 =
        Files.readString(path, StandardCharsets.US_ASCII)
            .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
            .replaceAll("\\s", "");
    return Base64.getDecoder().decode(base64);
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public String publicKeyPem() {
    return publicPem;
  }
}
