package io.eventsync.webhooks;

import io.eventsync.auth.WebhookSecret;
import io.eventsync.webhooks.SignatureVerificationException.Reason;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a webhook was signed by someone who holds one of the configured secrets, working on
 * the raw body bytes exactly as received.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.builder(SignatureScheme.TIKINOW)
 *     .secret(WebhookSecret.of(System.getenv("TIKINOW_WEBHOOK_SECRET")))
 *     .build();
 * Verification ok = verifier.verify(headers, rawBody); // or SignatureVerificationException
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; build one per endpoint and share it. Several secrets
 * can be configured, each with an id, so that a secret can be rotated without downtime: the result
 * says which one matched. Signatures are compared in constant time, the body size is limited before
 * anything is hashed, and verification never calls {@code Mac.getInstance}.
 *
 * <p>Whatever the headers and body hold, {@code verify} either returns or throws {@link
 * SignatureVerificationException} with a {@link Reason}; no other exception escapes (a null
 * argument is a programming error and throws {@link NullPointerException}).
 */
public final class WebhookVerifier {
  /** The default limit on the body: 1 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  /** The id of a secret added without one. */
  public static final String DEFAULT_KEY_ID = "default";

  /** Longer header values are rejected as malformed without being parsed. */
  static final int MAX_HEADER_CHARS = 8 * 1024;

  /** More values of one header are rejected as malformed. */
  static final int MAX_HEADER_VALUES = 32;

  private static final Logger log = LoggerFactory.getLogger(WebhookVerifier.class);

  private final SignatureScheme scheme;
  private final List<MacKey> keys;
  private final int maxBodyBytes;
  private final Clock clock;

  private WebhookVerifier(Builder builder) {
    this.scheme = builder.scheme;
    List<MacKey> macKeys = new ArrayList<>();
    builder.keys.forEach((id, key) -> macKeys.add(new MacKey(id, key, scheme.macAlgorithm())));
    this.keys = List.copyOf(macKeys);
    this.maxBodyBytes = builder.maxBodyBytes;
    this.clock = builder.clock;
  }

  /** Returns a builder for a verifier of {@code scheme}. */
  public static Builder builder(SignatureScheme scheme) {
    return new Builder(scheme);
  }

  /** Returns the scheme this verifier checks. */
  public SignatureScheme scheme() {
    return scheme;
  }

  /** Returns the largest body accepted, in bytes. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Returns the ids of the configured secrets, in the order they are tried. */
  public List<String> keyIds() {
    return SignatureHeaders.ids(keys);
  }

  /**
   * Verifies a webhook whose headers are single-valued; see {@link #verify(WebhookHeaders,
   * byte[])}.
   *
   * @throws SignatureVerificationException if the webhook is not authentic, with the reason
   */
  public Verification verify(Map<String, String> headers, byte[] body) {
    return verify(WebhookHeaders.of(headers), body);
  }

  /**
   * Verifies a webhook against the verifier's clock.
   *
   * <p>The body size is checked first, then the headers' format, then the signatures, and only then
   * (Standard Webhooks) the timestamp: {@link Reason#TIMESTAMP_TOO_OLD} and {@link
   * Reason#TIMESTAMP_IN_FUTURE} therefore mean an authentic delivery that is stale or early (a
   * replay, a queue delay or clock skew), never a forgery.
   *
   * @param headers the request headers (names in any case)
   * @param body the raw request body, exactly as received: not re-encoded, not re-serialised
   * @return which secret matched and, for Standard Webhooks, the signed id and timestamp
   * @throws SignatureVerificationException if the webhook is not authentic, with the reason
   */
  public Verification verify(WebhookHeaders headers, byte[] body) {
    // Only timestamped schemes look at the time: the others skip reading the clock.
    return verify(headers, body, scheme.hasTimestamp() ? clock.instant() : Instant.EPOCH);
  }

  /**
   * Verifies a webhook as of {@code receivedAt} instead of now: for deliveries that were queued
   * before being verified, so that the timestamp tolerance applies to when it arrived. Schemes
   * without a timestamp ignore it.
   *
   * @param headers the request headers (names in any case)
   * @param body the raw request body, exactly as received
   * @param receivedAt when the webhook was received
   * @return which secret matched and, for Standard Webhooks, the signed id and timestamp
   * @throws SignatureVerificationException if the webhook is not authentic, with the reason
   */
  public Verification verify(WebhookHeaders headers, byte[] body, Instant receivedAt) {
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(body, "body == null");
    Objects.requireNonNull(receivedAt, "receivedAt == null");
    if (body.length > maxBodyBytes) {
      throw SignatureHeaders.failure(
          Reason.BODY_TOO_LARGE,
          "the body has "
              + body.length
              + " bytes, more than the limit of "
              + maxBodyBytes
              + "; raise maxBodyBytes(...) if such deliveries are expected");
    }
    Verification verified = scheme.format().verify(headers, body, receivedAt, keys);
    if (verified.webhookId() == null) {
      log.debug("webhook verified: scheme={}, key={}", scheme.name(), verified.keyId());
    } else {
      log.debug(
          "webhook verified: scheme={}, key={}, id={}",
          scheme.name(),
          verified.keyId(),
          verified.webhookId());
    }
    return verified;
  }

  /** Returns the scheme and the secrets' ids; never a secret. */
  @Override
  public String toString() {
    return "WebhookVerifier[" + scheme + ", keys=" + keyIds() + "]";
  }

  /** Configures a {@link WebhookVerifier}. Not thread-safe. */
  public static final class Builder {
    private final SignatureScheme scheme;
    private final Map<String, SigningKey> keys = new LinkedHashMap<>();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Clock clock = Clock.systemUTC();

    private Builder(SignatureScheme scheme) {
      this.scheme = Objects.requireNonNull(scheme, "scheme == null");
    }

    /**
     * Adds a 32-character webhook secret with the id {@value WebhookVerifier#DEFAULT_KEY_ID}.
     *
     * @throws IllegalArgumentException if a secret with that id was already added, or the scheme
     *     does not use such secrets
     */
    public Builder secret(WebhookSecret secret) {
      return secret(DEFAULT_KEY_ID, secret);
    }

    /**
     * Adds a 32-character webhook secret under {@code id}, for example {@code "2024-06"} and {@code
     * "2025-01"} while rotating. Secrets are tried in the order added.
     *
     * @throws IllegalArgumentException if {@code id} is empty or already used, or the scheme does
     *     not use such secrets
     */
    public Builder secret(String id, WebhookSecret secret) {
      Objects.requireNonNull(secret, "secret == null");
      return key(id, SigningKey.of(secret));
    }

    /**
     * Adds a key with the id {@value WebhookVerifier#DEFAULT_KEY_ID}.
     *
     * @throws IllegalArgumentException if a key with that id was already added, or the scheme does
     *     not accept this kind of key
     */
    public Builder key(SigningKey key) {
      return key(DEFAULT_KEY_ID, key);
    }

    /**
     * Adds a key under {@code id}. At least one key is required; keys are tried in the order added.
     *
     * @throws IllegalArgumentException if {@code id} is empty or already used, or the scheme does
     *     not accept this kind of key
     */
    public Builder key(String id, SigningKey key) {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(key, "key == null");
      if (id.isEmpty()) {
        throw new IllegalArgumentException("key id is empty");
      }
      if (keys.containsKey(id)) {
        throw new IllegalArgumentException(
            "a key with id \"" + id + "\" was already added; give each secret its own id");
      }
      scheme.checkKey(key);
      keys.put(id, key);
      return this;
    }

    /**
     * Sets the largest body accepted, in bytes; larger bodies fail with {@link
     * Reason#BODY_TOO_LARGE} before any hashing. Default: {@value
     * WebhookVerifier#DEFAULT_MAX_BODY_BYTES}.
     *
     * @throws IllegalArgumentException if {@code maxBodyBytes} is negative
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 0) {
        throw new IllegalArgumentException("maxBodyBytes < 0: " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** Sets the clock that timestamps are checked against. Default: {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Returns the verifier.
     *
     * @throws IllegalStateException if no secret or key was added
     */
    public WebhookVerifier build() {
      if (keys.isEmpty()) {
        throw new IllegalStateException("no secret: call secret(...) or key(...)");
      }
      return new WebhookVerifier(this);
    }
  }
}
