package io.lectern.shared.error;

/** One invalid field of a request: {@code field} is a JSON path such as {@code email}. */
public record Violation(String field, String message) {}
