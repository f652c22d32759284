package io.eventsync.webhooks;

import io.eventsync.auth.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An HMAC key together with how it was written down, so that a secret is never decoded the wrong
 * way.
 *
 * <p>Webhook senders disagree on what a secret string means. TikiNOW's 32-character {@code
 * secret_key} is used as its ASCII bytes; a Standard Webhooks secret {@code whsec_<base64>} is a
 * base64 key. Each has its own factory here, and a {@link SignatureScheme} accepts only the kinds
 * that make sense for it, so a 32-character ASCII secret can never be silently base64-decoded into
 * a different key (and the reverse):
 *
 * <ul>
 *   <li>{@link #of(WebhookSecret)}: a TikiNOW-style secret, its ASCII bytes. Not accepted by {@link
 *       SignatureScheme#standardWebhooks(java.time.Duration)}.
 *   <li>{@link #standardWebhooks(String)}: a {@code whsec_...} secret, strictly base64-decoded.
 *       Accepted only by Standard Webhooks.
 *   <li>{@link #ofText(String)} and {@link #ofBytes(byte[])}: an explicit key of any length (for
 *       example a GitHub-style hub secret), accepted by every scheme.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe. {@link #toString()} never shows the key.
 */
public final class SigningKey {
  /** The prefix of a Standard Webhooks secret. */
  public static final String STANDARD_WEBHOOKS_PREFIX = "whsec_";

  /** The smallest decoded Standard Webhooks key, in bytes, per the specification. */
  public static final int STANDARD_WEBHOOKS_MIN_BYTES = 24;

  /** The largest decoded Standard Webhooks key, in bytes, per the specification. */
  public static final int STANDARD_WEBHOOKS_MAX_BYTES = 64;

  /** How the key was given; decides which schemes accept it. */
  enum Kind {
    ASCII_SECRET("a 32-character webhook secret"),
    STANDARD_WEBHOOKS("a Standard Webhooks whsec_ secret"),
    EXPLICIT("an explicit key");

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  private final Kind kind;
  private final byte[] bytes;

  private SigningKey(Kind kind, byte[] bytes) {
    this.kind = kind;
    this.bytes = bytes;
  }

  /** Returns the key of a 32-character webhook secret: its ASCII bytes, never base64-decoded. */
  public static SigningKey of(WebhookSecret secret) {
    Objects.requireNonNull(secret, "secret == null");
    return new SigningKey(Kind.ASCII_SECRET, secret.keyBytes());
  }

  /**
   * Returns the key of a Standard Webhooks secret such as {@code whsec_MfKQ9r8GKYqrTwjUPD8I...}:
   * the base64 text after the {@code whsec_} prefix, decoded strictly.
   *
   * @throws IllegalArgumentException if the prefix is missing, the text is not valid base64, or the
   *     key is not {@value #STANDARD_WEBHOOKS_MIN_BYTES} to {@value #STANDARD_WEBHOOKS_MAX_BYTES}
   *     bytes long (the message never shows the secret)
   */
  public static SigningKey standardWebhooks(String secret) {
    Objects.requireNonNull(secret, "secret == null");
    if (!secret.startsWith(STANDARD_WEBHOOKS_PREFIX)) {
      throw new IllegalArgumentException(
          "a Standard Webhooks secret must start with \""
              + STANDARD_WEBHOOKS_PREFIX
              + "\"; for a 32-character TikiNOW secret use SigningKey.of(WebhookSecret.of(...))");
    }
    String base64 = secret.substring(STANDARD_WEBHOOKS_PREFIX.length());
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "a Standard Webhooks secret must be \"whsec_\" followed by standard base64, but the"
              + " text after the prefix ("
              + base64.length()
              + " characters) is not valid base64",
          null);
    }
    if (key.length < STANDARD_WEBHOOKS_MIN_BYTES || key.length > STANDARD_WEBHOOKS_MAX_BYTES) {
      throw new IllegalArgumentException(
          "a Standard Webhooks key must decode to "
              + STANDARD_WEBHOOKS_MIN_BYTES
              + " to "
              + STANDARD_WEBHOOKS_MAX_BYTES
              + " bytes, but this one decodes to "
              + key.length
              + "; check that the whole secret was copied");
    }
    return new SigningKey(Kind.STANDARD_WEBHOOKS, key);
  }

  /**
   * Returns a key that is the UTF-8 bytes of {@code text}, of any length (for example a
   * GitHub-style webhook secret).
   *
   * @throws IllegalArgumentException if {@code text} is empty
   */
  public static SigningKey ofText(String text) {
    Objects.requireNonNull(text, "text == null");
    return ofBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns a key of exactly these bytes (copied).
   *
   * @throws IllegalArgumentException if {@code key} is empty
   */
  public static SigningKey ofBytes(byte[] key) {
    Objects.requireNonNull(key, "key == null");
    if (key.length == 0) {
      throw new IllegalArgumentException("an HMAC key must not be empty");
    }
    return new SigningKey(Kind.EXPLICIT, key.clone());
  }

  Kind kind() {
    return kind;
  }

  /** The key bytes themselves; callers must not modify or leak them. */
  byte[] bytes() {
    return bytes;
  }

  /** Compares kind and key, the key in constant time. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof SigningKey
        && kind == ((SigningKey) other).kind
        && MessageDigest.isEqual(bytes, ((SigningKey) other).bytes);
  }

  @Override
  public int hashCode() {
    return 31 * kind.hashCode() + Arrays.hashCode(bytes);
  }

  /** Returns the kind of key and its length; never the key. */
  @Override
  public String toString() {
    return "SigningKey[" + kind.description + ", " + bytes.length + " bytes, redacted]";
  }
}
