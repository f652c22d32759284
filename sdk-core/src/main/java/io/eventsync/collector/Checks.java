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

  /** A required enum value that this SDK knows (an {@code UNKNOWN} read from the server is not). */
  static void known(Enum<?> value, String field) {
    required(value, field);
    if (value.name().equals("UNKNOWN")) {
      throw new IllegalArgumentException(
          field + " must be one of the documented values but was UNKNOWN");
    }
  }

  /** Like {@link #known} for an optional value. */
  static void knownIfSet(Enum<?> value, String field) {
    if (value != null) {
      known(value, field);
    }
  }
}
