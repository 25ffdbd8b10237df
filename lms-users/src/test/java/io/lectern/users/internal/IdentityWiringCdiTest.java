package io.lectern.users.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lectern.shared.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The identity beans wire up in a real CDI container (embedded Weld), without Config/JPA/JTA. */
@ExtendWith(ArquillianExtension.class)
class IdentityWiringCdiTest {

  @Deployment
  public static JavaArchive deployment() {
    return ShrinkWrap.create(JavaArchive.class, "identity-wiring.jar")
        .addClasses(
            PasswordHasher.class,
            SigningKeys.class,
            SigningKeyStore.class,
            AccessTokenIssuer.class,
            IdentityTestProducers.class)
        .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  @Inject IdentitySettings settings;
  @Inject SigningKeys keys;
  @Inject AccessTokenIssuer issuer;
  @Inject PasswordHasher hasher;
  @Inject BeanManager beanManager;

  @Test
  void injectedIssuerSignsWithTheInjectedSigningKeys() throws Exception {
    User user =
        new User(
            "wired@example.com",
            "irrelevant-hash",
            "Wired",
            Role.STUDENT,
            IdentityTestProducers.START);
    UUID sessionId = UUID.randomUUID();
    // As the start-up load would do, without a database.
    keys.install(List.of(keys.stored(SigningKeys.generate(), IdentityTestProducers.START)));

    String token = issuer.issue(user, sessionId).token();

    JwtClaims claims =
        new JwtConsumerBuilder()
            .setVerificationKey(keys.signingKey().publicKey())
            .setExpectedIssuer(IdentityTestProducers.ISSUER)
            .setRequireExpirationTime()
            .setEvaluationTime(
                NumericDate.fromMilliseconds(IdentityTestProducers.START.toEpochMilli()))
            .build()
            .processToClaims(token);
    assertThat(claims.getSubject()).isEqualTo(user.id().toString());
    assertThat(claims.getStringClaimValue(AccessTokenIssuer.SESSION_CLAIM))
        .isEqualTo(sessionId.toString());
    assertThat(claims.getIssuedAt().getValue())
        .isEqualTo(IdentityTestProducers.START.getEpochSecond());
    assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
        .isEqualTo(IdentityTestProducers.ACCESS_LIFETIME.toSeconds());
  }

  @Test
  void identityBeansAreApplicationScoped() {
    for (Class<?> type :
        new Class<?>[] {SigningKeys.class, AccessTokenIssuer.class, PasswordHasher.class}) {
      Bean<?> bean = beanManager.resolve(beanManager.getBeans(type));
      assertThat(bean).as(type.getSimpleName()).isNotNull();
      assertThat(bean.getScope()).as(type.getSimpleName()).isEqualTo(ApplicationScoped.class);
    }
  }

  @Test
  void injectedPasswordHasherRoundTrips() {
    String stored = hasher.hash("wired-password");

    assertThat(stored).startsWith("pbkdf2-sha256$" + PasswordHasher.MIN_ITERATIONS + "$");
    assertThat(hasher.matches("wired-password", stored)).isTrue();
    assertThat(hasher.matches("other-password", stored)).isFalse();
  }
}
