package io.eventsync.webhooks;

import io.eventsync.DecodingException;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies a webhook, then parses it into a typed {@link WebhookPayload}: never the other way
 * round, so unverified bytes are never decoded.
 *
 * <pre>{@code
 * WebhookParser parser = WebhookParser.of(verifier);
 * WebhookPayload payload = parser.verifyAndParse(headers, rawBody);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class WebhookParser {
  private final WebhookVerifier verifier;

  private WebhookParser(WebhookVerifier verifier) {
    this.verifier = verifier;
  }

  /** Returns a parser that verifies with {@code verifier}. */
  public static WebhookParser of(WebhookVerifier verifier) {
    return new WebhookParser(Objects.requireNonNull(verifier, "verifier == null"));
  }

  /** Returns the verifier. */
  public WebhookVerifier verifier() {
    return verifier;
  }

  /**
   * Verifies and parses a webhook with single-valued headers.
   *
   * @throws SignatureVerificationException if the webhook is not authentic
   * @throws DecodingException if it is authentic but not JSON, or a known shape with a wrong value
   */
  public WebhookPayload verifyAndParse(Map<String, String> headers, byte[] body) {
    return verifyAndParse(WebhookHeaders.of(headers), body);
  }

  /**
   * Verifies and parses a webhook.
   *
   * @param headers the request headers
   * @param body the raw body, exactly as received
   * @return the payload; {@link UnknownWebhookPayload} for shapes the SDK does not know
   * @throws SignatureVerificationException if the webhook is not authentic
   * @throws DecodingException if it is authentic but not JSON, or a known shape with a wrong value
   */
  public WebhookPayload verifyAndParse(WebhookHeaders headers, byte[] body) {
    return verifyAndParseDelivery(headers, body).payload();
  }

  /**
   * Verifies and parses a webhook, and returns it with which secret matched and its delivery id.
   *
   * @param headers the request headers
   * @param body the raw body, exactly as received
   * @return the delivery
   * @throws SignatureVerificationException if the webhook is not authentic
   * @throws DecodingException if it is authentic but not JSON, or a known shape with a wrong value
   */
  public WebhookDelivery verifyAndParseDelivery(WebhookHeaders headers, byte[] body) {
    Verification verification = verifier.verify(headers, body);
    return new WebhookDelivery(verification, PayloadDecoder.decode(body), body);
  }

  /**
   * Parses a body that was already verified (for example by a proxy) without verifying it again.
   *
   * @param verifiedBody the raw body, exactly as received and already verified
   * @return the payload; {@link UnknownWebhookPayload} for shapes the SDK does not know
   * @throws DecodingException if it is not JSON, or a known shape with a wrong value
   */
  public static WebhookPayload parseVerified(byte[] verifiedBody) {
    return PayloadDecoder.decode(Objects.requireNonNull(verifiedBody, "verifiedBody == null"));
  }

  @Override
  public String toString() {
    return "WebhookParser[" + verifier + "]";
  }
}
