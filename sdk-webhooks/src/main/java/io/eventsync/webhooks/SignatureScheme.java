package io.eventsync.webhooks;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a webhook sender signs its deliveries: which header, which HMAC, what is signed and how the
 * signature is written.
 *
 * <ul>
 *   <li>{@link #TIKINOW}: {@code x-signature: sha1=<hex HMAC-SHA1 of the raw body>}, no timestamp.
 *   <li>{@link #HII_RETAIL}: {@code X-Hii-Signature: HS256=<hex HMAC-SHA256 of the raw body>}.
 *   <li>{@link #hubSha256(String)}: {@code <header>: sha256=<hex HMAC-SHA256 of the raw body>}
 *       (GitHub's {@code X-Hub-Signature-256} style).
 *   <li>{@link #standardWebhooks(Duration)}: the <a
 *       href="https://www.standardwebhooks.com/">Standard Webhooks</a> scheme: headers {@code
 *       webhook-id}, {@code webhook-timestamp} and {@code webhook-signature: v1,<base64>} (several
 *       signatures separated by spaces), HMAC-SHA256 over {@code id.timestamp.body}, and a
 *       timestamp that must lie within a tolerance in the past and in the future.
 * </ul>
 *
 * Header names are matched case-insensitively and hex digits are accepted in either case. Instances
 * are immutable values and thread-safe.
 */
public final class SignatureScheme {
  /** The default Standard Webhooks tolerance, both in the past and in the future: 5 minutes. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  /** The Standard Webhooks header carrying the message id. */
  public static final String WEBHOOK_ID = "webhook-id";

  /** The Standard Webhooks header carrying the signing time in Unix seconds. */
  public static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";

  /** The Standard Webhooks header carrying the signatures. */
  public static final String WEBHOOK_SIGNATURE = "webhook-signature";

  /** TikiNOW Smart Logistics: {@code x-signature: sha1=<lowercase hex HMAC-SHA1(raw body)>}. */
  public static final SignatureScheme TIKINOW =
      new SignatureScheme("TIKINOW", new PrefixedHexFormat("HmacSHA1", "x-signature", "sha1=", 20));

  /** Hii Retail external events: {@code X-Hii-Signature: HS256=<hex HMAC-SHA256(raw body)>}. */
  public static final SignatureScheme HII_RETAIL =
      new SignatureScheme(
          "HII_RETAIL", new PrefixedHexFormat("HmacSHA256", "X-Hii-Signature", "HS256=", 32));

  private final String name;
  private final SignatureFormat format;

  private SignatureScheme(String name, SignatureFormat format) {
    this.name = name;
    this.format = format;
  }

  /**
   * Returns the GitHub-style scheme: {@code headerName: sha256=<hex HMAC-SHA256(raw body)>}.
   *
   * @param headerName the signature header, for example {@code X-Hub-Signature-256}
   * @throws IllegalArgumentException if {@code headerName} is not a valid HTTP header name
   */
  public static SignatureScheme hubSha256(String headerName) {
    Objects.requireNonNull(headerName, "headerName == null");
    if (headerName.isEmpty() || !headerName.chars().allMatch(SignatureScheme::isTokenChar)) {
      throw new IllegalArgumentException("not a valid HTTP header name: \"" + headerName + "\"");
    }
    return new SignatureScheme(
        "HUB_SHA256", new PrefixedHexFormat("HmacSHA256", headerName, "sha256=", 32));
  }

  /** Returns the Standard Webhooks scheme with {@link #DEFAULT_TOLERANCE} both ways. */
  public static SignatureScheme standardWebhooks() {
    return standardWebhooks(DEFAULT_TOLERANCE);
  }

  /**
   * Returns the Standard Webhooks scheme accepting timestamps at most {@code tolerance} in the past
   * and at most {@code tolerance} in the future; use {@link #withTolerance(Duration, Duration)} for
   * different limits.
   *
   * @param tolerance how far the signed timestamp may be from the verifier's clock, either way
   * @throws IllegalArgumentException if {@code tolerance} is negative
   */
  public static SignatureScheme standardWebhooks(Duration tolerance) {
    return standardWebhooks(tolerance, tolerance);
  }

  private static SignatureScheme standardWebhooks(Duration past, Duration future) {
    checkTolerance(past, "past");
    checkTolerance(future, "future");
    return new SignatureScheme("STANDARD_WEBHOOKS", new StandardWebhooksFormat(past, future));
  }

  /**
   * Returns a copy of this Standard Webhooks scheme with separate past and future tolerances.
   *
   * @param past how old the signed timestamp may be
   * @param future how far ahead of the verifier's clock the signed timestamp may be
   * @throws IllegalStateException if this scheme has no timestamp
   * @throws IllegalArgumentException if a tolerance is negative
   */
  public SignatureScheme withTolerance(Duration past, Duration future) {
    if (!format.hasTimestamp()) {
      throw new IllegalStateException(name + " signatures carry no timestamp to check");
    }
    checkTolerance(past, "past");
    checkTolerance(future, "future");
    return new SignatureScheme(name, format.withTolerance(past, future));
  }

  private static void checkTolerance(Duration tolerance, String which) {
    Objects.requireNonNull(tolerance, which + " == null");
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException(which + " tolerance < 0: " + tolerance);
    }
  }

  private static boolean isTokenChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /** Returns the scheme's name: {@code TIKINOW}, {@code HII_RETAIL}, {@code HUB_SHA256}, ... */
  public String name() {
    return name;
  }

  /** Returns the name of the header that carries the signature. */
  public String signatureHeader() {
    return format.signatureHeader();
  }

  /** Returns the JCA name of the HMAC, {@code HmacSHA1} or {@code HmacSHA256}. */
  public String macAlgorithm() {
    return format.macAlgorithm();
  }

  /** Returns true if deliveries carry a signed id and timestamp (Standard Webhooks). */
  public boolean hasTimestamp() {
    return format.hasTimestamp();
  }

  /** Returns how old a signed timestamp may be, or null if the scheme has no timestamp. */
  public @Nullable Duration pastTolerance() {
    return format.pastTolerance();
  }

  /** Returns how far in the future a signed timestamp may be, or null if it has no timestamp. */
  public @Nullable Duration futureTolerance() {
    return format.futureTolerance();
  }

  /** Returns how this scheme writes, checks and makes signatures. */
  SignatureFormat format() {
    return format;
  }

  /** Throws if this scheme's senders would not use a key of that kind. */
  void checkKey(SigningKey key) {
    format.checkKey(name, key);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (!(other instanceof SignatureScheme)) {
      return false;
    }
    SignatureScheme that = (SignatureScheme) other;
    return name.equals(that.name)
        && signatureHeader()
            .toLowerCase(Locale.ROOT)
            .equals(that.signatureHeader().toLowerCase(Locale.ROOT))
        && Objects.equals(pastTolerance(), that.pastTolerance())
        && Objects.equals(futureTolerance(), that.futureTolerance());
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name, signatureHeader().toLowerCase(Locale.ROOT), pastTolerance(), futureTolerance());
  }

  /** Returns for example {@code SignatureScheme[TIKINOW, x-signature]}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("SignatureScheme[").append(name);
    s.append(", ").append(signatureHeader());
    Duration past = pastTolerance();
    if (past != null) {
      s.append(", tolerance -").append(past).append("/+").append(futureTolerance());
    }
    return s.append(']').toString();
  }
}
