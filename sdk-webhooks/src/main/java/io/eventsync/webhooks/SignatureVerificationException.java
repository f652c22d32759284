package io.eventsync.webhooks;

import io.eventsync.EventSyncException;
import java.util.Objects;

/**
 * A webhook failed verification; {@link #reason()} says why.
 *
 * <p>This is the only exception that {@link WebhookVerifier#verify(WebhookHeaders, byte[])} throws
 * for any content of the headers and body. The message says what was wrong and how to fix it; it
 * never contains a secret or a presented signature.
 */
public class SignatureVerificationException extends EventSyncException {
  private static final long serialVersionUID = 1L;

  /** Why a webhook failed verification. */
  public enum Reason {
    /** A header the scheme needs (signature, id or timestamp) is absent or empty. */
    MISSING_HEADER,
    /** A header is present but not in the scheme's format (prefix, hex or base64, length). */
    MALFORMED_HEADER,
    /** The signatures are well formed but none matches the body under any configured secret. */
    NO_MATCHING_SIGNATURE,
    /** The signed timestamp is older than the scheme's past tolerance. */
    TIMESTAMP_TOO_OLD,
    /** The signed timestamp is further in the future than the scheme's future tolerance. */
    TIMESTAMP_IN_FUTURE,
    /** The body is larger than the verifier's limit; it was not hashed. */
    BODY_TOO_LARGE
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why verification failed
   * @param message what was wrong and how to fix it; must not contain a secret or signature
   */
  public SignatureVerificationException(Reason reason, String message) {
    super(Objects.requireNonNull(reason, "reason == null") + ": " + message);
    this.reason = reason;
  }

  /** Returns why verification failed. */
  public Reason reason() {
    return reason;
  }
}
