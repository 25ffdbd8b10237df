package io.lectern.users.internal;

import io.lectern.shared.security.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A person who can sign in. Emails are stored trimmed and lower-cased, so they are unique
 * case-insensitively.
 */
@Entity
@Table(name = "users", schema = "users")
public class User {

  @Id private UUID id;

  @Column(nullable = false, length = 320)
  private String email;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  @Column(name = "full_name", nullable = false)
  private String fullName;

  @Convert(converter = RoleConverter.class)
  @Column(nullable = false, length = 20)
  private Role role;

  @Column(name = "is_active", nullable = false)
  private boolean active;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb", nullable = false)
  private String metadata;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "last_login_at")
  private Instant lastLoginAt;

  /**
   * Read only: bumped in SQL by {@link TokenEpochs} (with its notification), never written back
   * from a possibly stale entity.
   */
  @Column(name = "token_epoch", insertable = false, updatable = false)
  private long tokenEpoch;

  @Version private long version;

  protected User() {}

  public User(String email, String passwordHash, String fullName, Role role, Instant now) {
    this.id = UUID.randomUUID();
    this.email = normalizeEmail(email);
    this.passwordHash = passwordHash;
    this.fullName = fullName.strip();
    this.role = role;
    this.active = true;
    this.metadata = "{}";
    this.createdAt = now;
    this.updatedAt = now;
  }

  public static String normalizeEmail(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }

  public void rename(String newName, Instant now) {
    this.fullName = newName.strip();
    this.updatedAt = now;
  }

  public void changePasswordHash(String newHash, Instant now) {
    this.passwordHash = newHash;
    this.updatedAt = now;
  }

  public void changeRole(Role newRole, Instant now) {
    this.role = newRole;
    this.updatedAt = now;
  }

  public void setActive(boolean value, Instant now) {
    this.active = value;
    this.updatedAt = now;
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  public UUID id() {
    return id;
  }

  public String email() {
    return email;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public String fullName() {
    return fullName;
  }

  public Role role() {
    return role;
  }

  public boolean active() {
    return active;
  }

  public String metadata() {
    return metadata;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** The epoch access tokens issued now carry (as loaded; 0 for a user just created). */
  public long tokenEpoch() {
    return tokenEpoch;
  }

  public Instant lastLoginAt() {
    return lastLoginAt;
  }
}
