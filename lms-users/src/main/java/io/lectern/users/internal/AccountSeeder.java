package io.lectern.users.internal;

import io.lectern.shared.lifecycle.SchemaMigrated;
import io.lectern.shared.security.Role;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the first admin from {@code LMS_ADMIN_EMAIL}/{@code LMS_ADMIN_PASSWORD} when the platform
 * has no admin yet, and the demo accounts when the server runs with demo data.
 */
@ApplicationScoped
public class AccountSeeder {

  private static final Logger LOG = Logger.getLogger(AccountSeeder.class.getName());

  /** Demo accounts of the embedded default mode; the README lists them. */
  static final String[][] DEMO_ACCOUNTS = {
    {"admin@lectern.local", "admin-demo-pass", "Ada Admin", "admin"},
    {"instructor@lectern.local", "instructor-demo-pass", "Ivan Instructor", "instructor"},
    {"student@lectern.local", "student-demo-pass", "Stella Student", "student"},
  };

  @Inject UserRepository users;
  @Inject AuthenticationService authentication;

  @Inject
  @ConfigProperty(name = "lms.admin.email")
  Optional<String> adminEmail;

  @Inject
  @ConfigProperty(name = "lms.admin.password")
  Optional<String> adminPassword;

  @Transactional
  void seed(@Observes @Priority(100) SchemaMigrated migrated) {
    seedFirstAdmin();
    if (migrated.demoData()) {
      seedDemoAccounts();
    }
  }

  private void seedFirstAdmin() {
    if (adminEmail.isEmpty() || users.anyAdmin()) {
      return;
    }
    String password = adminPassword.orElse("");
    if (password.length() < 8) {
      LOG.severe(
          "LMS_ADMIN_EMAIL is set but LMS_ADMIN_PASSWORD is missing or shorter than 8"
              + " characters; no admin was created.");
      return;
    }
    authentication.createAccount(adminEmail.get(), password, "Administrator", Role.ADMIN);
    LOG.info("Created the first admin account " + adminEmail.get());
  }

  private void seedDemoAccounts() {
    StringBuilder banner = new StringBuilder("Demo accounts (embedded demo mode):");
    for (String[] account : DEMO_ACCOUNTS) {
      if (!users.emailTaken(account[0])) {
        authentication.createAccount(
            account[0], account[1], account[2], Role.fromValue(account[3]));
      }
      banner.append(
          String.format("%n  %-10s %-26s password: %s", account[3], account[0], account[1]));
    }
    LOG.info(banner.toString());
  }
}
