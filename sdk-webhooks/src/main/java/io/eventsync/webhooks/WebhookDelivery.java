package io.eventsync.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * A verified and parsed webhook, as handed to a {@link WebhookHandler}: the payload, which secret
 * matched, and a delivery id that stays the same when the sender retries.
 *
 * <p>The delivery id is the signed {@code webhook-id} (Standard Webhooks); else the CloudEvent
 * {@code id} ({@code cloudevent:<id>}, Hii Retail); else, because TikiNOW deliveries carry no id,
 * {@code sha256:<hex>} of the body, so that a retried delivery (same bytes) has the same id and two
 * different changes (they differ at least in {@code date}) have different ones. Immutable.
 */
public final class WebhookDelivery {
  private final Verification verification;
  private final WebhookPayload payload;
  private final String deliveryId;
  private final byte[] body;

  /**
   * Creates a delivery.
   *
   * @param verification the result of verifying the body
   * @param payload the parsed body
   * @param body the raw body (copied)
   */
  public WebhookDelivery(Verification verification, WebhookPayload payload, byte[] body) {
    this.verification = Objects.requireNonNull(verification, "verification == null");
    this.payload = Objects.requireNonNull(payload, "payload == null");
    this.body = Objects.requireNonNull(body, "body == null").clone();
    this.deliveryId = deliveryIdOf(verification, payload, this.body);
  }

  private static String deliveryIdOf(
      Verification verification, WebhookPayload payload, byte[] body) {
    if (verification.webhookId() != null) {
      return verification.webhookId();
    }
    if (payload instanceof HiiRetailEvent && ((HiiRetailEvent) payload).id() != null) {
      return "cloudevent:" + ((HiiRetailEvent) payload).id();
    }
    try {
      return "sha256:" + Hex.encode(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  /** Returns which secret matched and the signed id and timestamp, if any. */
  public Verification verification() {
    return verification;
  }

  /** Returns the parsed body. */
  public WebhookPayload payload() {
    return payload;
  }

  /** Returns an id that is the same for every retry of this delivery; see the class docs. */
  public String deliveryId() {
    return deliveryId;
  }

  /** Returns a copy of the raw body. */
  public byte[] body() {
    return body.clone();
  }

  /** Returns the raw body decoded as UTF-8. */
  public String bodyUtf8() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Returns the delivery id, the key id and the payload type; not the body. */
  @Override
  public String toString() {
    return "WebhookDelivery[id="
        + deliveryId
        + ", key="
        + verification.keyId()
        + ", payload="
        + payload.getClass().getSimpleName()
        + "]";
  }
}
