package io.lectern.users.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * One refresh token of a login chain ({@code familyId}). Only a SHA-256 hash of the secret part is
 * kept. A token is used once: refreshing marks it used and issues its successor in the same family;
 * presenting a used or revoked token again revokes the whole family.
 */
@Entity
@Table(name = "refresh_tokens", schema = "users")
public class RefreshToken {

  @Id private UUID id;

  @Column(name = "user_id", nullable = false)
  private UUID userId;

  @Column(name = "token_jti", nullable = false, unique = true, length = 64)
  private String jti;

  @Column(name = "secret_hash", nullable = false, length = 64)
  private String secretHash;

  @Column(name = "family_id", nullable = false)
  private UUID familyId;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "used_at")
  private Instant usedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "user_agent", length = 500)
  private String userAgent;

  @Column(name = "ip_address", length = 64)
  private String ipAddress;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Version private long version;

  protected RefreshToken() {}

  RefreshToken(
      UUID userId,
      String jti,
      String secretHash,
      UUID familyId,
      Instant expiresAt,
      ClientInfo client,
      Instant now) {
    this.id = UUID.randomUUID();
    this.userId = userId;
    this.jti = jti;
    this.secretHash = secretHash;
    this.familyId = familyId;
    this.expiresAt = expiresAt;
    this.userAgent = truncate(client.userAgent(), 500);
    this.ipAddress = truncate(client.ipAddress(), 64);
    this.createdAt = now;
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  /** Usable for a refresh right now: not used, not revoked, not expired. */
  boolean isLive(Instant now) {
    return usedAt == null && revokedAt == null && now.isBefore(expiresAt);
  }

  /** Was handed out before and is presented again: the mark of a stolen token. */
  boolean isReplayed() {
    return usedAt != null || revokedAt != null;
  }

  void markUsed(Instant now) {
    this.usedAt = now;
  }

  void revoke(Instant now) {
    if (revokedAt == null) {
      this.revokedAt = now;
    }
  }

  UUID userId() {
    return userId;
  }

  UUID familyId() {
    return familyId;
  }

  String secretHash() {
    return secretHash;
  }

  Instant revokedAt() {
    return revokedAt;
  }
}
