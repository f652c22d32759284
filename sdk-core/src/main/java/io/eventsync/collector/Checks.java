package io.eventsync.collector;

/**
 * Validation before a request is sent. Every failure is an {@link IllegalArgumentException} whose
 * message names the wire field and shows the bad value (never a credential's value).
 */
final class Checks {
  private Checks() {}

  static void required(Object value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
  }

  static void requiredText(String value, String field) {
    required(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank but was \"" + value + "\"");
    }
  }
}
