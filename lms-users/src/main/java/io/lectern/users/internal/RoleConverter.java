package io.lectern.users.internal;

import io.lectern.shared.security.Role;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores roles as the seed's lower-case words ({@code admin|instructor|student}). */
@Converter
public class RoleConverter implements AttributeConverter<Role, String> {

  @Override
  public String convertToDatabaseColumn(Role role) {
    return role == null ? null : role.value();
  }

  @Override
  public Role convertToEntityAttribute(String value) {
    return Role.fromValue(value);
  }
}
