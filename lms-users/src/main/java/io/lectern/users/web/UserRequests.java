package io.lectern.users.web;

import io.lectern.shared.text.TextPatterns;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the identity endpoints, with their validation rules. */
public final class UserRequests {

  private UserRequests() {}

  static final String ROLE_PATTERN = "admin|instructor|student";
  static final String ROLE_MESSAGE = "must be one of admin, instructor, student";
  static final String NOT_BLANK_PATTERN = TextPatterns.NOT_BLANK;

  public record Register(
      @NotBlank @Email @Size(max = 320) String email,
      @NotNull @Size(min = 8, max = 128) String password,
      @NotBlank @Size(max = 200) String fullName) {}

  public record Login(
      @NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 128) String password) {}

  public record RefreshTokenBody(@NotBlank @Size(max = 200) String refreshToken) {}

  public record UpdateMe(
      @Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK_PATTERN, message = "must not be blank")
          String fullName,
      @Size(max = 128) String currentPassword,
      @Size(min = 8, max = 128) String newPassword) {}

  public record CreateUser(
      @NotBlank @Email @Size(max = 320) String email,
      @NotNull @Size(min = 8, max = 128) String password,
      @NotBlank @Size(max = 200) String fullName,
      @NotNull @Pattern(regexp = ROLE_PATTERN, message = ROLE_MESSAGE) String role) {}

  public record UpdateUser(
      @Pattern(regexp = ROLE_PATTERN, message = ROLE_MESSAGE) String role,
      Boolean active,
      @Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK_PATTERN, message = "must not be blank")
          String fullName) {}
}
