package io.eventsync.internal;

/**
 * Checks of secret values that go into a header. Messages name the value and the bad character's
 * index, never the value.
 */
public final class HeaderChecks {
  private HeaderChecks() {}

  /**
   * Checks that {@code value} is non-blank visible ASCII, as a token in an HTTP header must be.
   *
   * @param what names the value in the message
   * @throws IllegalArgumentException if blank or with another character
   */
  public static void checkHeaderSafe(String value, String what) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " is blank");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            what
                + " has a character not allowed in an HTTP header at index "
                + i
                + " ("
                + String.format("U+%04X", (int) c)
                + "); check for a stray line break or space");
      }
    }
  }

  /**
   * Checks that {@code value} has no control character.
   *
   * @param what names the value in the message
   * @throws IllegalArgumentException if it has one
   */
  public static void checkNoControl(String value, String what) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException(
            what
                + " has a control character at index "
                + i
                + " ("
                + String.format("U+%04X", (int) c)
                + "); check for a stray line break");
      }
    }
  }
}
