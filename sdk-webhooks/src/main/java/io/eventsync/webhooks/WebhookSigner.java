package io.eventsync.webhooks;

import io.eventsync.auth.WebhookSecret;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs webhook bodies the way a sender of a {@link SignatureScheme} does, and returns the headers
 * to send. For tests, the sandbox and anyone who sends webhooks.
 *
 * <pre>{@code
 * WebhookSigner signer = WebhookSigner.of(SignatureScheme.TIKINOW, secret);
 * Map<String, String> headers = signer.sign(body); // {"x-signature": "sha1=..."}
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; create one per secret and share it. Signing never
 * calls {@code Mac.getInstance}.
 */
public final class WebhookSigner {
  private final SignatureScheme scheme;
  private final List<MacKey> keys;
  private final Clock clock;

  private WebhookSigner(Builder builder) {
    this.scheme = builder.scheme;
    List<MacKey> macKeys = new ArrayList<>();
    for (SigningKey key : builder.keys) {
      macKeys.add(new MacKey(String.valueOf(macKeys.size()), key, scheme.macAlgorithm()));
    }
    this.keys = List.copyOf(macKeys);
    this.clock = builder.clock;
  }

  /**
   * Returns a signer for a 32-character webhook secret (its ASCII bytes are the key).
   *
   * @throws IllegalArgumentException if the scheme does not use such secrets (Standard Webhooks
   *     uses {@code whsec_} base64 secrets: see {@link SigningKey#standardWebhooks(String)})
   */
  public static WebhookSigner of(SignatureScheme scheme, WebhookSecret secret) {
    return builder(scheme).secret(secret).build();
  }

  /**
   * Returns a signer for one key.
   *
   * @throws IllegalArgumentException if the scheme does not accept this kind of key
   */
  public static WebhookSigner of(SignatureScheme scheme, SigningKey key) {
    return builder(scheme).key(key).build();
  }

  /** Returns a builder for a signer of {@code scheme}. */
  public static Builder builder(SignatureScheme scheme) {
    return new Builder(scheme);
  }

  /** Returns the scheme this signer signs for. */
  public SignatureScheme scheme() {
    return scheme;
  }

  /**
   * Signs {@code body} exactly as given and returns the headers to send with it, in order.
   *
   * <p>For {@link SignatureScheme#TIKINOW} that is {@code {"x-signature": "sha1=<hex>"}}. For
   * Standard Webhooks a new random id ({@code msg_...}) and the clock's current second are used;
   * see {@link #sign(String, Instant, byte[])}.
   */
  public Map<String, String> sign(byte[] body) {
    Objects.requireNonNull(body, "body == null");
    return scheme.format().sign(keys, body, clock);
  }

  /**
   * Signs a Standard Webhooks message and returns its {@code webhook-id}, {@code webhook-timestamp}
   * and {@code webhook-signature} headers (one {@code v1,} signature per key, space-separated).
   *
   * @param id the message id, unique per message and kept across retries
   * @param timestamp the signing time; sent as whole Unix seconds
   * @param body the exact bytes that will be sent
   * @throws IllegalStateException if this signer's scheme has no id and timestamp
   * @throws IllegalArgumentException if {@code id} is empty or has a character outside printable
   *     ASCII, or {@code timestamp} is before 1970
   */
  public Map<String, String> sign(String id, Instant timestamp, byte[] body) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(timestamp, "timestamp == null");
    Objects.requireNonNull(body, "body == null");
    if (!scheme.hasTimestamp()) {
      throw new IllegalStateException(
          scheme.name() + " signatures have no id or timestamp; call sign(body)");
    }
    return scheme.format().sign(keys, id, timestamp, body);
  }

  /** Returns the scheme and the number of keys; never a key. */
  @Override
  public String toString() {
    return "WebhookSigner[" + scheme + ", " + keys.size() + " key(s)]";
  }

  /** Configures a {@link WebhookSigner}. Not thread-safe. */
  public static final class Builder {
    private final SignatureScheme scheme;
    private final List<SigningKey> keys = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder(SignatureScheme scheme) {
      this.scheme = Objects.requireNonNull(scheme, "scheme == null");
    }

    /**
     * Adds a 32-character webhook secret; see {@link #key(SigningKey)}.
     *
     * @throws IllegalArgumentException if the scheme does not use such secrets
     */
    public Builder secret(WebhookSecret secret) {
      return key(SigningKey.of(secret));
    }

    /**
     * Adds a key. Standard Webhooks signers may have several (each adds one signature, as a sender
     * does while rotating); other schemes carry exactly one signature. No default: at least one is
     * required.
     *
     * @throws IllegalArgumentException if the scheme does not accept this kind of key
     */
    public Builder key(SigningKey key) {
      Objects.requireNonNull(key, "key == null");
      scheme.checkKey(key);
      keys.add(key);
      return this;
    }

    /**
     * Sets the clock that dates Standard Webhooks messages signed by {@link
     * WebhookSigner#sign(byte[])}. Default: {@link Clock#systemUTC()}.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Returns the signer.
     *
     * @throws IllegalStateException if no key was set, or several for a single-signature scheme
     */
    public WebhookSigner build() {
      if (keys.isEmpty()) {
        throw new IllegalStateException("no key: call secret(...) or key(...)");
      }
      if (keys.size() > 1 && !scheme.format().carriesSeveralSignatures()) {
        throw new IllegalStateException(
            scheme.name()
                + " deliveries carry one signature, but "
                + keys.size()
                + " keys were set");
      }
      return new WebhookSigner(this);
    }
  }
}
