package io.lectern.shared.security;

import java.util.Locale;

/** The three roles; the JWT {@code groups} claim carries {@link #value()}. */
public enum Role {
  ADMIN,
  INSTRUCTOR,
  STUDENT;

  public static final String ADMIN_NAME = "admin";
  public static final String INSTRUCTOR_NAME = "instructor";
  public static final String STUDENT_NAME = "student";

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code admin|instructor|student}; returns null for anything else. */
  public static Role fromValue(String value) {
    if (value == null) {
      return null;
    }
    for (Role role : values()) {
      if (role.value().equals(value)) {
        return role;
      }
    }
    return null;
  }
}
