package io.eventsync.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * A webhook signing secret: exactly {@value #LENGTH} printable ASCII characters, used as its UTF-8
 * bytes as the HMAC key.
 *
 * <p>This is the {@code secret_key} that TikiNOW requires when webhooks are registered and that
 * signs every delivery. The secret is never base64-decoded: {@code
 * "0123456789abcdef0123456789abcdef"} is the key {@code 0x30 0x31 ...}, exactly as the sender uses
 * it. A value of the wrong length or with a non-printable character is rejected when the secret is
 * created, not when the first webhook fails to verify.
 *
 * <p>Instances are immutable and thread-safe. {@link #toString()} never shows the secret; use
 * {@link #reveal()} where the value must be sent (for example in the registration request).
 */
public final class WebhookSecret {
  /** The number of characters of every secret. */
  public static final int LENGTH = 32;

  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String value;

  private WebhookSecret(String value) {
    this.value = value;
  }

  /**
   * Returns the secret with this value.
   *
   * @throws NullPointerException if {@code value} is null ("webhook secret missing")
   * @throws IllegalArgumentException if {@code value} is not exactly {@value #LENGTH} printable
   *     ASCII characters (the message names the problem, never the value)
   */
  public static WebhookSecret of(String value) {
    Objects.requireNonNull(
        value,
        "webhook secret missing (value == null): pass the 32-character secret the sender signs with (is its"
            + " environment variable set?), or create one with WebhookSecret.generate()");
    if (value.length() != LENGTH) {
      throw new IllegalArgumentException(
          "webhook secret must be exactly "
              + LENGTH
              + " characters but has "
              + value.length()
              + "; generate one with WebhookSecret.generate()");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            "webhook secret must be printable ASCII without spaces, but character "
                + (i + 1)
                + " is "
                + String.format("U+%04X", (int) c));
      }
    }
    return new WebhookSecret(value);
  }

  /** Returns a new random secret of letters and digits from a {@link SecureRandom}. */
  public static WebhookSecret generate() {
    char[] chars = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new WebhookSecret(new String(chars));
  }

  /** Returns the secret's value, for sending it to the party that signs webhooks. */
  public String reveal() {
    return value;
  }

  /** Returns a new copy of the HMAC key bytes (the value's UTF-8, that is ASCII, bytes). */
  public byte[] keyBytes() {
    return value.getBytes(StandardCharsets.US_ASCII);
  }

  /** Compares in constant time. */
  @Override
  public boolean equals(Object other) {
    return other instanceof WebhookSecret
        && MessageDigest.isEqual(keyBytes(), ((WebhookSecret) other).keyBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(keyBytes());
  }

  /** Returns {@code WebhookSecret[redacted]}; the value is never shown. */
  @Override
  public String toString() {
    return "WebhookSecret[redacted]";
  }
}
