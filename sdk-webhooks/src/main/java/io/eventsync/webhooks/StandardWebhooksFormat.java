package io.eventsync.webhooks;

import io.eventsync.webhooks.SignatureVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> format: headers {@code
 * webhook-id}, {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature} holding
 * space-separated {@code v1,<base64 HMAC-SHA256>} entries (other versions are ignored), the HMAC
 * taken over {@code id.timestamp.body}, and a timestamp that must lie within a past and a future
 * tolerance. A sender signs with one or more keys (one signature each, while rotating).
 */
final class StandardWebhooksFormat implements SignatureFormat {
  private static final int MAC_LENGTH = 32;
  private static final int MAX_ID_CHARS = 256;
  private static final int MAX_TIMESTAMP_DIGITS = 15;
  private static final String VERSION = "v1,";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ID_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final Duration pastTolerance;
  private final Duration futureTolerance;

  /** Creates the format with tolerances already checked to be non-negative. */
  StandardWebhooksFormat(Duration pastTolerance, Duration futureTolerance) {
    this.pastTolerance = pastTolerance;
    this.futureTolerance = futureTolerance;
  }

  @Override
  public String macAlgorithm() {
    return "HmacSHA256";
  }

  @Override
  public String signatureHeader() {
    return SignatureScheme.WEBHOOK_SIGNATURE;
  }

  @Override
  public boolean hasTimestamp() {
    return true;
  }

  @Override
  public Duration pastTolerance() {
    return pastTolerance;
  }

  @Override
  public Duration futureTolerance() {
    return futureTolerance;
  }

  @Override
  public SignatureFormat withTolerance(Duration past, Duration future) {
    return new StandardWebhooksFormat(past, future);
  }

  @Override
  public boolean carriesSeveralSignatures() {
    return true;
  }

  @Override
  public void checkKey(String schemeName, SigningKey key) {
    if (key.kind() == SigningKey.Kind.ASCII_SECRET) {
      throw new IllegalArgumentException(
          "Standard Webhooks secrets are base64 keys written \"whsec_...\"; pass"
              + " SigningKey.standardWebhooks(\"whsec_...\") (or SigningKey.ofBytes for a raw key),"
              + " not a 32-character WebhookSecret");
    }
  }

  /**
   * Checks the headers' format, then the signatures, and only then the timestamp: {@link
   * Reason#TIMESTAMP_TOO_OLD} and {@link Reason#TIMESTAMP_IN_FUTURE} therefore mean an authentic
   * delivery that is stale or early, never a forgery.
   */
  @Override
  public Verification verify(
      WebhookHeaders headers, byte[] body, Instant receivedAt, List<MacKey> keys) {
    String id = SignatureHeaders.single(headers, SignatureScheme.WEBHOOK_ID);
    String timestamp = SignatureHeaders.single(headers, SignatureScheme.WEBHOOK_TIMESTAMP);
    List<String> signatureValues =
        SignatureHeaders.values(headers, SignatureScheme.WEBHOOK_SIGNATURE);
    if (id.length() > MAX_ID_CHARS || !allBetween(id, (char) 0x21, (char) 0x7e)) {
      throw SignatureHeaders.failure(
          Reason.MALFORMED_HEADER,
          SignatureScheme.WEBHOOK_ID + " must be at most 256 printable ASCII characters");
    }
    if (timestamp.length() > MAX_TIMESTAMP_DIGITS || !allBetween(timestamp, '0', '9')) {
      throw SignatureHeaders.failure(
          Reason.MALFORMED_HEADER,
          SignatureScheme.WEBHOOK_TIMESTAMP + " must be Unix seconds (digits only)");
    }
    long seconds = Long.parseLong(timestamp);
    List<byte[]> signatures = parse(signatureValues);
    byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
    byte[] timestampBytes = timestamp.getBytes(StandardCharsets.US_ASCII);
    String keyId =
        SignatureHeaders.matchingKey(
            keys,
            signatures,
            SignatureScheme.WEBHOOK_SIGNATURE,
            key -> key.mac(idBytes, timestampBytes, body));
    checkTimestamp(seconds, receivedAt);
    return new Verification(keyId, id, Instant.ofEpochSecond(seconds));
  }

  private void checkTimestamp(long seconds, Instant receivedAt) {
    long age = receivedAt.getEpochSecond() - seconds;
    if (age > pastTolerance.toSeconds()) {
      throw SignatureHeaders.failure(
          Reason.TIMESTAMP_TOO_OLD,
          "webhook-timestamp "
              + seconds
              + " is "
              + age
              + " s before "
              + receivedAt
              + ", more than the tolerance of "
              + pastTolerance.toSeconds()
              + " s; a replay, a delayed delivery or a slow clock (check NTP, or verify against the"
              + " receipt time)");
    }
    if (-age > futureTolerance.toSeconds()) {
      throw SignatureHeaders.failure(
          Reason.TIMESTAMP_IN_FUTURE,
          "webhook-timestamp "
              + seconds
              + " is "
              + -age
              + " s after "
              + receivedAt
              + ", more than the tolerance of "
              + futureTolerance.toSeconds()
              + " s; the sender's or this server's clock is off (check NTP)");
    }
  }

  /**
   * Returns the {@code v1} signatures of the header's values; fails with {@link
   * Reason#MALFORMED_HEADER} if there is none and an entry is malformed, and with {@link
   * Reason#NO_MATCHING_SIGNATURE} if there are only other versions.
   */
  List<byte[]> parse(List<String> values) {
    List<byte[]> signatures = new ArrayList<>(2);
    boolean malformed = false;
    for (String value : values) {
      for (String token : value.split(" ")) {
        if (token.isEmpty()) {
          continue;
        }
        int comma = token.indexOf(',');
        if (comma <= 0) {
          malformed = true;
        } else if (token.startsWith(VERSION)) {
          byte[] mac = decodeBase64(token.substring(VERSION.length()));
          if (mac == null || mac.length != MAC_LENGTH) {
            malformed = true;
          } else {
            signatures.add(mac);
          }
        }
        // other versions (v1a, v2...) are for other verifiers: ignored, as the spec says
      }
    }
    if (signatures.isEmpty()) {
      if (malformed) {
        throw SignatureHeaders.failure(
            Reason.MALFORMED_HEADER,
            "webhook-signature must be space-separated \"v1,<base64 HMAC-SHA256>\" entries");
      }
      throw SignatureHeaders.failure(
          Reason.NO_MATCHING_SIGNATURE, "webhook-signature carries no v1 signature to check");
    }
    return signatures;
  }

  private static boolean allBetween(String text, char low, char high) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < low || c > high) {
        return false;
      }
    }
    return true;
  }

  private static byte @Nullable [] decodeBase64(String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public Map<String, String> sign(List<MacKey> keys, byte[] body, Clock clock) {
    return sign(keys, newMessageId(), clock.instant(), body);
  }

  /** Signs with every key, one {@code v1,} signature each, space-separated. */
  @Override
  public Map<String, String> sign(List<MacKey> keys, String id, Instant timestamp, byte[] body) {
    if (id.isEmpty() || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("webhook id must be non-empty printable ASCII: " + id);
    }
    if (timestamp.getEpochSecond() < 0) {
      throw new IllegalArgumentException("timestamp before 1970: " + timestamp);
    }
    String seconds = Long.toString(timestamp.getEpochSecond());
    byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
    byte[] secondsBytes = seconds.getBytes(StandardCharsets.US_ASCII);
    StringBuilder signatures = new StringBuilder();
    for (MacKey key : keys) {
      if (signatures.length() > 0) {
        signatures.append(' ');
      }
      signatures.append(write(key.mac(idBytes, secondsBytes, body)));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(SignatureScheme.WEBHOOK_ID, id);
    headers.put(SignatureScheme.WEBHOOK_TIMESTAMP, seconds);
    headers.put(SignatureScheme.WEBHOOK_SIGNATURE, signatures.toString());
    return Collections.unmodifiableMap(headers);
  }

  /** Returns one signature entry for a MAC: {@code v1,<base64>}. */
  static String write(byte[] mac) {
    return VERSION + Base64.getEncoder().encodeToString(mac);
  }

  private static String newMessageId() {
    char[] chars = new char[24];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
    }
    return "msg_" + new String(chars);
  }
}
