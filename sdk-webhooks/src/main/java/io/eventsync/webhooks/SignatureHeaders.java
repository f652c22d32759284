package io.eventsync.webhooks;

import io.eventsync.webhooks.SignatureVerificationException.Reason;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every {@link SignatureFormat} does the same way while verifying: reading a header within the
 * limits, comparing signatures in constant time, and failing with a logged reason.
 */
final class SignatureHeaders {
  private static final Logger log = LoggerFactory.getLogger(WebhookVerifier.class);

  private SignatureHeaders() {}

  /**
   * Returns the header's values, failing with {@link Reason#MISSING_HEADER} if none is non-blank
   * and with {@link Reason#MALFORMED_HEADER} if the headers are unreadable or a value is too long
   * or there are too many ({@link WebhookVerifier#MAX_HEADER_CHARS}, {@link
   * WebhookVerifier#MAX_HEADER_VALUES}).
   */
  static List<String> values(WebhookHeaders headers, String name) {
    List<String> values;
    try {
      values = headers.lookup(name, WebhookVerifier.MAX_HEADER_VALUES);
    } catch (RuntimeException e) {
      throw failure(Reason.MALFORMED_HEADER, "the headers could not be read (" + name + ")");
    }
    if (values == null) {
      throw failure(
          Reason.MALFORMED_HEADER,
          "more than " + WebhookVerifier.MAX_HEADER_VALUES + " values of " + name);
    }
    boolean present = false;
    for (String value : values) {
      if (value.length() > WebhookVerifier.MAX_HEADER_CHARS) {
        throw failure(
            Reason.MALFORMED_HEADER,
            name + " is longer than " + WebhookVerifier.MAX_HEADER_CHARS + " characters");
      }
      present |= !value.isBlank();
    }
    if (!present) {
      throw failure(Reason.MISSING_HEADER, "the header " + name + " is missing or empty");
    }
    return values;
  }

  /**
   * Returns the one distinct non-blank value of a header, trimmed; several different values are
   * {@link Reason#MALFORMED_HEADER}.
   */
  static String single(WebhookHeaders headers, String name) {
    String found = null;
    for (String value : values(headers, name)) {
      String trimmed = value.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (found != null && !found.equals(trimmed)) {
        throw failure(Reason.MALFORMED_HEADER, name + " has several different values");
      }
      found = trimmed;
    }
    if (found == null) { // only white space or control characters
      throw failure(Reason.MISSING_HEADER, "the header " + name + " is missing or empty");
    }
    return found;
  }

  /**
   * Returns the id of the first key whose MAC of the message ({@code mac} computes it) equals one
   * of the signatures, compared in constant time, or fails with {@link
   * Reason#NO_MATCHING_SIGNATURE}.
   */
  static String matchingKey(
      List<MacKey> keys, List<byte[]> signatures, String header, Function<MacKey, byte[]> mac) {
    for (MacKey key : keys) {
      byte[] expected = mac.apply(key);
      for (byte[] signature : signatures) {
        if (MessageDigest.isEqual(expected, signature)) {
          return key.id;
        }
      }
    }
    throw failure(
        Reason.NO_MATCHING_SIGNATURE,
        "no signature in "
            + header
            + " matches the body under the configured secret(s) "
            + ids(keys)
            + "; check the secret, and pass the raw body bytes exactly as received (never"
            + " re-serialised JSON or getReader() text)");
  }

  /** Returns the keys' ids, in order. */
  static List<String> ids(List<MacKey> keys) {
    List<String> ids = new ArrayList<>(keys.size());
    keys.forEach(k -> ids.add(k.id));
    return ids;
  }

  /** Returns (and logs at DEBUG) the failure; the message must hold no secret or signature. */
  static SignatureVerificationException failure(Reason reason, String message) {
    SignatureVerificationException e = new SignatureVerificationException(reason, message);
    log.debug("webhook rejected: {}", e.getMessage());
    return e;
  }
}
