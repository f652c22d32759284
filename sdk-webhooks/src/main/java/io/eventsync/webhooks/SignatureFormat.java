package io.eventsync.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How one family of webhook senders writes its signatures: which headers, what the HMAC covers and
 * how a signature is encoded. A {@link SignatureScheme} is a name plus one format, and {@link
 * WebhookVerifier} and {@link WebhookSigner} hand the format-specific work to it, so a new kind of
 * scheme is one new implementation.
 *
 * <p>Implementations are immutable and thread-safe. Verification compares signatures in constant
 * time through {@link SignatureHeaders#matchingKey}, and reports every failure as a {@link
 * SignatureVerificationException} made by {@link SignatureHeaders#failure}.
 */
sealed interface SignatureFormat permits PrefixedHexFormat, StandardWebhooksFormat {
  /** Returns the JCA name of the HMAC. */
  String macAlgorithm();

  /** Returns the name of the header that carries the signature(s). */
  String signatureHeader();

  /** Returns true if deliveries carry a signed id and timestamp. */
  boolean hasTimestamp();

  /** Returns how old a signed timestamp may be, or null if the format has no timestamp. */
  @Nullable Duration pastTolerance();

  /** Returns how far ahead a signed timestamp may be, or null if the format has no timestamp. */
  @Nullable Duration futureTolerance();

  /**
   * Returns this format with other (already checked) tolerances.
   *
   * @throws IllegalStateException if the format has no timestamp
   */
  SignatureFormat withTolerance(Duration past, Duration future);

  /** Returns true if one delivery may carry several signatures, one per key of the sender. */
  boolean carriesSeveralSignatures();

  /**
   * Throws {@link IllegalArgumentException} if senders of this format would not use a key of that
   * kind; {@code schemeName} names the scheme in the message.
   */
  void checkKey(String schemeName, SigningKey key);

  /**
   * Parses the headers, computes the MAC of the message under each key and compares it with the
   * presented signatures in constant time. The body size has already been checked.
   *
   * @param receivedAt the instant timestamps are checked against (ignored without a timestamp)
   * @return which key matched and, if the format has them, the signed id and timestamp
   * @throws SignatureVerificationException if the delivery is not authentic, with the reason
   */
  Verification verify(WebhookHeaders headers, byte[] body, Instant receivedAt, List<MacKey> keys);

  /**
   * Signs {@code body} as a sender does, with a new id and the clock's time if the format has them,
   * and returns the headers to send, in order.
   */
  Map<String, String> sign(List<MacKey> keys, byte[] body, Clock clock);

  /**
   * Signs {@code body} with the given id and timestamp and returns the headers to send, in order.
   *
   * @throws IllegalStateException if the format has no id and timestamp
   * @throws IllegalArgumentException if the id or timestamp cannot be sent
   */
  Map<String, String> sign(List<MacKey> keys, String id, Instant timestamp, byte[] body);
}
